import { useId } from 'react';
import { useT } from '../i18n/useT.ts';
import { removeIn, setIn } from './fieldPaths.ts';
import type { ItemIssues } from './issuesFor.ts';
import { NumberInput } from './NumberInput.tsx';
import { Issues } from './Row.tsx';
import { TextInput } from './TextInput.tsx';

export interface Column {
  key: string;
  /** The visible column heading (with its unit). */
  header: string;
  /** The accessible name of row `n`'s input ("Point 1 at"). */
  name: (n: number) => string;
  type: 'number' | 'text';
  integer?: boolean;
}

type Item = Record<string, unknown>;

interface ListRowsProps {
  rows: readonly Item[] | undefined;
  columns: readonly Column[];
  /** The problems at and below the list. */
  issues: ItemIssues;
  /** One committed edit of the list; `undefined` when the last row is removed (the key goes). */
  onCommit: (rows: Item[] | undefined) => void;
  newRow: (rows: readonly Item[]) => Item;
  addLabel: string;
  removeLabel: (n: number) => string;
}

/** An editable table of small objects (profile points, request classes): add and remove rows. */
export function ListRows({
  rows = [],
  columns,
  issues,
  onCommit,
  newRow,
  addLabel,
  removeLabel,
}: ListRowsProps) {
  const t = useT();
  const base = useId();
  const write = (index: number, key: string, value: unknown) =>
    onCommit(
      rows.map((row, i) =>
        i !== index
          ? row
          : value === undefined || value === ''
            ? removeIn(row, [key])
            : setIn(row, [key], value),
      ),
    );
  const remove = (index: number) => {
    const rest = rows.filter((_, i) => i !== index);
    onCommit(rest.length > 0 ? rest : undefined);
  };
  const claimed = rows.flatMap((_, i) => columns.map((c) => [i, c.key]));
  return (
    <div className="insp-rows">
      {rows.length > 0 && (
        <div className="insp-rows-head" aria-hidden="true">
          {columns.map((c) => (
            <span key={c.key}>{c.header}</span>
          ))}
        </div>
      )}
      {rows.map((row, i) => {
        const n = i + 1;
        const messages = columns.flatMap((c) => issues.at([i, c.key]));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div key={i} className="insp-rows-row">
            {columns.map((c) => {
              const id = `${base}-${n}-${c.key}`;
              const invalid = issues.at([i, c.key]).length > 0;
              return (
                <span key={c.key} className="insp-cell">
                  <label className="sr-only" htmlFor={id}>
                    {c.name(n)}
                  </label>
                  {c.type === 'number' ? (
                    <NumberInput
                      id={id}
                      value={row[c.key]}
                      integer={c.integer}
                      invalid={invalid}
                      describedBy={`${base}-${n}-issues`}
                      onCommit={(v) => write(i, c.key, v)}
                    />
                  ) : (
                    <TextInput
                      id={id}
                      value={typeof row[c.key] === 'string' ? (row[c.key] as string) : ''}
                      invalid={invalid}
                      describedBy={`${base}-${n}-issues`}
                      onCommit={(v) => write(i, c.key, v)}
                    />
                  )}
                </span>
              );
            })}
            <button
              type="button"
              className="insp-remove"
              aria-label={removeLabel(n)}
              title={t('insp.remove')}
              onClick={() => remove(i)}
            >
              ×
            </button>
            <Issues id={`${base}-${n}-issues`} messages={messages} />
          </div>
        );
      })}
      <Issues messages={issues.rest([], claimed)} />
      <button type="button" className="insp-add" onClick={() => onCommit([...rows, newRow(rows)])}>
        {addLabel}
      </button>
    </div>
  );
}
