import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../i18n/messages.ts';
import type { Command } from './Command.ts';
import { COMMANDS, checkedRegistry } from './registry.ts';
import { chordIdentity, parseChord } from './shortcuts.ts';

const perform = () => undefined;

describe('the command registry', () => {
  it('gives every shortcut to one command only', () => {
    const owners = new Map<string, string[]>();
    for (const [id, command] of Object.entries(COMMANDS)) {
      for (const shortcut of command.shortcuts ?? []) {
        const key = chordIdentity(parseChord(shortcut));
        owners.set(key, [...(owners.get(key) ?? []), id]);
      }
    }
    const shared = [...owners].filter(([, ids]) => ids.length > 1);
    expect(shared).toEqual([]);
    expect(owners.size).toBeGreaterThan(25);
  });

  it('refuses a registry in which two commands claim one shortcut', () => {
    const a: Command = { label: 'cmd.file.save', shortcuts: ['Mod+S'], perform };
    const b: Command = { label: 'cmd.file.saveAs', shortcuts: ['Mod+Shift+S', 'Mod+s'], perform };
    expect(() => checkedRegistry({ a, b })).toThrow('The shortcut Mod+s belongs to both a and b.');
    expect(() => checkedRegistry({ a, c: { ...b, shortcuts: ['Mod+Shift+S'] } })).not.toThrow();
  });

  it('names every command in both languages, with a real hint where it has one', () => {
    for (const command of Object.values(COMMANDS)) {
      for (const key of [command.label, command.hint].filter((k) => k !== undefined)) {
        expect(en[key]).toBeTruthy();
        expect(zhCN[key]).toBeTruthy();
      }
    }
  });

  it('puts an access key in every command name of both languages that a menu shows', () => {
    const plain = new Set([
      'cmd.view.language.en',
      'cmd.view.language.zh-CN',
      'cmd.sim.speed.times',
      'cmd.edit.addNode',
    ]);
    for (const command of Object.values(COMMANDS)) {
      if (plain.has(command.label)) continue;
      expect(en[command.label]).toMatch(/&[^&]/);
      expect(zhCN[command.label]).toMatch(/\(&[A-Z]\)/);
    }
  });
});
