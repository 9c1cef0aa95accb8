import { useId } from 'react';
import { useT } from '../i18n/useT.ts';
import type { ItemIssues } from './issuesFor.ts';
import { NumberInput } from './NumberInput.tsx';
import { Issues } from './Row.tsx';

interface PercentileRowsProps {
  /** The distribution's label, the start of each input's accessible name. */
  label: string;
  unit: string;
  percentiles: Record<string, number>;
  /** The problems at and below `percentiles`. */
  issues: ItemIssues;
  onCommit: (percentiles: Record<string, number>) => void;
}

/** Percentiles a new row offers, in order of usefulness. */
const NEW_ROWS = [50, 90, 99, 100, 95, 99.9, 75, 25, 10];

/** The rows of an empirical distribution: percentile → value, sorted by percentile. */
export function PercentileRows({ label, unit, percentiles, issues, onCommit }: PercentileRowsProps) {
  const t = useT();
  const base = useId();
  const keys = Object.keys(percentiles).sort((a, b) => Number(a) - Number(b));
  const renameKey = (from: string, to: number | undefined) => {
    if (to === undefined || String(to) === from) return;
    const next: Record<string, number> = {};
    for (const k of keys) next[k === from ? String(to) : k] = percentiles[k];
    onCommit(next);
  };
  const setValue = (key: string, value: number | undefined) => {
    const { [key]: _, ...rest } = percentiles;
    onCommit(value === undefined ? rest : { ...percentiles, [key]: value });
  };
  const add = () => {
    const free = NEW_ROWS.find((p) => !(String(p) in percentiles));
    const last = keys.length > 0 ? percentiles[keys[keys.length - 1]] : 10;
    if (free !== undefined) onCommit({ ...percentiles, [String(free)]: last });
  };
  return (
    <div className="insp-rows">
      <div className="insp-rows-head" aria-hidden="true">
        <span>{t('insp.dist.percentile')}</span>
        <span>
          {t('insp.dist.field.value')} ({unit})
        </span>
      </div>
      {keys.map((key, i) => {
        const n = i + 1;
        const id = `${base}-${n}`;
        const messages = issues.at([key]);
        return (
          <div key={key} className="insp-rows-row">
            <label className="sr-only" htmlFor={`${id}-p`}>
              {t('insp.dist.rowPercentile', { field: label, n })}
            </label>
            <NumberInput
              id={`${id}-p`}
              value={Number(key)}
              invalid={messages.length > 0}
              onCommit={(v) => renameKey(key, v)}
            />
            <label className="sr-only" htmlFor={`${id}-v`}>
              {t('insp.dist.rowValue', { field: label, n })}
            </label>
            <NumberInput id={`${id}-v`} value={percentiles[key]} onCommit={(v) => setValue(key, v)} />
            <button
              type="button"
              className="insp-remove"
              aria-label={t('insp.dist.removeRow', { field: label, n })}
              title={t('insp.remove')}
              onClick={() => setValue(key, undefined)}
            >
              ×
            </button>
            <Issues id={`${id}-p-issues`} messages={messages} />
          </div>
        );
      })}
      <Issues
        messages={issues.rest(
          [],
          keys.map((k) => [k]),
        )}
      />
      <button type="button" className="insp-add" onClick={add}>
        {t('insp.dist.addRow')}
      </button>
    </div>
  );
}
