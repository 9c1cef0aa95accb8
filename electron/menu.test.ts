import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from './contract.ts';
import { buildMenuTemplate, type MenuActions } from './menu.ts';

type Item = MenuItemConstructorOptions;

function items(template: Item[]): Item[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function build(platform: NodeJS.Platform, recent: string[] = []) {
  const actions: MenuActions = {
    send: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    openDocs: vi.fn(),
    about: vi.fn(),
  };
  const template = buildMenuTemplate({ platform, recent, devTools: false, appName: 'ArchSim' }, actions);
  return { actions, template, all: items(template) };
}

const click = (item: Item) => (item.click as () => void)();

describe('menu template', () => {
  it.each(['linux', 'win32', 'darwin'] as const)(
    'on %s, every command is in the menu exactly once',
    (platform) => {
      const { actions, all } = build(platform);
      for (const item of all)
        if (item.click && !item.label?.includes('About') && item.label !== 'Clear Menu') click(item);
      const sent = vi.mocked(actions.send).mock.calls.map(([c]) => c);
      expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    },
  );

  it.each(['linux', 'win32', 'darwin'] as const)('on %s, no two items share an accelerator', (platform) => {
    const accelerators = build(platform)
      .all.map((i) => i.accelerator)
      .filter((a): a is string => typeof a === 'string');
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('has the usual top-level menus, with an app menu on macOS only', () => {
    const labels = (t: Item[]) => t.map((i) => i.label ?? i.role);
    expect(labels(build('linux').template)).toEqual(['&File', '&Edit', '&View', '&Simulation', '&Help']);
    expect(labels(build('darwin').template)).toEqual([
      'ArchSim',
      '&File',
      '&Edit',
      '&View',
      '&Simulation',
      'windowMenu',
      '&Help',
    ]);
  });

  it('uses the usual accelerators', () => {
    const byLabel = Object.fromEntries(build('linux').all.map((i) => [i.label, i.accelerator]));
    expect(byLabel['&Open…']).toBe('CmdOrCtrl+O');
    expect(byLabel['&Save']).toBe('CmdOrCtrl+S');
    expect(byLabel['Save &As…']).toBe('CmdOrCtrl+Shift+S');
    expect(byLabel['&Undo']).toBe('CmdOrCtrl+Z');
    expect(byLabel['Select &All']).toBe('CmdOrCtrl+A');
  });

  it('lists recent files with their folders, opens one, and clears the list', () => {
    const { actions, all } = build('linux', ['/home/u/a&b.archsim.json', '/tmp/c.archsim.json']);
    const recent = all.filter((i) => typeof i.sublabel === 'string');
    expect(recent.map((i) => [i.label, i.sublabel])).toEqual([
      ['&1 a&&b.archsim.json', '/home/u'],
      ['&2 c.archsim.json', '/tmp'],
    ]);
    click(recent[1]);
    expect(actions.openRecent).toHaveBeenCalledWith('/tmp/c.archsim.json');
    click(all.find((i) => i.label === 'Clear Menu')!);
    expect(actions.clearRecent).toHaveBeenCalled();
  });

  it('shows an empty Open Recent as disabled', () => {
    const { all } = build('linux');
    expect(all.find((i) => i.label === 'No Recent Files')?.enabled).toBe(false);
    expect(all.find((i) => i.label === 'Clear Menu')?.enabled).toBe(false);
  });
});
