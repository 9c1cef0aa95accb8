import type { MenuCommand, NativeEdit } from '../../../electron/contract.ts';
import { copySelection, cutSelection, deleteSelection, pasteClipboard, selectAll } from '../editCommands.ts';
import { translate } from '../i18n/messages.ts';
import { emptyDoc } from '../model/document.ts';
import type { Runner } from '../run/runner.ts';
import type { Speed } from '../store/runSlice.ts';
import type { Store } from '../store/store.ts';
import { exportCsv, openDocument, saveDocument } from './files.ts';
import type { Platform } from './Platform.ts';

/**
 * The native menus' commands, each mapped to the same action as its button or shortcut. One dispatcher
 * (`runMenuCommand`) for every command; the map is exhaustive over `MenuCommand`, so a command added to
 * the contract without an action here does not compile.
 */

export type Panel = 'palette' | 'inspector' | 'charts';

/** The canvas viewport (React Flow's instance fits). */
export interface FlowView {
  zoomIn(): unknown;
  zoomOut(): unknown;
  zoomTo(zoom: number): unknown;
  fitView(options?: { padding?: number; maxZoom?: number }): unknown;
}

export interface CommandContext {
  store: { getState(): Store };
  runner: Pick<Runner, 'run' | 'pause' | 'step' | 'reset'>;
  platform: Platform;
  view: FlowView | null;
  /** Whether a text field has the focus: edit commands then act on it, natively. */
  editingText(): boolean;
  togglePanel(panel: Panel): void;
}

type Action = (ctx: CommandContext) => unknown;

/** Commands a mounted component performs (the charts panel exports its own charts). */
const componentHandlers = new Map<MenuCommand, () => unknown>();

/** Lets a component handle `command` while mounted; returns the function that unregisters it. */
export function setCommandHandler(command: MenuCommand, handler: () => unknown): () => void {
  componentHandlers.set(command, handler);
  return () => {
    if (componentHandlers.get(command) === handler) componentHandlers.delete(command);
  };
}

const edit =
  (native: NativeEdit, onCanvas: (ctx: CommandContext) => unknown): Action =>
  (ctx) =>
    ctx.editingText() ? ctx.platform.native?.nativeEdit(native) : onCanvas(ctx);

const speed =
  (value: Speed): Action =>
  (ctx) =>
    ctx.store.getState().setSpeed(value);

const fromComponent =
  (command: MenuCommand): Action =>
  (ctx) => {
    const handler = componentHandlers.get(command);
    if (handler) return handler();
    const s = ctx.store.getState();
    s.notify('info', translate(s.locale, 'charts.empty'));
  };

export const MENU_ACTIONS: Record<MenuCommand, Action> = {
  'file.new': async ({ store, platform }) => {
    if (store.getState().dirty && platform.native && !(await platform.native.confirmDiscard())) return;
    store.getState().load(emptyDoc(), null);
  },
  'file.open': ({ platform }) => openDocument(platform),
  'file.save': ({ platform }) => saveDocument(platform, false),
  'file.saveAs': ({ platform }) => saveDocument(platform, true),
  'file.exportCsv': ({ store, platform }) => {
    const s = store.getState();
    if (s.summary === null) s.notify('info', translate(s.locale, 'charts.empty'));
    else return exportCsv(platform);
  },
  'file.exportChartImage': fromComponent('file.exportChartImage'),
  'edit.undo': edit('undo', ({ store }) => store.getState().undo()),
  'edit.redo': edit('redo', ({ store }) => store.getState().redo()),
  'edit.cut': edit('cut', ({ store }) => cutSelection(store)),
  'edit.copy': edit('copy', ({ store }) => copySelection(store)),
  'edit.paste': edit('paste', ({ store }) => pasteClipboard(store)),
  'edit.delete': edit('delete', ({ store }) => deleteSelection(store)),
  'edit.selectAll': edit('selectAll', ({ store }) => selectAll(store)),
  'view.zoomIn': ({ view }) => view?.zoomIn(),
  'view.zoomOut': ({ view }) => view?.zoomOut(),
  'view.zoomReset': ({ view }) => view?.zoomTo(1),
  // The canvas's own initial fit.
  'view.fit': ({ view }) => view?.fitView({ padding: 0.2, maxZoom: 1 }),
  'view.togglePalette': ({ togglePanel }) => togglePanel('palette'),
  'view.toggleInspector': ({ togglePanel }) => togglePanel('inspector'),
  'view.toggleCharts': ({ togglePanel }) => togglePanel('charts'),
  'view.language.en': ({ store }) => store.getState().setLocale('en'),
  'view.language.zh-CN': ({ store }) => store.getState().setLocale('zh-CN'),
  'sim.runPause': ({ store, runner }) =>
    store.getState().status === 'running' ? runner.pause() : runner.run(),
  'sim.step': ({ runner }) => runner.step(),
  'sim.reset': ({ runner }) => runner.reset(),
  'sim.speed.1': speed(1),
  'sim.speed.10': speed(10),
  'sim.speed.100': speed(100),
  'sim.speed.max': speed(0),
};

/**
 * Commands the renderer also handles from the keyboard (useShortcuts). Should a platform deliver both
 * the key and the menu accelerator, the command right after a handled key is the same press: dropped.
 */
export const KEYBOARD_COMMANDS: ReadonlySet<MenuCommand> = new Set([
  'file.save',
  'file.saveAs',
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.selectAll',
]);
export const KEY_ECHO_MS = 150;

/** Runs `command`; an error is shown to the user as a notice rather than lost in a promise. */
export async function runMenuCommand(command: MenuCommand, ctx: CommandContext): Promise<void> {
  try {
    await MENU_ACTIONS[command](ctx);
  } catch (error) {
    ctx.store.getState().notify('error', error instanceof Error ? error.message : String(error));
  }
}
