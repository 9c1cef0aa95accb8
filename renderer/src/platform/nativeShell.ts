import type { NativeEdit, NativeMenuModel, TitleState } from '../../../electron/contract.ts';
import type { OpenedFile } from './Platform.ts';

/**
 * What only the desktop shell offers the renderer: native menus, a window title, files opened from
 * outside the app, and edits performed natively in a focused text field. `Platform.native` holds it in
 * the desktop app and is absent in a browser.
 */
export interface NativeShell {
  /** Subscribes to the command ids of chosen native menu items; returns the unsubscribe function. */
  onMenuCommand(listener: (command: string) => void): () => void;
  /** Replaces the native menus with `model` (built from the command registry). */
  setMenu(model: NativeMenuModel): void;
  /** Documents opened from outside (file association, second launch, Open Recent). */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
  /** Tells the window its file name and whether there are unsaved changes (title, close question). */
  setTitleState(state: TitleState): void;
  /** Undo, copy, paste… in the focused text field, natively. */
  nativeEdit(action: NativeEdit): void;
}
