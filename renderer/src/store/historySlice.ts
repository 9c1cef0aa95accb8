import type { StateCreator } from 'zustand';
import type { Doc } from '../model/document.ts';
import type { Store } from './store.ts';

const LIMIT = 200;

/**
 * Undo and redo over whole documents (documents are immutable, so a step costs a reference). A gesture
 * (a drag) is one step: it is recorded once at its start. Selection, viewport and run results are never
 * recorded, and changing the selection never clears the redo stack.
 */
export interface HistorySlice {
  past: Doc[];
  future: Doc[];
  recordUndo: (before: Doc) => void;
  undo: () => void;
  redo: () => void;
  clearHistory: () => void;
}

export const createHistorySlice: StateCreator<Store, [], [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  recordUndo: (before) => set((s) => ({ past: [...s.past.slice(-(LIMIT - 1)), before], future: [] })),
  undo: () => {
    const { past, future, doc } = get();
    if (past.length === 0) return;
    set({ doc: past[past.length - 1], past: past.slice(0, -1), future: [doc, ...future], dirty: true });
  },
  redo: () => {
    const { past, future, doc } = get();
    if (future.length === 0) return;
    set({ doc: future[0], future: future.slice(1), past: [...past, doc], dirty: true });
  },
  clearHistory: () => set({ past: [], future: [] }),
});
