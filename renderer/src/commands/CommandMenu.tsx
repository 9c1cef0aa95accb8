import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useStore } from '../store/store.ts';
import type { CommandSource } from './Command.ts';
import { useRunCommand } from './Commands.tsx';
import { ariaShortcuts, menuLabel, shortcutText, stripMnemonic } from './labels.ts';
import { COMMANDS, type CommandId } from './registry.ts';
import { isMac } from './shortcuts.ts';

const MAC = isMac();

export type MenuEntry = { id: CommandId; value?: unknown; label?: string } | { heading: string } | '-';

/**
 * A menu of commands in the page (the toolbar's Export menu, the canvas's context menu): each item runs
 * its command through the dispatcher and closes the menu. Arrow keys move, Escape and Tab close, a
 * click elsewhere closes.
 */
export function CommandMenu({
  entries,
  label,
  source,
  onClose,
  className,
  position,
}: {
  entries: readonly MenuEntry[];
  label: string;
  source: CommandSource;
  onClose: () => void;
  className?: string;
  /** Where it opens, in window coordinates (a context menu); absent: placed by its stylesheet. */
  position?: { x: number; y: number };
}) {
  const run = useRunCommand();
  const state = useStore();
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const menu = ref.current;
    menu?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (menu && !menu.contains(e.target as Node)) onCloseRef.current();
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, []);

  // Kept inside the window: a menu opened near the right or bottom edge opens leftwards or upwards.
  const x = position?.x;
  const y = position?.y;
  useEffect(() => {
    const menu = ref.current;
    if (!menu || x === undefined || y === undefined) return;
    const box = menu.getBoundingClientRect();
    menu.style.left = `${Math.max(4, Math.min(x, window.innerWidth - box.width - 4))}px`;
    menu.style.top = `${Math.max(4, Math.min(y, window.innerHeight - box.height - 4))}px`;
  }, [x, y]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <div
      ref={ref}
      className={`context-menu command-menu${className ? ` ${className}` : ''}`}
      role="menu"
      aria-label={label}
      tabIndex={-1}
      style={position ? { left: position.x, top: position.y } : undefined}
      onKeyDown={onKeyDown}
    >
      {entries.map((entry, i) => {
        if (entry === '-') return <hr key={`after-${keyOf(entries[i - 1])}`} className="menu-separator" />;
        if ('heading' in entry) {
          return (
            <div key={entry.heading} className="context-menu-title" role="presentation">
              {entry.heading}
            </div>
          );
        }
        const command = COMMANDS[entry.id];
        const enabled = !command.enabled || command.enabled(state);
        const shortcut = shortcutText(entry.id, MAC);
        return (
          <button
            key={keyOf(entry)}
            type="button"
            role="menuitem"
            disabled={!enabled}
            data-command={entry.id}
            aria-keyshortcuts={ariaShortcuts(entry.id, MAC)}
            onClick={() => {
              onClose();
              void run(entry.id, source, entry.value);
            }}
          >
            <span>{entry.label ?? stripMnemonic(menuLabel(entry.id, state.locale))}</span>
            {shortcut && (
              <span className="menu-shortcut" aria-hidden="true">
                {shortcut}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

function keyOf(entry: MenuEntry | undefined): string {
  if (entry === undefined || entry === '-') return '';
  return 'heading' in entry ? entry.heading : `${entry.id}-${entry.label ?? ''}`;
}
