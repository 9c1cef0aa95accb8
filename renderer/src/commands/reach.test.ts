import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandHarness, everythingApplies, spyOnPerforms } from '../testing/harness.ts';
import { executeCommand } from './dispatch.ts';
import { createKeyHandler, type KeyEvent } from './keyboard.ts';
import { menuCommandIds } from './nativeMenu.ts';
import { COMMANDS, type CommandId } from './registry.ts';
import { parseChord } from './shortcuts.ts';

/**
 * Every command can be reached from each of its shortcuts, and one press runs it exactly once. (The
 * native menu: nativeMenu.shell.test.ts; the toolbar's buttons: Toolbar.test.tsx.)
 */

const SHIFTED_DIGITS: Record<string, string> = { '1': '!', '2': '@', '3': '#', '4': '$' };

/** The key event a US keyboard sends for `shortcut`, with Ctrl as Mod. */
function press(shortcut: string, target: EventTarget | null = null) {
  const chord = parseChord(shortcut);
  const letter = /^[a-z]$/.test(chord.key);
  const digit = /^\d$/.test(chord.key);
  const code = letter
    ? `Key${chord.key.toUpperCase()}`
    : digit
      ? `Digit${chord.key}`
      : (({ '=': 'Equal', '+': 'Equal', '-': 'Minus' } as Record<string, string>)[chord.key] ?? chord.key);
  const key =
    chord.key === '+'
      ? '+'
      : letter && chord.shift
        ? chord.key.toUpperCase()
        : digit && chord.shift
          ? SHIFTED_DIGITS[chord.key]
          : chord.key;
  const event: KeyEvent = {
    key,
    code,
    ctrlKey: chord.mod,
    metaKey: false,
    shiftKey: chord.shift || chord.key === '+',
    altKey: chord.alt,
    target,
    repeat: false,
    isComposing: false,
    defaultPrevented: false,
    preventDefault: vi.fn(() => {
      event.defaultPrevented = true;
    }),
  };
  return event;
}

const keyEnv = (typing = false) => ({
  mac: false,
  blocked: () => false,
  typing: () => typing,
  leaveField: vi.fn(),
});

let performs: ReturnType<typeof spyOnPerforms>;
beforeEach(() => {
  performs = spyOnPerforms();
});
afterEach(() => performs.restore());

describe('every command, from each place that offers it, runs exactly once', () => {
  const withShortcuts = (Object.keys(COMMANDS) as CommandId[]).filter((id) => COMMANDS[id].shortcuts?.length);

  it.each(withShortcuts)('%s from each of its shortcuts', (id) => {
    const { store, ctx } = commandHarness();
    everythingApplies(store);
    const onKey = createKeyHandler(() => ctx, keyEnv());
    for (const shortcut of COMMANDS[id].shortcuts ?? []) {
      performs.reset();
      const event = press(shortcut);
      onKey(event);
      expect(performs.ran(), shortcut).toEqual({ [id]: 1 });
      // Handled by the page, so Electron does not also perform the menu item's accelerator.
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
    }
  });

  it('offers every command in the native menu but the context menu’s own', () => {
    const contextOnly = ['edit.addNode'];
    const inMenu = menuCommandIds();
    expect(new Set(inMenu).size).toBe(inMenu.length);
    expect([...inMenu, ...contextOnly].sort()).toEqual(Object.keys(COMMANDS).sort());
  });
});

describe('keys the page leaves alone', () => {
  it('in a text field: the field’s own edits (copy, undo, Delete, Escape) stay the field’s', () => {
    const { store, ctx } = commandHarness();
    everythingApplies(store);
    const env = keyEnv(true);
    const onKey = createKeyHandler(() => ctx, env);
    for (const shortcut of ['Mod+C', 'Mod+V', 'Mod+Z', 'Mod+A', 'Delete', 'Backspace', 'Escape', 'Mod+D']) {
      const event = press(shortcut);
      onKey(event);
      expect(event.preventDefault, shortcut).not.toHaveBeenCalled();
    }
    expect(performs.ran()).toEqual({});
    // Save and Run still work from a field, which commits its text first.
    onKey(press('Mod+S'));
    onKey(press('F5'));
    expect(performs.ran()).toEqual({ 'file.save': 1, 'sim.runPause': 1 });
    expect(env.leaveField).toHaveBeenCalledTimes(2);
  });

  it('while a dialog or a page menu has the keyboard, or an IME is composing', () => {
    const { store, ctx } = commandHarness();
    everythingApplies(store);
    const blocked = createKeyHandler(() => ctx, { ...keyEnv(), blocked: () => true });
    blocked(press('Mod+Z'));
    const onKey = createKeyHandler(() => ctx, keyEnv());
    const composing = press('Mod+Z');
    composing.isComposing = true;
    onKey(composing);
    expect(performs.ran()).toEqual({});
  });

  it('a held key repeats undo and zoom, but not Run or Duplicate', () => {
    const { store, ctx } = commandHarness();
    everythingApplies(store);
    const onKey = createKeyHandler(() => ctx, keyEnv());
    for (const shortcut of ['Mod+Z', 'Mod+=', 'F5', 'Mod+D']) {
      const held = press(shortcut);
      held.repeat = true;
      onKey(held);
      expect(held.preventDefault, shortcut).toHaveBeenCalled();
    }
    expect(performs.ran()).toEqual({ 'edit.undo': 1, 'view.zoomIn': 1 });
  });
});

describe('the dispatcher', () => {
  it('refuses an unknown id and a command that does not apply, and does nothing then', async () => {
    const { run, ctx } = commandHarness();
    expect(await executeCommand('file.format', ctx, 'menu')).toBe(false);
    expect(await run('edit.undo')).toBe(false);
    expect(await run('file.exportCsv')).toBe(false);
    expect(performs.ran()).toEqual({});
  });

  it('gives a text field its own edit when the menu sends one while the field has the focus', async () => {
    const { store, native, run } = commandHarness({ editing: true });
    everythingApplies(store);
    for (const id of ['edit.undo', 'edit.paste', 'edit.selectAll', 'edit.delete'] as const)
      await run(id, 'menu');
    expect(vi.mocked(native.nativeEdit).mock.calls.map(([edit]) => edit)).toEqual([
      'undo',
      'paste',
      'selectAll',
      'delete',
    ]);
    expect(performs.ran()).toEqual({});
  });

  it('shows a failing command as an error notice', async () => {
    const { store, run } = commandHarness();
    performs.restore();
    vi.spyOn(COMMANDS['sim.step'], 'perform').mockRejectedValueOnce(new Error('worker died'));
    expect(await run('sim.step')).toBe(false);
    expect(store.getState().notice).toEqual({ kind: 'error', what: { text: 'worker died' } });
  });
});
