import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { type NativeMenuModel, SHELL_LABELS } from './contract.ts';
import { buildMenuTemplate, type MenuActions } from './menu.ts';

type Item = MenuItemConstructorOptions;

function items(template: Item[]): Item[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

/** A small model like the renderer's: commands with and without Cmd shortcuts, a submenu, shell items. */
const model: NativeMenuModel = {
  menus: [
    {
      label: '&File',
      items: [
        { type: 'command', id: 'file.open', label: '&Open…', accelerator: 'CmdOrCtrl+O', enabled: true },
        { type: 'shell', item: 'openRecent' },
        { type: 'separator' },
        { type: 'shell', item: 'quit' },
      ],
    },
    {
      label: '&View',
      items: [
        { type: 'command', id: 'view.fit', label: '&Fit', accelerator: 'Shift+1', enabled: false },
        {
          type: 'submenu',
          label: '&Language',
          items: [
            {
              type: 'command',
              id: 'view.language.en',
              label: 'English',
              enabled: true,
              checked: true,
              radio: true,
            },
          ],
        },
        { type: 'separator' },
        { type: 'shell', item: 'windowControls' },
      ],
    },
    {
      label: '&Help',
      help: true,
      items: [{ type: 'shell', item: 'docs' }, { type: 'separator' }, { type: 'shell', item: 'about' }],
    },
  ],
  shellLabels: {
    ...(Object.fromEntries(SHELL_LABELS.map((key) => [key, `«${key}»`])) as NativeMenuModel['shellLabels']),
    about: '«about {app}»',
  },
  locale: 'en',
};

function build(platform: NodeJS.Platform, recent: string[] = [], from: NativeMenuModel | null = model) {
  const actions: MenuActions = {
    send: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    openDocs: vi.fn(),
    about: vi.fn(),
  };
  const template = buildMenuTemplate(
    { platform, recent, devTools: false, appName: 'ArchSim' },
    actions,
    from,
  );
  return { actions, template, all: items(template) };
}

const click = (item: Item) => (item.click as () => void)();

describe('menu template', () => {
  it('sends each command item’s id, with its label, state and check mark', () => {
    const { actions, all } = build('linux');
    const commands = all.filter((i) => i.id !== undefined);
    expect(commands.map((i) => [i.id, i.label, i.enabled])).toEqual([
      ['file.open', '&Open…', true],
      ['view.fit', '&Fit', false],
      ['view.language.en', 'English', true],
    ]);
    expect(commands[2]).toMatchObject({ type: 'radio', checked: true });
    for (const item of commands) click(item);
    expect(vi.mocked(actions.send).mock.calls).toEqual([['file.open'], ['view.fit'], ['view.language.en']]);
  });

  it.each(['linux', 'win32'] as const)(
    'on %s shows shortcuts but never registers them (the page runs them)',
    (platform) => {
      const withKeys = build(platform).all.filter((i) => i.accelerator !== undefined);
      expect(withKeys.map((i) => [i.accelerator, i.registerAccelerator])).toEqual([
        ['CmdOrCtrl+O', false],
        ['Shift+1', false],
      ]);
    },
  );

  it('on macOS keeps Cmd shortcuts (the page still handles them first) and leaves out the others', () => {
    const withKeys = build('darwin').all.filter((i) => i.accelerator !== undefined);
    expect(withKeys.map((i) => [i.accelerator, i.registerAccelerator])).toEqual([['CmdOrCtrl+O', undefined]]);
  });

  it('labels the shell’s own items from the model, and puts them where the model says', () => {
    const { template, all } = build('linux');
    expect(template.map((m) => m.label)).toEqual(['&File', '&View', '&Help']);
    expect(template[2].role).toBe('help');
    expect((template[0].submenu as Item[]).map((i) => i.label ?? i.type)).toEqual([
      '&Open…',
      '«openRecent»',
      'separator',
      '«quit»',
    ]);
    expect(all.find((i) => i.role === 'togglefullscreen')?.label).toBe('«fullScreen»');
    expect(all.find((i) => i.label === '«about ArchSim»')).toBeDefined();
  });

  it('on macOS adds the app and Window menus, and drops Quit and About from the others', () => {
    const { template, all } = build('darwin');
    expect(template.map((m) => m.label ?? m.role)).toEqual([
      'ArchSim',
      '&File',
      '&View',
      '«window»',
      '&Help',
    ]);
    expect((template[1].submenu as Item[]).map((i) => i.label ?? i.type)).toEqual(['&Open…', '«openRecent»']);
    expect(all.filter((i) => i.role === 'quit')).toHaveLength(1);
    expect(all.find((i) => i.role === 'togglefullscreen')).toBeUndefined();
    // No separator is left dangling where an item was dropped.
    expect((template[4].submenu as Item[]).map((i) => i.label ?? i.type)).toEqual([
      '«docsFileFormat»',
      '«docsSimCore»',
      '«docsCli»',
    ]);
  });

  it('before the renderer sent a model: no menus, or only macOS’s app menu', () => {
    expect(build('linux', [], null).template).toEqual([]);
    const mac = build('darwin', [], null).template;
    expect(mac.map((m) => m.label)).toEqual(['ArchSim']);
    expect((mac[0].submenu as Item[]).every((i) => i.type === 'separator' || i.role !== undefined)).toBe(
      true,
    );
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
    click(all.find((i) => i.label === '«clearRecent»')!);
    expect(actions.clearRecent).toHaveBeenCalled();
  });

  it('shows an empty Open Recent as disabled, and opens the reference pages', () => {
    const { actions, all } = build('linux');
    expect(all.find((i) => i.label === '«noRecent»')?.enabled).toBe(false);
    expect(all.find((i) => i.label === '«clearRecent»')?.enabled).toBe(false);
    click(all.find((i) => i.label === '«docsCli»')!);
    expect(actions.openDocs).toHaveBeenCalledWith('cli');
  });
});
