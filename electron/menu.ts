import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './contract.ts';

/**
 * The native menus as a template (built without Electron, so tests can walk it). Every item that acts
 * on the document sends one typed command to the renderer, which runs the same action as its button.
 *
 * Keyboard order: Chromium gives a key to the page first and runs a menu accelerator only when the page
 * did not handle it, so the renderer's own shortcuts (Ctrl+Z on the canvas) and a text field's native
 * editing win over the menu; the renderer also drops a menu command that repeats a key it just handled.
 */

export interface MenuActions {
  send(command: MenuCommand): void;
  openRecent(file: string): void;
  clearRecent(): void;
  /** Opens a bundled reference page (`docs/<name>.md`). */
  openDocs(name: 'file-format' | 'sim-core' | 'cli'): void;
  about(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  recent: readonly string[];
  /** Adds View ▸ Developer Tools (development builds only). */
  devTools: boolean;
  appName: string;
}

type Item = MenuItemConstructorOptions;

export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): Item[] {
  const mac = options.platform === 'darwin';
  // The command doubles as the item's id: Menu.getMenuItemById('file.open') in end-to-end tests.
  const cmd = (label: string, command: MenuCommand, accelerator?: string): Item => ({
    id: command,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.send(command),
  });

  const recentItems: Item[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : options.recent.map((file, i) => ({
          // A digit mnemonic for the first nine; `&` in a name would be read as a mnemonic marker.
          label: `${i < 9 ? `&${i + 1} ` : ''}${path.basename(file).replaceAll('&', '&&')}`,
          sublabel: path.dirname(file),
          toolTip: file,
          click: () => actions.openRecent(file),
        }));

  const file: Item = {
    label: '&File',
    submenu: [
      cmd('&New', 'file.new', 'CmdOrCtrl+N'),
      cmd('&Open…', 'file.open', 'CmdOrCtrl+O'),
      {
        label: 'Open &Recent',
        submenu: [
          ...recentItems,
          { type: 'separator' },
          { label: 'Clear Menu', enabled: options.recent.length > 0, click: () => actions.clearRecent() },
        ],
      },
      { type: 'separator' },
      cmd('&Save', 'file.save', 'CmdOrCtrl+S'),
      cmd('Save &As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      cmd('Export &CSV…', 'file.exportCsv', 'CmdOrCtrl+E'),
      cmd('Export Chart &Image…', 'file.exportChartImage', 'CmdOrCtrl+Shift+E'),
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'quit', label: '&Quit' }] as Item[])),
    ],
  };

  const edit: Item = {
    label: '&Edit',
    submenu: [
      cmd('&Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      cmd('&Redo', 'edit.redo', mac ? 'Shift+Cmd+Z' : 'CmdOrCtrl+Y'),
      { type: 'separator' },
      cmd('Cu&t', 'edit.cut', 'CmdOrCtrl+X'),
      cmd('&Copy', 'edit.copy', 'CmdOrCtrl+C'),
      cmd('&Paste', 'edit.paste', 'CmdOrCtrl+V'),
      // No accelerator: the canvas and text fields handle Delete and Backspace themselves.
      cmd('&Delete', 'edit.delete'),
      { type: 'separator' },
      cmd('Select &All', 'edit.selectAll', 'CmdOrCtrl+A'),
    ],
  };

  const view: Item = {
    label: '&View',
    submenu: [
      cmd('Zoom &In', 'view.zoomIn', 'CmdOrCtrl+='),
      cmd('Zoom &Out', 'view.zoomOut', 'CmdOrCtrl+-'),
      cmd('&Actual Size', 'view.zoomReset', 'CmdOrCtrl+0'),
      cmd('&Fit to Window', 'view.fit', 'CmdOrCtrl+Shift+F'),
      { type: 'separator' },
      cmd('Show/Hide &Palette', 'view.togglePalette', 'CmdOrCtrl+Shift+1'),
      cmd('Show/Hide I&nspector', 'view.toggleInspector', 'CmdOrCtrl+Shift+2'),
      cmd('Show/Hide C&harts', 'view.toggleCharts', 'CmdOrCtrl+Shift+3'),
      { type: 'separator' },
      {
        label: '&Language',
        submenu: [cmd('English', 'view.language.en'), cmd('简体中文', 'view.language.zh-CN')],
      },
      ...(options.devTools ? ([{ type: 'separator' }, { role: 'toggleDevTools' }] as Item[]) : []),
      ...(mac ? ([] as Item[]) : ([{ type: 'separator' }, { role: 'togglefullscreen' }] as Item[])),
    ],
  };

  const simulation: Item = {
    label: '&Simulation',
    submenu: [
      cmd('&Run / Pause', 'sim.runPause', 'F5'),
      cmd('&Step', 'sim.step', 'F10'),
      cmd('R&eset', 'sim.reset', 'Shift+F5'),
      { type: 'separator' },
      {
        label: 'S&peed',
        submenu: [
          cmd('×1', 'sim.speed.1', 'CmdOrCtrl+1'),
          cmd('×10', 'sim.speed.10', 'CmdOrCtrl+2'),
          cmd('×100', 'sim.speed.100', 'CmdOrCtrl+3'),
          cmd('As Fast as Possible', 'sim.speed.max', 'CmdOrCtrl+4'),
        ],
      },
    ],
  };

  const help: Item = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'File Format Reference', click: () => actions.openDocs('file-format') },
      { label: 'Simulation Engine Reference', click: () => actions.openDocs('sim-core') },
      { label: 'Command-Line Tool', click: () => actions.openDocs('cli') },
      ...(mac
        ? []
        : ([
            { type: 'separator' },
            { label: `&About ${options.appName}`, click: () => actions.about() },
          ] as Item[])),
    ],
  };

  const appMenu: Item = {
    label: options.appName,
    submenu: [
      { label: `About ${options.appName}`, click: () => actions.about() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return [
    ...(mac ? [appMenu] : []),
    file,
    edit,
    view,
    simulation,
    ...(mac ? [{ role: 'windowMenu' } as Item] : []),
    help,
  ];
}
