import type { TitleState } from './contract.ts';

/**
 * The window's document state as the renderer reports it, and the close-with-unsaved-changes flow:
 * closing a dirty window is held while the user answers Save / Don't Save / Cancel. Save asks the renderer
 * to save; the close goes ahead when that save succeeds and is dropped when it is cancelled or fails.
 */

/** The window's title; `untitled` names a document never saved, in the UI's language. */
export function windowTitle(
  { fileName, dirty }: TitleState,
  appName = 'ArchSim',
  untitled = 'Untitled',
): string {
  return `${fileName ?? untitled}${dirty ? ' •' : ''} — ${appName}`;
}

export type CloseChoice = 'save' | 'discard' | 'cancel';

export class CloseFlow {
  private state: TitleState = { fileName: null, dirty: false };
  private closeAfterSave = false;
  private closing = false;
  private asking = false;

  get title(): TitleState {
    return this.state;
  }

  get dirty(): boolean {
    return this.state.dirty;
  }

  update(state: TitleState): void {
    this.state = state;
  }

  /**
   * Called from the window's `close` event: true to let it close, false to hold it (prevent the event)
   * and ask. A second close while the question is open is held without asking again.
   */
  mayClose(): boolean {
    return this.closing || !this.state.dirty;
  }

  /** Whether to show the question now (not when one is already showing). */
  startAsking(): boolean {
    if (this.asking) return false;
    this.asking = true;
    return true;
  }

  /** What to do with the answer: ask the renderer to save, close right away, or stay open. */
  answer(choice: CloseChoice): 'save' | 'close' | 'stay' {
    this.asking = false;
    if (choice === 'save') {
      this.closeAfterSave = true;
      return 'save';
    }
    if (choice === 'discard') {
      this.closing = true;
      return 'close';
    }
    return 'stay';
  }

  /** After a save finished (saved: false when cancelled or failed): whether to close the window now. */
  saveFinished(saved: boolean): boolean {
    const close = this.closeAfterSave && saved;
    this.closeAfterSave = false;
    if (close) this.closing = true;
    return close;
  }
}
