import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { type CsvExport, ExportButtons, type PngExport } from './ExportButtons.tsx';

/** The form's run button: Run, or Cancel while the analysis runs. */
export interface RunButton {
  label: string;
  running: boolean;
  /** False when there is nothing to run: the button is disabled. */
  enabled?: boolean;
  /** Submitting the form: check the fields and start, or say what is wrong through `invalid`. */
  start: () => void;
  cancel: () => void;
}

interface AnalysisFormProps {
  /** The form's accessible name: its tab's title. */
  label: string;
  /** The panel's fields, in `analysis-row`s. */
  children: ReactNode;
  run: RunButton;
  csv: CsvExport;
  png: PngExport;
  /** What is wrong with the fields, shown as an alert under them; null when nothing is. */
  invalid: string | null;
}

/**
 * The form of an analysis panel: its fields, then Run (Cancel while it runs) and the export buttons,
 * then what is wrong with the fields, if anything.
 */
export function AnalysisForm({ label, children, run, csv, png, invalid }: AnalysisFormProps) {
  const t = useT();
  return (
    <form
      className="analysis-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        run.start();
      }}
    >
      {children}
      <div className="analysis-row analysis-actions">
        {run.running ? (
          // Keys keep the two apart: a reused element would turn into the submit button while its click
          // is still being handled, and the click would start a new run.
          <button key="cancel" type="button" onClick={run.cancel}>
            {t('limit.cancel')}
          </button>
        ) : (
          <button key="run" type="submit" className="primary" disabled={run.enabled === false}>
            {run.label}
          </button>
        )}
        <ExportButtons csv={csv} png={png} />
      </div>
      {invalid && (
        <p className="analysis-invalid" role="alert">
          {invalid}
        </p>
      )}
    </form>
  );
}
