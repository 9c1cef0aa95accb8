import type { StateCreator } from 'zustand';
import type { ValidationIssue } from '../../../sim-core/api.ts';
import type { Message } from '../../../sim-core/messages/Message.ts';
import type { Locale, MessageKey } from '../i18n/messages.ts';
import type { Doc } from '../model/document.ts';
import { APP_BUDGETS, type BudgetField, type RunBudgets } from '../run/runBudgets.ts';
import type { Store } from './store.ts';

/**
 * What a notice says, as data worded when it is drawn (so it follows a change of language): a UI
 * string, a core message (a refused event, a run error), the validator's issues (with the nodes named
 * by their labels when `of` is the document on screen they refer to), or text from outside (an exception's message, in whatever language it came).
 */
export type NoticeText =
  | { key: MessageKey; vars?: Record<string, string | number> }
  | { message: Message }
  | { issues: readonly ValidationIssue[]; file?: string; of?: Doc }
  | { text: string };

export interface Notice {
  kind: 'info' | 'error';
  what: NoticeText;
  /** Client coordinates of the pointer that caused it (a refused edge): shown there, not only below. */
  at?: { x: number; y: number };
}

/** Session state: never saved with the document. */
export interface UiSlice {
  selection: string[];
  locale: Locale;
  /**
   * A message for the user (a refused edge, a file error), shown until dismissed, replaced, or made
   * stale by the next edit, load or run.
   */
  notice: Notice | null;
  showTail: boolean;
  /** Whether the preset gallery is open. */
  galleryOpen: boolean;
  /** Whether the canvas shows its minimap (off at first: it would cover the end of a chain). */
  minimapShown: boolean;
  /** The canvas item (node id, or `region:` id) whose name is being edited on the canvas. */
  renaming: string | null;
  /** Whether the canvas's layout is locked: nodes cannot be moved or connected, only selected. */
  canvasLocked: boolean;
  /** The budgets every run is loaded with (a preference kept in local storage, not in the document). */
  runBudgets: RunBudgets;
  /** Whether the run budgets dialog is open. */
  budgetsOpen: boolean;
  /** The field the run budgets setting opens at. */
  budgetsField: BudgetField;
  select: (ids: string[]) => void;
  setLocale: (locale: Locale) => void;
  notify: (kind: Notice['kind'], what: NoticeText, at?: Notice['at']) => void;
  dismissNotice: () => void;
  toggleTail: () => void;
  setGalleryOpen: (open: boolean) => void;
  toggleMinimap: () => void;
  setRenaming: (id: string | null) => void;
  setCanvasLocked: (locked: boolean) => void;
  setRunBudgets: (budgets: RunBudgets) => void;
  /** Opens (at `field`, which gets the focus) or closes the run budgets setting. */
  setBudgetsOpen: (open: boolean, field?: BudgetField) => void;
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  selection: [],
  locale: 'en',
  notice: null,
  showTail: false,
  galleryOpen: false,
  minimapShown: false,
  renaming: null,
  canvasLocked: false,
  runBudgets: { ...APP_BUDGETS },
  budgetsOpen: false,
  budgetsField: 'events',
  select: (ids) => set({ selection: ids }),
  setLocale: (locale) => set({ locale }),
  notify: (kind, what, at) => set({ notice: at ? { kind, what, at } : { kind, what } }),
  dismissNotice: () => set({ notice: null }),
  toggleTail: () => set((s) => ({ showTail: !s.showTail })),
  setGalleryOpen: (open) => set({ galleryOpen: open }),
  toggleMinimap: () => set((s) => ({ minimapShown: !s.minimapShown })),
  setRenaming: (id) => set({ renaming: id }),
  setCanvasLocked: (locked) => set({ canvasLocked: locked }),
  setRunBudgets: (budgets) => set({ runBudgets: budgets }),
  setBudgetsOpen: (open, field = 'events') => set({ budgetsOpen: open, budgetsField: field }),
});
