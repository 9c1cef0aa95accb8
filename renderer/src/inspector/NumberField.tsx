import { useId } from 'react';
import type { Shown } from './issuesFor.ts';
import { NumberInput } from './NumberInput.tsx';
import { Row } from './Row.tsx';

export interface NumberFieldProps {
  label: string;
  /** Screen-reader context before the label ("Service time" for "p50"). */
  prefix?: string;
  unit?: string;
  value: unknown;
  onCommit: (value: number | undefined) => void;
  issues?: readonly Shown[];
  /** The file stores a fraction 0..1; the field shows and reads a percentage. */
  percent?: boolean;
  integer?: boolean;
  /** Shown when empty: the default the engine uses, or "none". */
  placeholder?: string;
}

/** A labelled numeric input with its unit; commits on blur or Enter and shows its problems. */
export function NumberField({ label, prefix, unit, issues = [], ...input }: NumberFieldProps) {
  const id = useId();
  return (
    <Row
      htmlFor={id}
      label={label}
      prefix={prefix}
      unit={unit ?? (input.percent ? '%' : '')}
      issues={issues}
      percent={input.percent}
    >
      <NumberInput id={id} invalid={issues.length > 0} {...input} />
    </Row>
  );
}
