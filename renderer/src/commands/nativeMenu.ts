import type { NativeMenuItem, NativeMenuModel, ShellItem, ShellLabel } from '../../../electron/contract.ts';
import { type Locale, type MessageKey, translate } from '../i18n/messages.ts';
import type { Store } from '../store/store.ts';
import type { Command } from './Command.ts';
import { menuLabel } from './labels.ts';
import { COMMANDS, type CommandId } from './registry.ts';
import { accelerator, parseChord } from './shortcuts.ts';

/**
 * The desktop app's native menus, made from the command registry: which commands go in which menu,
 * and the model (ids, labels in the UI's language, accelerators, enabled and checked states) the shell
 * builds them from. Every menu item sends its id back into the same dispatcher as the toolbar.
 */

type Entry = CommandId | '-' | { submenu: MessageKey; items: readonly Entry[] } | { shell: ShellItem };

export const MENU_LAYOUT: readonly { label: MessageKey; help?: boolean; items: readonly Entry[] }[] = [
  {
    label: 'menu.file',
    items: [
      'file.new',
      'file.open',
      { shell: 'openRecent' },
      'file.presets',
      '-',
      'file.save',
      'file.saveAs',
      '-',
      {
        submenu: 'menu.export',
        items: ['file.exportCsv', 'file.exportCanvasPng', 'file.exportCanvasSvg', 'file.exportChartImage'],
      },
      '-',
      { shell: 'quit' },
    ],
  },
  {
    label: 'menu.edit',
    items: [
      'edit.undo',
      'edit.redo',
      '-',
      'edit.cut',
      'edit.copy',
      'edit.paste',
      'edit.duplicate',
      'edit.delete',
      '-',
      'edit.selectAll',
      'edit.selectNone',
      '-',
      'edit.rename',
      'edit.autoLayout',
    ],
  },
  {
    label: 'menu.view',
    items: [
      'view.zoomIn',
      'view.zoomOut',
      'view.zoomReset',
      'view.fit',
      '-',
      'view.togglePalette',
      'view.toggleInspector',
      'view.toggleCharts',
      '-',
      'view.toggleMinimap',
      'view.toggleTail',
      'view.lockCanvas',
      '-',
      { submenu: 'menu.language', items: ['view.language.en', 'view.language.zh-CN'] },
      '-',
      { shell: 'windowControls' },
    ],
  },
  {
    label: 'menu.simulation',
    items: [
      'sim.runPause',
      'sim.step',
      'sim.reset',
      '-',
      { submenu: 'menu.speed', items: ['sim.speed.1', 'sim.speed.10', 'sim.speed.100', 'sim.speed.max'] },
      '-',
      'sim.pin',
      'sim.budgets',
    ],
  },
  { label: 'menu.help', help: true, items: [{ shell: 'docs' }, '-', { shell: 'about' }] },
];

const SHELL_LABEL_KEYS: Record<ShellLabel, MessageKey> = {
  openRecent: 'menu.shell.openRecent',
  noRecent: 'menu.shell.noRecent',
  clearRecent: 'menu.shell.clearRecent',
  docsFileFormat: 'menu.shell.docsFileFormat',
  docsSimCore: 'menu.shell.docsSimCore',
  docsCli: 'menu.shell.docsCli',
  about: 'menu.shell.about',
  quit: 'menu.shell.quit',
  devTools: 'menu.shell.devTools',
  fullScreen: 'menu.shell.fullScreen',
  services: 'menu.shell.services',
  hide: 'menu.shell.hide',
  hideOthers: 'menu.shell.hideOthers',
  showAll: 'menu.shell.showAll',
  window: 'menu.shell.window',
};

/** The model of the native menus in `state` (its language, its enabled and checked states). */
export function menuModel(state: Store): NativeMenuModel {
  const locale = state.locale;
  const item = (entry: Entry): NativeMenuItem => {
    if (entry === '-') return { type: 'separator' };
    if (typeof entry !== 'string') {
      if ('shell' in entry) return { type: 'shell', item: entry.shell };
      return { type: 'submenu', label: translate(locale, entry.submenu), items: entry.items.map(item) };
    }
    return commandItem(entry, state, locale);
  };
  return {
    menus: MENU_LAYOUT.map((menu) => ({
      label: translate(locale, menu.label),
      ...(menu.help ? { help: true } : {}),
      items: menu.items.map(item),
    })),
    shellLabels: Object.fromEntries(
      Object.entries(SHELL_LABEL_KEYS).map(([key, message]) => [key, translate(locale, message)]),
    ) as Record<ShellLabel, string>,
    locale,
  };
}

function commandItem(id: CommandId, state: Store, locale: Locale): NativeMenuItem {
  const command: Command = COMMANDS[id];
  const first = command.shortcuts?.[0];
  return {
    type: 'command',
    id,
    label: menuLabel(id, locale),
    ...(first ? { accelerator: accelerator(parseChord(first)) } : {}),
    // A text field may take the edit commands whatever the canvas's state: never greyed out.
    enabled: command.textEdit !== undefined || !command.enabled || command.enabled(state),
    ...(command.checked ? { checked: command.checked(state) } : {}),
    ...(command.radio ? { radio: true } : {}),
  };
}

/** The command ids the menus hold, in menu order (for tests and the menu's completeness). */
export function menuCommandIds(): CommandId[] {
  const ids: CommandId[] = [];
  const walk = (entries: readonly Entry[]) => {
    for (const entry of entries) {
      if (entry === '-') continue;
      if (typeof entry === 'string') ids.push(entry);
      else if ('submenu' in entry) walk(entry.items);
    }
  };
  for (const menu of MENU_LAYOUT) walk(menu.items);
  return ids;
}
