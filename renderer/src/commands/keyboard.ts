import type { CommandContext } from './Command.ts';
import { executeCommand } from './dispatch.ts';
import { COMMANDS, type CommandId } from './registry.ts';
import { type Chord, isMac, type KeyLike, matchesChord, parseChord } from './shortcuts.ts';

/**
 * The keyboard's path into the dispatcher. A key that is a command's shortcut is always consumed
 * (`preventDefault`), which is also what keeps the native menu from running it a second time: Electron
 * performs a menu accelerator only for a key the page did not handle. Keys the page leaves alone: in a
 * text field, those of commands that belong to the field (copy, undo, Delete…); anything while a modal
 * dialog or a menu of the page has the keyboard.
 */

const CHORDS: readonly (readonly [Chord, CommandId])[] = Object.entries(COMMANDS).flatMap(([id, command]) =>
  (command.shortcuts ?? []).map((shortcut) => [parseChord(shortcut), id as CommandId] as const),
);

/** The command whose shortcut `event` is, if any (the registry guarantees at most one). */
export function commandForKey(event: KeyLike, mac: boolean): CommandId | null {
  for (const [chord, id] of CHORDS) if (matchesChord(chord, event, mac)) return id;
  return null;
}

export interface KeyEvent extends KeyLike {
  target: EventTarget | null;
  repeat: boolean;
  isComposing: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export interface KeyEnvironment {
  mac: boolean;
  /** Whether the key belongs to something else now: a modal dialog is open, a page menu has the focus. */
  blocked(target: EventTarget | null): boolean;
  /** Whether `target` takes text (an input, a text area, a select). */
  typing(target: EventTarget | null): boolean;
  /** Commits and leaves the focused field, before a command that runs while typing. */
  leaveField(target: EventTarget | null): void;
}

/** The keydown listener: runs the key's command through the dispatcher, or leaves the key alone. */
export function createKeyHandler(context: () => CommandContext, env: KeyEnvironment) {
  return (event: KeyEvent): void => {
    if (event.defaultPrevented || event.isComposing || env.blocked(event.target)) return;
    const id = commandForKey(event, env.mac);
    if (id === null) return;
    const command = COMMANDS[id];
    const typing = env.typing(event.target);
    if (typing && !command.whileTyping) return;
    event.preventDefault();
    if (event.repeat && !command.repeats) return;
    if (typing) env.leaveField(event.target);
    void executeCommand(id, context(), 'keyboard');
  };
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** Whether `el` takes text, so that Undo, Copy, Paste, Delete… belong to it. */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if ((el as HTMLElement).isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')
    return true;
  return el.tagName === 'INPUT' && !NON_TEXT_INPUTS.has((el as HTMLInputElement).type);
}

/** The page's own keyboard environment. */
export const DOM_KEYS: KeyEnvironment = {
  mac: isMac(),
  blocked: (target) =>
    document.querySelector('dialog[open]') !== null ||
    (target instanceof Element && target.closest('[role="menu"]') !== null),
  typing: (target) => target instanceof Element && isTextField(target),
  leaveField: (target) => {
    if (target instanceof HTMLElement) target.blur();
  },
};
