import { useT } from '../i18n/useT.ts';

/**
 * The sign over an analysis answer computed from another version of the document (`changedSince`):
 * the answer stays, dimmed by its panel, until the user runs it again or undoes back to that version.
 */
export function StaleNote({ testId }: { testId: string }) {
  const t = useT();
  return (
    <p className="analysis-stale" role="status" data-testid={testId}>
      <span aria-hidden="true">⚠ </span>
      {t('analysis.stale')}
    </p>
  );
}
