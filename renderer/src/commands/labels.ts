import { type Locale, translate } from '../i18n/messages.ts';
import type { Command } from './Command.ts';
import { COMMANDS, type CommandId } from './registry.ts';
import { formatChord, parseChord } from './shortcuts.ts';

/** A command's name, shortcut and tooltip as each place shows them, in the UI's language. */

const command = (id: CommandId): Command => COMMANDS[id];

/** The name as a menu shows it, with its access-key marker ('&Open…', '打开(&O)…'). */
export function menuLabel(id: CommandId, locale: Locale): string {
  const c = command(id);
  return translate(locale, c.label, c.labelVars as Record<string, string | number> | undefined);
}

/** The name without the access key and without the '…' a menu adds ('Open', '打开'). */
export function buttonLabel(id: CommandId, locale: Locale): string {
  return stripMnemonic(menuLabel(id, locale)).replace(/…$/, '');
}

/** '&Save' → 'Save', '保存(&S)' → '保存', '&&' → '&'. */
export function stripMnemonic(label: string): string {
  return label
    .replace(/\(&[^)]\)/g, '')
    .replace(/&(&?)/g, '$1')
    .trim();
}

/** The first shortcut as a tooltip shows it ('Ctrl+O', '⌘O'), or null. */
export function shortcutText(id: CommandId, mac: boolean): string | null {
  const first = command(id).shortcuts?.[0];
  return first ? formatChord(parseChord(first), mac) : null;
}

/** The shortcuts for `aria-keyshortcuts` ('Control+Shift+S Control+Y'). */
export function ariaShortcuts(id: CommandId, mac: boolean): string | undefined {
  const all = command(id).shortcuts ?? [];
  if (all.length === 0) return undefined;
  return all
    .map((text) => {
      const chord = parseChord(text);
      const key = chord.key === '+' ? 'Plus' : chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
      return [chord.mod && (mac ? 'Meta' : 'Control'), chord.alt && 'Alt', chord.shift && 'Shift', key]
        .filter(Boolean)
        .join('+');
    })
    .join(' ');
}

/** The tooltip: the hint (or the name), then the shortcut in parentheses. */
export function tooltip(id: CommandId, locale: Locale, mac: boolean): string {
  const c = command(id);
  const text = c.hint ? translate(locale, c.hint) : buttonLabel(id, locale);
  const shortcut = shortcutText(id, mac);
  return shortcut ? `${text} (${shortcut})` : text;
}
