import type { Command } from './Command.ts';
import { EDIT_COMMANDS } from './editCommands.ts';
import { FILE_COMMANDS } from './fileCommands.ts';
import { chordIdentity, parseChord } from './shortcuts.ts';
import { SIM_COMMANDS } from './simCommands.ts';
import { VIEW_COMMANDS } from './viewCommands.ts';

/**
 * Every command of the app, by id. The id is also the native menu item's id and what the menu sends
 * back. Built once; a shortcut claimed by two commands is refused here, at start-up, so a conflict can
 * never reach a user.
 */
const ALL = { ...FILE_COMMANDS, ...EDIT_COMMANDS, ...VIEW_COMMANDS, ...SIM_COMMANDS };

export type CommandId = keyof typeof ALL;

export const COMMANDS: Readonly<Record<CommandId, Command>> = checkedRegistry(ALL);

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && Object.hasOwn(COMMANDS, value);
}

/** Returns `commands` after checking that every shortcut parses and belongs to one command only. */
export function checkedRegistry<T extends Record<string, Command>>(commands: T): T {
  const owners = new Map<string, string>();
  for (const [id, command] of Object.entries(commands)) {
    for (const shortcut of command.shortcuts ?? []) {
      const key = chordIdentity(parseChord(shortcut));
      const owner = owners.get(key);
      if (owner !== undefined && owner !== id) {
        throw new Error(`The shortcut ${shortcut} belongs to both ${owner} and ${id}.`);
      }
      owners.set(key, id);
    }
  }
  return commands;
}
