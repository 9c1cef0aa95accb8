import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { NativeMenuItem, NativeMenuModel, ShellLabel } from './contract.ts';

/**
 * The native menus as a template (built without Electron, so tests can walk it), from the model the
 * renderer sends: its command registry's ids, labels in the UI's language, shortcuts and states. An
 * item sends its command id back, and the renderer runs it through the same dispatcher as its button.
 * The shell adds only what it alone can do: recent files, the reference pages, About, Quit, and the
 * macOS app and Window menus.
 *
 * Keys: shortcuts are shown, but on Linux and Windows never registered, so a key reaches the page
 * alone and runs its command there once. On macOS an accelerator cannot be left unregistered; Electron
 * performs it only for a key the page did not handle, and the page handles every shortcut it owns,
 * so Cmd shortcuts still run once — and, in a text field, reach the field's native edit through the
 * menu. Shortcuts without Cmd (F5, Escape) are left out of macOS menus, which would take them from text
 * fields.
 */

export interface MenuActions {
  send(command: string): void;
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

/** The menus from `model`; before the renderer sent one, only what a bare window needs (macOS's app menu). */
export function buildMenuTemplate(
  options: MenuOptions,
  actions: MenuActions,
  model: NativeMenuModel | null,
): Item[] {
  const mac = options.platform === 'darwin';
  const label = (key: ShellLabel): string =>
    (model?.shellLabels[key] ?? '').replaceAll('{app}', options.appName);
  /** A role item, labelled in the UI's language once the renderer said it (Electron's own label before). */
  const role = (name: Item['role'], key: ShellLabel): Item =>
    model ? { role: name, label: label(key) } : { role: name };

  const accelerator = (item: Extract<NativeMenuItem, { type: 'command' }>): Partial<Item> => {
    if (item.accelerator === undefined) return {};
    if (mac) return item.accelerator.includes('CmdOrCtrl') ? { accelerator: item.accelerator } : {};
    return { accelerator: item.accelerator, registerAccelerator: false };
  };

  const recentItems = (): Item[] => [
    ...(options.recent.length === 0
      ? [{ label: label('noRecent'), enabled: false }]
      : options.recent.map((file, i) => ({
          // A digit mnemonic for the first nine; `&` in a name would be read as a mnemonic marker.
          label: `${i < 9 ? `&${i + 1} ` : ''}${path.basename(file).replaceAll('&', '&&')}`,
          sublabel: path.dirname(file),
          toolTip: file,
          click: () => actions.openRecent(file),
        }))),
    { type: 'separator' },
    { label: label('clearRecent'), enabled: options.recent.length > 0, click: () => actions.clearRecent() },
  ];

  const shellItems = (item: Extract<NativeMenuItem, { type: 'shell' }>['item']): Item[] => {
    switch (item) {
      case 'openRecent':
        return [{ label: label('openRecent'), submenu: recentItems() }];
      case 'docs':
        return [
          { label: label('docsFileFormat'), click: () => actions.openDocs('file-format') },
          { label: label('docsSimCore'), click: () => actions.openDocs('sim-core') },
          { label: label('docsCli'), click: () => actions.openDocs('cli') },
        ];
      // macOS has both in the app menu.
      case 'about':
        return mac ? [] : [{ label: label('about'), click: () => actions.about() }];
      case 'quit':
        return mac ? [] : [role('quit', 'quit')];
      case 'windowControls':
        return [
          ...(options.devTools ? [role('toggleDevTools', 'devTools')] : []),
          // macOS puts full screen in the Window menu itself.
          ...(mac ? [] : [role('togglefullscreen', 'fullScreen')]),
        ];
      default: {
        const never: never = item;
        throw new Error(`Unknown shell item ${never}`);
      }
    }
  };

  const items = (list: readonly NativeMenuItem[]): Item[] =>
    tidySeparators(
      list.flatMap((item): Item[] => {
        switch (item.type) {
          case 'command':
            return [
              {
                id: item.id,
                label: item.label,
                enabled: item.enabled,
                ...(item.checked === undefined
                  ? {}
                  : { type: item.radio ? 'radio' : 'checkbox', checked: item.checked }),
                ...accelerator(item),
                click: () => actions.send(item.id),
              },
            ];
          case 'separator':
            return [{ type: 'separator' }];
          case 'submenu':
            return [{ label: item.label, submenu: items(item.items) }];
          case 'shell':
            return shellItems(item.item);
          default: {
            const never: never = item;
            throw new Error(`Unknown menu item ${JSON.stringify(never)}`);
          }
        }
      }),
    );

  const appMenu: Item = {
    label: options.appName,
    submenu: [
      model ? { label: label('about'), click: () => actions.about() } : { role: 'about' },
      { type: 'separator' },
      role('services', 'services'),
      { type: 'separator' },
      role('hide', 'hide'),
      role('hideOthers', 'hideOthers'),
      role('unhide', 'showAll'),
      { type: 'separator' },
      role('quit', 'quit'),
    ],
  };
  if (model === null) return mac ? [appMenu] : [];

  const menus = model.menus.map(
    (menu): Item => ({
      label: menu.label,
      ...(menu.help ? { role: 'help' } : {}),
      submenu: items(menu.items),
    }),
  );
  const help = menus.findIndex((_, i) => model.menus[i].help);
  if (mac) {
    // The Window menu goes before Help.
    const at = help === -1 ? menus.length : help;
    menus.splice(at, 0, role('windowMenu', 'window'));
  }
  return [...(mac ? [appMenu] : []), ...menus];
}

/** No separator first, last, or twice in a row (items the shell leaves out on one platform). */
function tidySeparators(items: readonly Item[]): Item[] {
  const tidy: Item[] = [];
  for (const item of items) {
    if (item.type === 'separator' && (tidy.length === 0 || tidy.at(-1)?.type === 'separator')) continue;
    tidy.push(item);
  }
  if (tidy.at(-1)?.type === 'separator') tidy.pop();
  return tidy;
}
