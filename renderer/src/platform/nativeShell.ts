import type { MenuCommand, NativeEdit, TitleState } from '../../../electron/contract.ts';
import type { OpenedFile } from './Platform.ts';

/**
 * What only the desktop shell offers the renderer: native menus, a window title, files opened from
 * outside the app, and edits performed natively in a focused text field. `Platform.native` holds it in
 * the desktop app and is absent in a browser.
 */
export interface NativeShell {
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Documents opened from outside (file association, second launch, Open Recent). */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
  /** Tells the window its file name and whether there are unsaved changes (title, close question). */
  setTitleState(state: TitleState): void;
  /** Asks whether to discard unsaved changes; true when there are none or the user agrees. */
  confirmDiscard(): Promise<boolean>;
  /** Undo, copy, paste… in the focused text field, natively. */
  nativeEdit(action: NativeEdit): void;
}
