/**
 * The one contract between the desktop shell and the renderer: what the preload exposes as
 * `window.archsim`, and the commands the native menus send. Plain types and data only, so the renderer
 * can import it without pulling in Node or Electron.
 */

/** Every command a native menu item can send to the renderer, over the single `menu:command` channel. */
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.exportCsv',
  'file.exportChartImage',
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.delete',
  'edit.selectAll',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomReset',
  'view.fit',
  'view.togglePalette',
  'view.toggleInspector',
  'view.toggleCharts',
  'view.language.en',
  'view.language.zh-CN',
  'sim.runPause',
  'sim.step',
  'sim.reset',
  'sim.speed.1',
  'sim.speed.10',
  'sim.speed.100',
  'sim.speed.max',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

const COMMAND_SET: ReadonlySet<string> = new Set(MENU_COMMANDS);

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && COMMAND_SET.has(value);
}

/** Edits the focused text field performs natively (Electron's `webContents.undo()` and so on). */
export const NATIVE_EDITS = ['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll'] as const;
export type NativeEdit = (typeof NATIVE_EDITS)[number];

/** A document read and validated by the main process. `path` is absolute. */
export interface OpenedDocument {
  path: string;
  name: string;
  text: string;
}

/**
 * A save. `path` is where the document was opened or last saved (null when it never was): the main
 * process writes there only if it handed out that path itself, and otherwise asks where.
 */
export interface SaveRequest {
  path: string | null;
  name: string;
  text: string;
  saveAs: boolean;
}

export interface SavedDocument {
  path: string;
  name: string;
}

/** One file of a CSV export: a plain file name (`summary.csv`) and its text. */
export interface ExportFile {
  name: string;
  text: string;
}

/** What the window title shows: the file name (null: untitled) and whether there are unsaved changes. */
export interface TitleState {
  fileName: string | null;
  dirty: boolean;
}

/**
 * `window.archsim` in the desktop app. Every method that shows a dialog resolves to null when the user
 * cancels it; a refused call (a path the main process did not hand out, an oversized payload) rejects.
 */
export interface DesktopApi {
  /** Asks for a `.archsim.json` file, reads and validates it; an invalid file is reported in a dialog. */
  openDocument(): Promise<OpenedDocument | null>;
  /** Writes the document atomically; asks where on Save As, or when `path` is null or unknown. */
  saveDocument(request: SaveRequest): Promise<SavedDocument | null>;
  /** Asks for a folder and writes the files into it; resolves to the folder. */
  exportCsv(files: ExportFile[]): Promise<string | null>;
  /** Updates the window title and the unsaved-changes state the close dialog relies on. */
  setTitleState(state: TitleState): void;
  /** Asks whether to discard unsaved changes (before New); true when there are none. */
  confirmDiscard(): Promise<boolean>;
  /** Runs an edit in the focused text field natively. */
  nativeEdit(action: NativeEdit): void;
  /** Menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Documents opened from outside (file association, second launch, Open Recent), already validated. */
  onOpenFile(listener: (file: OpenedDocument) => void): () => void;
  /** Crash-recovery drafts in the user-data folder, by key. A draft survives only a crashed session. */
  drafts: {
    read(key: string): Promise<string | null>;
    write(key: string, text: string): Promise<void>;
    clear(key: string): Promise<void>;
  };
}
