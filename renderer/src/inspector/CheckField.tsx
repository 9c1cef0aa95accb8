import { useId } from 'react';
import type { Shown } from './issuesFor.ts';
import { Row } from './Row.tsx';

export interface CheckFieldProps {
  label: string;
  prefix?: string;
  checked: boolean;
  /** Called at once: a toggle is one whole edit. */
  onChange: (checked: boolean) => void;
  issues?: readonly Shown[];
}

/** A labelled checkbox in a field row: the on/off switch of an optional group, or a boolean parameter. */
export function CheckField({ label, prefix, checked, onChange, issues = [] }: CheckFieldProps) {
  const id = useId();
  return (
    <Row htmlFor={id} label={label} prefix={prefix} issues={issues}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </Row>
  );
}
