import { type KeyboardEvent, useState } from 'react';
import { formatNumber, parseNumber } from './numbers.ts';

export interface NumberInputProps {
  id: string;
  /** The stored value; anything but a finite number shows as empty. */
  value: unknown;
  /** Called once per committed edit (blur or Enter) with the value to store; `undefined` for empty. */
  onCommit: (value: number | undefined) => void;
  /** Shows a stored fraction (0..1) as a percentage. */
  percent?: boolean;
  integer?: boolean;
  placeholder?: string;
  invalid?: boolean;
  /** The id of the element that lists this input's problems (default `<id>-issues`). */
  describedBy?: string;
  className?: string;
}

/**
 * A numeric input that edits a draft while the user types and commits on blur or Enter, so a whole
 * edit is one undo step; Escape drops the draft. Text the browser cannot read as a number is refused.
 */
export function NumberInput({
  id,
  value,
  onCommit,
  percent = false,
  integer = false,
  placeholder,
  invalid = false,
  describedBy,
  className,
}: NumberInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const stored = typeof value === 'number' ? value : undefined;
  const commit = (input: HTMLInputElement) => {
    if (draft === null) return;
    setDraft(null);
    if (input.validity.badInput) return;
    const parsed = parseNumber(draft, percent);
    if (parsed === null || parsed === stored) return;
    onCommit(parsed);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit(e.currentTarget);
    else if (e.key === 'Escape') setDraft(null);
  };
  return (
    <input
      id={id}
      className={className}
      type="number"
      step={integer ? 1 : 'any'}
      value={draft ?? formatNumber(stored, percent)}
      placeholder={placeholder}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? (describedBy ?? `${id}-issues`) : undefined}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={(e) => commit(e.currentTarget)}
      onKeyDown={onKeyDown}
    />
  );
}
