/**
 * Keyboard shortcuts as the registry writes them — `'Mod+Shift+S'`, `'F5'`, `'Escape'`, `'Shift+1'`,
 * `'Mod+='` — where Mod is Ctrl, or ⌘ on macOS. One parser for matching key events, showing the
 * shortcut in a tooltip, and handing it to Electron as a menu accelerator.
 */

export interface Chord {
  /** Lower case for a character ('s', '=', '1', '+'); a named key as the browser names it ('F5', 'Escape'). */
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

/** The fields of a KeyboardEvent that matching reads. */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const NAMED_KEYS = new Map(
  ['Escape', 'Delete', 'Backspace', 'Enter', 'Tab', 'Space', 'Home', 'End', 'PageUp', 'PageDown']
    .concat(Array.from({ length: 12 }, (_, i) => `F${i + 1}`))
    .map((name) => [name.toLowerCase(), name]),
);

/**
 * '+' is typed with Shift on most layouts and without it on the keypad, so a chord on Plus ignores the
 * Shift key; every other chord wants Shift exactly as written.
 */
const PLUS = '+';

/** Reads `'Mod+Shift+S'`; throws on a chord the registry should never contain (a typo is a bug). */
export function parseChord(text: string): Chord {
  const parts = text.split('+');
  // 'Mod++' would split into an empty last part: the registry spells the key 'Plus'.
  const last = parts.pop() ?? '';
  const chord: Chord = { key: '', mod: false, shift: false, alt: false };
  for (const part of parts) {
    if (part === 'Mod') chord.mod = true;
    else if (part === 'Shift') chord.shift = true;
    else if (part === 'Alt') chord.alt = true;
    else throw new Error(`Unknown modifier "${part}" in shortcut "${text}"`);
  }
  if (last === 'Plus') chord.key = PLUS;
  else if (last.length === 1) chord.key = last.toLowerCase();
  else if (NAMED_KEYS.has(last.toLowerCase())) chord.key = NAMED_KEYS.get(last.toLowerCase()) as string;
  else throw new Error(`Unknown key "${last}" in shortcut "${text}"`);
  if (chord.key === PLUS) chord.shift = false;
  return chord;
}

/** The key a physical key stands for when the layout's character does not say it (Shift+1 is '!'). */
function keyFromCode(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1].toLowerCase();
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  return digit ? digit[1] : null;
}

/** The keys an event may stand for: its character, or, for non-Latin layouts and Shift+digit, its key cap. */
function eventKeys(event: KeyLike): string[] {
  const named = NAMED_KEYS.get(event.key.toLowerCase());
  if (named) return [named];
  const char = event.key.length === 1 ? event.key.toLowerCase() : '';
  const fromCode = keyFromCode(event.code);
  // On a Latin layout the character decides (AZERTY's Ctrl+Z is the key marked Z); the key cap only
  // fills in where the character is not ASCII (Cyrillic, Greek) or is a digit's shifted symbol.
  const ascii = /^[\x21-\x7e]$/.test(char);
  if (char && ascii && !(event.shiftKey && /^Digit\d$/.test(event.code))) return [char];
  return fromCode ? [fromCode] : char ? [char] : [];
}

/** Whether `event` is `chord` (Mod is ⌘ on macOS and Ctrl elsewhere; the other one must be up). */
export function matchesChord(chord: Chord, event: KeyLike, mac: boolean): boolean {
  const mod = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  if (mod !== chord.mod || other || event.altKey !== chord.alt) return false;
  if (chord.key !== PLUS && event.shiftKey !== chord.shift) return false;
  return eventKeys(event).includes(chord.key);
}

/** One string per distinct chord: two commands with the same identity would fight over one key. */
export function chordIdentity(chord: Chord): string {
  return `${chord.mod ? 'Mod+' : ''}${chord.alt ? 'Alt+' : ''}${chord.shift ? 'Shift+' : ''}${chord.key}`;
}

const MAC_KEYS: Record<string, string> = { Escape: '⎋', Delete: '⌦', Backspace: '⌫', Enter: '↩', Tab: '⇥' };
const OTHER_KEYS: Record<string, string> = { Escape: 'Esc', Delete: 'Del' };

/** The shortcut as a tooltip shows it: 'Ctrl+Shift+S' or '⇧⌘S'. */
export function formatChord(chord: Chord, mac: boolean): string {
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  if (mac) {
    return `${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${MAC_KEYS[key] ?? key}`;
  }
  return [chord.mod && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', OTHER_KEYS[key] ?? key]
    .filter(Boolean)
    .join('+');
}

/** The shortcut as an Electron accelerator ('CmdOrCtrl+Shift+S', 'Plus', 'Escape'). */
export function accelerator(chord: Chord): string {
  const key = chord.key === PLUS ? 'Plus' : chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  return [chord.mod && 'CmdOrCtrl', chord.alt && 'Alt', chord.shift && 'Shift', key]
    .filter(Boolean)
    .join('+');
}

/** Whether the app runs on macOS (⌘ is Mod there). */
export function isMac(): boolean {
  return (
    typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
  );
}
