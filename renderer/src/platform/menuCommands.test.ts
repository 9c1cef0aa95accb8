import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../../electron/contract.ts';
import { clearClipboard } from '../editCommands.ts';
import { emptyDoc } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { type CommandContext, MENU_ACTIONS, runMenuCommand, setCommandHandler } from './menuCommands.ts';
import type { NativeShell } from './nativeShell.ts';
import type { Platform } from './Platform.ts';

/** The app's own store (files.ts works on it), reset for each test. */
function setup({ editing = false, confirm = true } = {}) {
  const store = useStore;
  store.setState(store.getInitialState(), true);
  const native: NativeShell = {
    onMenuCommand: () => () => {},
    onOpenFile: () => () => {},
    setTitleState: vi.fn(),
    confirmDiscard: vi.fn(async () => confirm),
    nativeEdit: vi.fn(),
  };
  const platform: Platform = {
    kind: 'desktop',
    openDocument: vi.fn(async () => null),
    saveDocument: vi.fn(async (name: string) => name),
    exportFiles: vi.fn(async () => true),
    native,
  };
  const runner = { run: vi.fn(async () => {}), pause: vi.fn(), step: vi.fn(async () => {}), reset: vi.fn() };
  const view = { zoomIn: vi.fn(), zoomOut: vi.fn(), zoomTo: vi.fn(), fitView: vi.fn() };
  const togglePanel = vi.fn();
  const ctx: CommandContext = { store, runner, platform, view, editingText: () => editing, togglePanel };
  const run = (command: MenuCommand) => runMenuCommand(command, ctx);
  return { store, native, platform, runner, view, togglePanel, run };
}

const withTwoNodes = () =>
  ({
    ...emptyDoc(),
    nodes: [
      { id: 'client', kind: 'client', label: 'client', params: {}, position: { x: 0, y: 0 } },
      { id: 'service', kind: 'service', label: 'service', params: {}, position: { x: 200, y: 0 } },
    ],
    edges: [{ id: 'client->service', source: 'client', target: 'service' }],
  }) as ReturnType<typeof emptyDoc>;

beforeEach(() => clearClipboard());

describe('menu commands', () => {
  it('has an action for every command in the contract', () => {
    expect(Object.keys(MENU_ACTIONS).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('New asks before discarding unsaved changes, and keeps the document when told no', async () => {
    const { store, native, run } = setup({ confirm: false });
    store.getState().load(withTwoNodes(), 'shop.archsim.json', true);
    await run('file.new');
    expect(native.confirmDiscard).toHaveBeenCalled();
    expect(store.getState().doc.nodes).toHaveLength(2);
  });

  it('New replaces a clean document without asking', async () => {
    const { store, native, run } = setup();
    store.getState().load(withTwoNodes(), 'shop.archsim.json');
    await run('file.new');
    expect(native.confirmDiscard).not.toHaveBeenCalled();
    expect(store.getState().doc.nodes).toHaveLength(0);
    expect(store.getState().fileName).toBeNull();
  });

  it('Save and Save As go through the platform like the toolbar buttons', async () => {
    const { store, platform, run } = setup();
    store.getState().load(withTwoNodes(), 'shop.archsim.json', true);
    await run('file.save');
    expect(platform.saveDocument).toHaveBeenCalledWith('shop.archsim.json', expect.any(String), false);
    expect(store.getState().dirty).toBe(false);
    await run('file.saveAs');
    expect(platform.saveDocument).toHaveBeenLastCalledWith('shop.archsim.json', expect.any(String), true);
  });

  it('Export CSV without results says to run first, and exports nothing', async () => {
    const { store, platform, run } = setup();
    await run('file.exportCsv');
    expect(platform.exportFiles).not.toHaveBeenCalled();
    expect(store.getState().notice?.text).toMatch(/Run the simulation/);
  });

  it('Export Chart Image goes to the mounted charts panel', async () => {
    const { run } = setup();
    const handler = vi.fn();
    const off = setCommandHandler('file.exportChartImage', handler);
    await run('file.exportChartImage');
    expect(handler).toHaveBeenCalledTimes(1);
    off();
    await run('file.exportChartImage');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('edit commands act on the canvas: undo, select all, copy and paste, cut, delete', async () => {
    const { store, run } = setup();
    store.getState().change(() => withTwoNodes());
    await run('edit.undo');
    expect(store.getState().doc.nodes).toHaveLength(0);
    await run('edit.redo');
    expect(store.getState().doc.nodes).toHaveLength(2);

    await run('edit.selectAll');
    expect(store.getState().selection).toEqual(['client', 'service', 'client->service']);
    await run('edit.copy');
    await run('edit.paste');
    expect(store.getState().doc.nodes).toHaveLength(4);
    expect(store.getState().doc.edges).toHaveLength(2);

    store.getState().select(['service']);
    await run('edit.cut');
    expect(store.getState().doc.nodes.map((n) => n.id)).not.toContain('service');
    await run('edit.paste');
    expect(store.getState().doc.nodes.filter((n) => n.kind === 'service')).toHaveLength(2);

    await run('edit.delete');
    expect(store.getState().doc.nodes.filter((n) => n.kind === 'service')).toHaveLength(1);
  });

  it('edit commands act natively on a focused text field, leaving the document alone', async () => {
    const { store, native, run } = setup({ editing: true });
    store.getState().change(() => withTwoNodes());
    for (const command of ['edit.undo', 'edit.paste', 'edit.selectAll', 'edit.delete'] as const)
      await run(command);
    expect(vi.mocked(native.nativeEdit).mock.calls.map(([a]) => a)).toEqual([
      'undo',
      'paste',
      'selectAll',
      'delete',
    ]);
    expect(store.getState().doc.nodes).toHaveLength(2);
  });

  it('view commands zoom, fit, toggle panels and switch language', async () => {
    const { store, view, togglePanel, run } = setup();
    await run('view.zoomIn');
    await run('view.zoomReset');
    await run('view.fit');
    await run('view.toggleCharts');
    await run('view.language.zh-CN');
    expect(view.zoomIn).toHaveBeenCalled();
    expect(view.zoomTo).toHaveBeenCalledWith(1);
    expect(view.fitView).toHaveBeenCalled();
    expect(togglePanel).toHaveBeenCalledWith('charts');
    expect(store.getState().locale).toBe('zh-CN');
  });

  it('Run/Pause toggles, Step, Reset and speeds reach the runner and the store', async () => {
    const { store, runner, run } = setup();
    await run('sim.runPause');
    expect(runner.run).toHaveBeenCalled();
    store.getState().setStatus('running');
    await run('sim.runPause');
    expect(runner.pause).toHaveBeenCalled();
    await run('sim.step');
    await run('sim.reset');
    expect(runner.step).toHaveBeenCalled();
    expect(runner.reset).toHaveBeenCalled();
    await run('sim.speed.max');
    expect(store.getState().speed).toBe(0);
    await run('sim.speed.100');
    expect(store.getState().speed).toBe(100);
  });

  it('shows a failing command as an error notice', async () => {
    const { store, runner, run } = setup();
    runner.step.mockRejectedValueOnce(new Error('worker died'));
    await run('sim.step');
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'worker died' });
  });
});
