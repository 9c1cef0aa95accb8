import { useId } from 'react';
import type { Shown } from './issuesFor.ts';
import { Row } from './Row.tsx';
import { TextInput } from './TextInput.tsx';

export interface TextFieldProps {
  label: string;
  prefix?: string;
  value: string;
  onCommit: (value: string) => void;
  issues?: readonly Shown[];
  placeholder?: string;
  readOnly?: boolean;
}

/** A labelled text input; commits on blur or Enter and shows its problems. */
export function TextField({ label, prefix, issues = [], ...input }: TextFieldProps) {
  const id = useId();
  return (
    <Row htmlFor={id} label={label} prefix={prefix} issues={issues}>
      <TextInput id={id} invalid={issues.length > 0} {...input} />
    </Row>
  );
}
