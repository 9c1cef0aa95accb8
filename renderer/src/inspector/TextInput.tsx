import { type KeyboardEvent, useState } from 'react';

export interface TextInputProps {
  id: string;
  value: string;
  /** Called once per committed edit (blur or Enter) with the trimmed text, when it changed. */
  onCommit: (value: string) => void;
  placeholder?: string;
  invalid?: boolean;
  /** The id of the element that lists this input's problems (default `<id>-issues`). */
  describedBy?: string;
  readOnly?: boolean;
  className?: string;
}

/** A text input that commits on blur or Enter (one undo step per edit); Escape drops the draft. */
export function TextInput({
  id,
  value,
  onCommit,
  placeholder,
  invalid,
  describedBy,
  readOnly,
  className,
}: TextInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    const text = draft.trim();
    if (text !== value) onCommit(text);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape') setDraft(null);
  };
  return (
    <input
      id={id}
      className={className}
      type="text"
      value={draft ?? value}
      placeholder={placeholder}
      readOnly={readOnly}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? (describedBy ?? `${id}-issues`) : undefined}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  );
}
