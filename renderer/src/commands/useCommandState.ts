import { useStore } from '../store/store.ts';
import type { Command } from './Command.ts';
import { ariaShortcuts, buttonLabel, tooltip } from './labels.ts';
import { COMMANDS, type CommandId } from './registry.ts';
import { isMac } from './shortcuts.ts';

const MAC = isMac();

/** What a button or menu item shows for command `id`: its name, tooltip, shortcuts and states. */
export function useCommandState(id: CommandId) {
  const command: Command = COMMANDS[id];
  const locale = useStore((s) => s.locale);
  const enabled = useStore((s) => !command.enabled || command.enabled(s));
  const checked = useStore((s) => (command.checked ? command.checked(s) : undefined));
  return {
    label: buttonLabel(id, locale),
    title: tooltip(id, locale, MAC),
    keyShortcuts: ariaShortcuts(id, MAC),
    enabled,
    checked,
  };
}
