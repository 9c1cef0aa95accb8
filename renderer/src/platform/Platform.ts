import type { DraftStorage } from './autosave.ts';
import type { NativeShell } from './nativeShell.ts';

/**
 * What the renderer needs from its host. The browser implementation downloads and uploads; the
 * desktop shell supplies native dialogs through its preload. Every method may be cancelled by the user:
 * then it resolves to null.
 */
export interface OpenedFile {
  name: string;
  text: string;
}

export interface Platform {
  readonly kind: 'browser' | 'desktop';
  /** Asks the user for a `.archsim.json` file and reads it. */
  openDocument(): Promise<OpenedFile | null>;
  /** Saves text under `name` (Save As asks where; Save reuses the last place when it can). */
  saveDocument(name: string, text: string, saveAs: boolean): Promise<string | null>;
  /** Saves several files together (the CSV export). */
  exportFiles(files: { name: string; text: string; type: string }[]): Promise<boolean>;
  /**
   * Where crash-recovery drafts of the working document go (autosave); absent when the host keeps
   * none. Never beside the user's file.
   */
  readonly drafts?: DraftStorage;
  /** Whether closing the page with unsaved changes should ask first (the desktop shell asks itself). */
  readonly warnOnUnload?: boolean;
  /** Native menus, window title and files opened from outside: the desktop shell only. */
  readonly native?: NativeShell;
}
