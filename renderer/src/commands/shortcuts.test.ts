import { describe, expect, it } from 'vitest';
import {
  accelerator,
  chordIdentity,
  formatChord,
  type KeyLike,
  matchesChord,
  parseChord,
} from './shortcuts.ts';

const key = (k: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('reads chords, and refuses a typo', () => {
    expect(parseChord('Mod+Shift+S')).toEqual({ key: 's', mod: true, shift: true, alt: false });
    expect(parseChord('F5')).toEqual({ key: 'F5', mod: false, shift: false, alt: false });
    expect(parseChord('Mod+Plus').key).toBe('+');
    expect(() => parseChord('Ctrl+S')).toThrow(/Unknown modifier "Ctrl"/);
    expect(() => parseChord('Mod+Enterr')).toThrow(/Unknown key/);
  });

  it('matches Ctrl on Linux and Windows, ⌘ on macOS, and never the other one', () => {
    const save = parseChord('Mod+S');
    expect(matchesChord(save, key('s', 'KeyS', { ctrlKey: true }), false)).toBe(true);
    expect(matchesChord(save, key('s', 'KeyS', { metaKey: true }), false)).toBe(false);
    expect(matchesChord(save, key('s', 'KeyS', { metaKey: true }), true)).toBe(true);
    expect(matchesChord(save, key('s', 'KeyS', { ctrlKey: true }), true)).toBe(false);
    expect(matchesChord(save, key('S', 'KeyS', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(
      matchesChord(parseChord('Mod+Shift+S'), key('S', 'KeyS', { ctrlKey: true, shiftKey: true }), false),
    ).toBe(true);
  });

  it('finds the key on other layouts: Cyrillic by its key cap, AZERTY by its character, Shift+1 as 1', () => {
    const undo = parseChord('Mod+Z');
    expect(matchesChord(undo, key('я', 'KeyZ', { ctrlKey: true }), false)).toBe(true);
    // On AZERTY the key marked Z sits where QWERTY has W: the character decides.
    expect(matchesChord(undo, key('z', 'KeyW', { ctrlKey: true }), false)).toBe(true);
    expect(matchesChord(undo, key('w', 'KeyZ', { ctrlKey: true }), false)).toBe(false);
    expect(matchesChord(parseChord('Shift+1'), key('!', 'Digit1', { shiftKey: true }), false)).toBe(true);
    expect(matchesChord(parseChord('Shift+1'), key('1', 'Digit1'), false)).toBe(false);
  });

  it('takes Plus with or without Shift (main keyboard or keypad)', () => {
    const plus = parseChord('Mod+Plus');
    expect(matchesChord(plus, key('+', 'Equal', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesChord(plus, key('+', 'NumpadAdd', { ctrlKey: true }), false)).toBe(true);
    expect(matchesChord(parseChord('Mod+='), key('=', 'Equal', { ctrlKey: true }), false)).toBe(true);
  });

  it('shows chords the way each platform writes them, and as Electron accelerators', () => {
    expect(formatChord(parseChord('Mod+Shift+S'), false)).toBe('Ctrl+Shift+S');
    expect(formatChord(parseChord('Mod+Shift+S'), true)).toBe('⇧⌘S');
    expect(formatChord(parseChord('Escape'), false)).toBe('Esc');
    expect(accelerator(parseChord('Mod+Shift+S'))).toBe('CmdOrCtrl+Shift+S');
    expect(accelerator(parseChord('Mod+Plus'))).toBe('CmdOrCtrl+Plus');
    expect(accelerator(parseChord('Shift+F5'))).toBe('Shift+F5');
    expect(chordIdentity(parseChord('Mod+Shift+z'))).toBe(chordIdentity(parseChord('Mod+Shift+Z')));
  });
});
