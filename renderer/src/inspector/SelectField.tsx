import { useId } from 'react';
import type { Shown } from './issuesFor.ts';
import { Row } from './Row.tsx';

export interface SelectFieldProps {
  label: string;
  prefix?: string;
  value: string;
  options: readonly { value: string; label: string }[];
  /** Called at once with the chosen option's value: a select's change is one whole edit. */
  onChange: (value: string) => void;
  issues?: readonly Shown[];
}

/**
 * A labelled select. A stored value that is none of the options (a typo in a hand-written file) is
 * still listed, so the field shows what the file says next to the validator's message.
 */
export function SelectField({ label, prefix, value, options, onChange, issues = [] }: SelectFieldProps) {
  const id = useId();
  const known = options.some((o) => o.value === value);
  return (
    <Row htmlFor={id} label={label} prefix={prefix} issues={issues}>
      <select
        id={id}
        value={value}
        aria-invalid={issues.length > 0 || undefined}
        aria-describedby={issues.length > 0 ? `${id}-issues` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {!known && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Row>
  );
}
