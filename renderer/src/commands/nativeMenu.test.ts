import { describe, expect, it } from 'vitest';
import type { NativeMenuItem } from '../../../electron/contract.ts';
import { commandHarness, everythingApplies } from '../testing/harness.ts';
import { menuModel } from './nativeMenu.ts';

const flat = (items: readonly NativeMenuItem[]): NativeMenuItem[] =>
  items.flatMap((item) => [item, ...(item.type === 'submenu' ? flat(item.items) : [])]);

describe('the native menus from the registry', () => {
  it('speaks the UI’s language', () => {
    const h = commandHarness();
    h.store.getState().setLocale('zh-CN');
    const model = menuModel(h.store.getState());
    expect(model.menus.map((m) => m.label)).toEqual([
      '文件(&F)',
      '编辑(&E)',
      '视图(&V)',
      '模拟(&S)',
      '帮助(&H)',
    ]);
    expect(model.shellLabels.openRecent).toBe('最近打开(&R)');
    const open = flat(model.menus[0].items).find((i) => i.type === 'command' && i.id === 'file.open');
    expect(open).toEqual({
      type: 'command',
      id: 'file.open',
      label: '打开(&O)…',
      accelerator: 'CmdOrCtrl+O',
      enabled: true,
    });
  });

  it('greys out what does not apply, but never the edits a text field may take', () => {
    const h = commandHarness();
    const items = () =>
      new Map(
        flat(menuModel(h.store.getState()).menus.flatMap((m) => m.items)).flatMap((i) =>
          i.type === 'command' ? [[i.id, i]] : [],
        ),
      );
    expect(items().get('file.exportCsv')?.enabled).toBe(false);
    expect(items().get('edit.duplicate')?.enabled).toBe(false);
    expect(items().get('edit.copy')?.enabled).toBe(true);
    expect(items().get('edit.undo')?.enabled).toBe(true);
    expect(items().get('view.language.en')).toMatchObject({ checked: true, radio: true });
    everythingApplies(h.store);
    expect(items().get('file.exportCsv')?.enabled).toBe(true);
    expect(items().get('edit.duplicate')?.enabled).toBe(true);
    expect(items().get('sim.pin')).toMatchObject({ enabled: true, checked: false });
  });
});
