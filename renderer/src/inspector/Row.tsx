import type { ReactNode } from 'react';
import { useIssueWords } from '../i18n/useT.ts';
import type { Shown } from './issuesFor.ts';

interface IssuesProps {
  id?: string;
  messages: readonly Shown[];
  /** The field shows fractions as percentages: so do its messages (`got 150 %`). */
  percent?: boolean;
}

/** Red messages under a field or a group: what the validator says is wrong there, in the UI language. */
export function Issues({ id, messages, percent = false }: IssuesProps) {
  const words = useIssueWords();
  if (messages.length === 0) return null;
  const texts = messages.map((m) => (typeof m === 'string' ? m : words(m, percent)));
  return (
    <ul className="insp-issues" id={id}>
      {texts.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same message may appear twice (two keys)
        <li key={i}>{text}</li>
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
  issues?: readonly Shown[];
  percent?: boolean;
  children: ReactNode;
}

/**
 * One field: the label on the left, the control and its unit on the right, the field's problems in red
 * underneath. The unit stays outside the label, so the accessible name is the bare label ("Rate").
 */
export function Row({ htmlFor, label, prefix, unit, issues = [], percent, children }: RowProps) {
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
      <Issues id={`${htmlFor}-issues`} messages={issues} percent={percent} />
    </div>
  );
}
