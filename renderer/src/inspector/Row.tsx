import type { ReactNode } from 'react';

/** Red messages under a field or a group: what the validator says is wrong there. */
export function Issues({ id, messages }: { id?: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="insp-issues" id={id}>
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

interface RowProps {
  /** The id of the input the label names. */
  htmlFor: string;
  /** The visible label. */
  label: string;
  /** Read by screen readers (and `getByLabel`) before the label: "Service time" for a "p50" row. */
  prefix?: string;
  /** After the control; `''` keeps the slot empty, so numeric inputs line up. */
  unit?: string;
  issues?: readonly string[];
  children: ReactNode;
}

/**
 * One field: the label on the left, the control and its unit on the right, the field's problems in red
 * underneath. The unit stays outside the label, so the accessible name is the bare label ("Rate").
 */
export function Row({ htmlFor, label, prefix, unit, issues = [], children }: RowProps) {
  return (
    <div className={issues.length > 0 ? 'insp-row invalid' : 'insp-row'}>
      <label htmlFor={htmlFor}>
        {prefix && <span className="sr-only">{prefix} </span>}
        {label}
      </label>
      <div className="insp-control">
        {children}
        {unit !== undefined && <span className="insp-unit">{unit}</span>}
      </div>
      <Issues id={`${htmlFor}-issues`} messages={issues} />
    </div>
  );
}
