/**
 * The one contract between the desktop shell and the renderer: what the preload exposes as
 * `window.archsim`, and the commands the native menus send. Plain types and data only, so the renderer
 * can import it without pulling in Node or Electron.
 */

/**
 * A command's id in the renderer's registry (`file.open`, `view.language.zh-CN`): what a native menu
 * item is named by and sends back. The registry, not this contract, lists them: the shell only passes
 * them through.
 */
export const COMMAND_ID = /^[a-z][A-Za-z]*(\.[A-Za-z0-9-]+)+$/;

export function isCommandId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && COMMAND_ID.test(value);
}

/** The command the shell itself sends when the user chooses Save in the close question. */
export const SAVE_COMMAND = 'file.save';

/**
 * The native menus, as the renderer describes them from its command registry: labels in the UI's
 * language (with `&` before an access key), shortcuts as Electron accelerators, enabled and checked
 * states. `shell` marks where the items the shell owns go (recent files, quit, the reference pages…).
 */
export type NativeMenuItem =
  | {
      type: 'command';
      id: string;
      label: string;
      accelerator?: string;
      enabled: boolean;
      /** Present for an on/off or one-of-several item. */
      checked?: boolean;
      radio?: boolean;
    }
  | { type: 'separator' }
  | { type: 'submenu'; label: string; items: NativeMenuItem[] }
  | { type: 'shell'; item: ShellItem };

/** Items only the shell can perform, placed by the renderer's menu layout. */
export const SHELL_ITEMS = ['openRecent', 'docs', 'about', 'quit', 'windowControls'] as const;
export type ShellItem = (typeof SHELL_ITEMS)[number];

/** The labels of the shell's own items (and of the macOS app menu), in the UI's language. */
export const SHELL_LABELS = [
  'openRecent',
  'noRecent',
  'clearRecent',
  'docsFileFormat',
  'docsSimCore',
  'docsCli',
  'about',
  'quit',
  'devTools',
  'fullScreen',
  'services',
  'hide',
  'hideOthers',
  'showAll',
  'window',
] as const;
export type ShellLabel = (typeof SHELL_LABELS)[number];

export interface NativeMenuModel {
  /** The top-level menus in order; the one marked `help` becomes the platform's Help menu. */
  menus: { label: string; help?: boolean; items: NativeMenuItem[] }[];
  shellLabels: Record<ShellLabel, string>;
  /** The UI's language, which the shell's own dialogs then speak. */
  locale: 'en' | 'zh-CN';
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
  /** Replaces the native menus (sent again whenever a label, a shortcut or a state in them changes). */
  setMenu(model: NativeMenuModel): void;
  /** Runs an edit in the focused text field natively. */
  nativeEdit(action: NativeEdit): void;
  /** Command ids of chosen menu items; returns the unsubscribe function. */
  onMenuCommand(listener: (command: string) => void): () => void;
  /** Documents opened from outside (file association, second launch, Open Recent), already validated. */
  onOpenFile(listener: (file: OpenedDocument) => void): () => void;
  /** Crash-recovery drafts in the user-data folder, by key. A draft survives only a crashed session. */
  drafts: {
    read(key: string): Promise<string | null>;
    write(key: string, text: string): Promise<void>;
    clear(key: string): Promise<void>;
  };
}
