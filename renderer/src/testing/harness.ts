import { vi } from 'vitest';
import type { Summary, WindowStats } from '../../../sim-core/results/types.ts';
import type { CommandContext, CommandSource } from '../commands/Command.ts';
import { clearClipboard, copySelection } from '../commands/clipboard.ts';
import { executeCommand } from '../commands/dispatch.ts';
import { COMMANDS, type CommandId } from '../commands/registry.ts';
import { type Doc, emptyDoc } from '../model/document.ts';
import type { NativeShell } from '../platform/nativeShell.ts';
import type { Platform } from '../platform/Platform.ts';
import { useStore } from '../store/store.ts';

/**
 * The renderer harness: the app's own store reset (files.ts and the commands work on it), a desktop
 * platform and a runner that record their calls, React Flow's viewport as spies, and the dispatcher's
 * context built from them.
 */
export function commandHarness({ editing = false }: { editing?: boolean } = {}) {
  const store = useStore;
  store.setState(store.getInitialState(), true);
  clearClipboard();
  const native: NativeShell = {
    onMenuCommand: () => () => {},
    onOpenFile: () => () => {},
    setTitleState: vi.fn(),
    setMenu: vi.fn(),
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
  const view = {
    zoomIn: vi.fn(),
    zoomOut: vi.fn(),
    zoomTo: vi.fn(),
    fitView: vi.fn(),
    getViewport: () => ({ x: 0, y: 0, zoom: 1 }),
    screenToFlowPosition: (p: { x: number; y: number }) => p,
    getNodes: () => [],
  };
  /** The unsaved-changes question: answered yes unless told otherwise. */
  const confirmReplace = vi.fn((replace: () => void) => replace());
  const togglePanel = vi.fn();
  const ctx: CommandContext = {
    store,
    platform,
    runner,
    view,
    confirmReplace,
    editingText: () => editing,
    togglePanel,
  };
  const run = (id: CommandId, source: CommandSource = 'toolbar', value?: unknown) =>
    executeCommand(id, ctx, source, value);
  return { store, native, platform, runner, view, confirmReplace, togglePanel, ctx, run };
}

/** Two nodes in a region, an edge between them: a small document for the edit commands. */
export function twoNodes(): Doc {
  return {
    ...emptyDoc(),
    regions: [{ id: 'eu', label: 'eu', position: { x: 0, y: 0 }, size: { width: 600, height: 300 } }],
    nodes: [
      { id: 'client', kind: 'client', label: 'client', params: {}, position: { x: 40, y: 40 }, region: 'eu' },
      {
        id: 'service',
        kind: 'service',
        label: 'service',
        params: {},
        position: { x: 260, y: 40 },
        region: 'eu',
      },
    ],
    edges: [{ id: 'client->service', source: 'client', target: 'service' }],
  } as Doc;
}

/**
 * Puts the store where every command applies: a document with history both ways, one node selected
 * and copied, a paused run with results.
 */
export function everythingApplies(store: typeof useStore): void {
  const s = store.getState();
  s.load(twoNodes(), 'shop.archsim.json');
  s.change((d) => ({ ...d, name: 'changed' }));
  s.change((d) => ({ ...d, name: 'changed again' }));
  s.undo();
  s.select(['service']);
  copySelection(store.getState());
  store.setState({
    status: 'paused',
    summary: {} as Summary,
    windows: [{ startSec: 0, endSec: 1 } as WindowStats],
  });
}

/** Replaces every command's `perform` with a spy that does nothing, to count how often each runs. */
export function spyOnPerforms() {
  const spies = new Map(
    (Object.keys(COMMANDS) as CommandId[]).map((id) => [
      id,
      vi.spyOn(COMMANDS[id], 'perform').mockImplementation(() => undefined),
    ]),
  );
  return {
    calls: (id: CommandId) => spies.get(id)?.mock.calls.length ?? 0,
    /** Every command that ran, with how often. */
    ran: () =>
      Object.fromEntries(
        [...spies]
          .filter(([, spy]) => spy.mock.calls.length > 0)
          .map(([id, spy]) => [id, spy.mock.calls.length]),
      ),
    reset: () => {
      for (const spy of spies.values()) spy.mockClear();
    },
    restore: () => {
      for (const spy of spies.values()) spy.mockRestore();
    },
  };
}
