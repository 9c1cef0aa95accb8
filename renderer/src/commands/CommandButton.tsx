import type { ReactNode } from 'react';
import type { CommandSource } from './Command.ts';
import { useRunCommand } from './Commands.tsx';
import type { CommandId } from './registry.ts';
import { useCommandState } from './useCommandState.ts';

/**
 * A button for command `id`: its name (or `children`, with the name as the accessible name), a tooltip
 * with the shortcut, greyed out when the command does not apply, pressed when it is on.
 */
export function CommandButton({
  id,
  source = 'toolbar',
  className,
  children,
}: {
  id: CommandId;
  source?: CommandSource;
  className?: string;
  children?: ReactNode;
}) {
  const run = useRunCommand();
  const { label, title, keyShortcuts, enabled, checked } = useCommandState(id);
  return (
    <button
      type="button"
      className={className}
      disabled={!enabled}
      aria-pressed={checked}
      aria-label={children === undefined ? undefined : label}
      aria-keyshortcuts={keyShortcuts}
      title={title}
      data-command={id}
      onClick={() => void run(id, source)}
    >
      {children ?? label}
    </button>
  );
}
