import { useRef, useState } from 'react';
import type { CommandSource } from './Command.ts';
import { CommandMenu, type MenuEntry } from './CommandMenu.tsx';

/** A toolbar button that opens a menu of commands below it (Export ▾). */
export function MenuButton({
  label,
  entries,
  source = 'toolbar',
}: {
  label: string;
  entries: readonly MenuEntry[];
  source?: CommandSource;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <span className="menu-button">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && <CommandMenu entries={entries} label={label} source={source} onClose={close} />}
    </span>
  );
}
