import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NativeMenuItem } from '../../../electron/contract.ts';
import { menuModelSchema } from '../../../electron/ipcValidation.ts';
import { buildMenuTemplate } from '../../../electron/menu.ts';
import { commandHarness, everythingApplies, spyOnPerforms } from '../testing/harness.ts';
import { executeCommand } from './dispatch.ts';
import { menuCommandIds, menuModel } from './nativeMenu.ts';

/**
 * The renderer's menu model through the desktop shell's own validation and menu builder: every command
 * in the native menu, clicked once, runs once through the dispatcher; the model passes the shell's
 * checks in both languages, and no two items of one menu share an access key.
 */

function menuItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? menuItems(item.submenu) : [])]);
}

const flat = (items: readonly NativeMenuItem[]): NativeMenuItem[] =>
  items.flatMap((item) => [item, ...(item.type === 'submenu' ? flat(item.items) : [])]);

const accessKey = (label: string) =>
  /\(&([A-Z])\)|&([^&])/.exec(label)?.slice(1).find(Boolean)?.toUpperCase();

let performs: ReturnType<typeof spyOnPerforms>;
beforeEach(() => {
  performs = spyOnPerforms();
});
afterEach(() => performs.restore());

describe('the native menus, built by the shell from the registry', () => {
  it.each(['en', 'zh-CN'] as const)('every command in the menus (%s), clicked once, runs once', (locale) => {
    const { store, ctx } = commandHarness();
    everythingApplies(store);
    store.getState().setLocale(locale);
    const template = buildMenuTemplate(
      { platform: 'linux', recent: [], devTools: false, appName: 'ArchSim' },
      {
        send: (id) => void executeCommand(id, ctx, 'menu'),
        openRecent: vi.fn(),
        clearRecent: vi.fn(),
        openDocs: vi.fn(),
        about: vi.fn(),
      },
      menuModel(store.getState()),
    );
    const items = menuItems(template).filter((item) => item.id !== undefined);
    expect(items.map((item) => item.id)).toEqual(menuCommandIds());
    for (const item of items) {
      performs.reset();
      (item.click as () => void)();
      expect(performs.ran(), item.id).toEqual({ [item.id as string]: 1 });
    }
  });

  it.each(['en', 'zh-CN'] as const)(
    'in %s, pass the shell’s validation and give each item of a menu its own access key',
    (locale) => {
      const h = commandHarness();
      h.store.getState().setLocale(locale);
      const model = menuModel(h.store.getState());
      expect(menuModelSchema.safeParse(model).success).toBe(true);
      const lists = [model.menus.map((m) => ({ label: m.label })), ...model.menus.map((m) => m.items)];
      for (const menu of model.menus)
        for (const item of flat(menu.items)) if (item.type === 'submenu') lists.push(item.items);
      for (const list of lists) {
        const keys = list
          .flatMap((item) => ('label' in item && item.label ? [accessKey(item.label)] : []))
          .filter(Boolean);
        expect(new Set(keys).size, JSON.stringify(keys)).toBe(keys.length);
      }
    },
  );
});
