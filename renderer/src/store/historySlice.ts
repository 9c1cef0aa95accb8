import type { StateCreator } from 'zustand';
import type { Doc } from '../model/document.ts';
import type { Store } from './store.ts';

const LIMIT = 200;

/**
 * Undo and redo over whole documents (documents are immutable, so a step costs a reference), with
 * marks in the way of tldraw's history: a gesture (a drag, a resize) marks where it began and becomes
 * one step when it ends — or none, when it ends where it began. Undoing or redoing back to the
 * document as it was saved clears the dirty mark. Selection, viewport and run results are never
 * recorded, and changing the selection never clears the redo stack.
 */
export interface HistorySlice {
  past: Doc[];
  future: Doc[];
  /** The document as last saved or loaded clean; null when the document was never clean. */
  savedDoc: Doc | null;
  /** The document when the gesture in progress began; null between gestures. */
  gestureStart: Doc | null;
  recordUndo: (before: Doc) => void;
  /** Marks the start of a gesture whose intermediate states are changed silently. */
  beginGesture: () => void;
  /** Ends the gesture: one undo step if the document changed, nothing (and the old dirty mark) if not. */
  endGesture: () => void;
  undo: () => void;
  redo: () => void;
  clearHistory: () => void;
}

export const createHistorySlice: StateCreator<Store, [], [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  savedDoc: null,
  gestureStart: null,
  recordUndo: (before) => set((s) => ({ past: [...s.past.slice(-(LIMIT - 1)), before], future: [] })),
  beginGesture: () => {
    if (get().gestureStart === null) set({ gestureStart: get().doc });
  },
  endGesture: () => {
    const { gestureStart: start, doc, savedDoc } = get();
    if (start === null) return;
    set({ gestureStart: null });
    if (sameDocument(start, doc)) set({ doc: start, dirty: start !== savedDoc });
    else get().recordUndo(start);
  },
  undo: () => {
    const { past, future, doc, savedDoc } = get();
    if (past.length === 0) return;
    const back = past[past.length - 1];
    set({ doc: back, past: past.slice(0, -1), future: [doc, ...future], dirty: back !== savedDoc });
  },
  redo: () => {
    const { past, future, doc, savedDoc } = get();
    if (future.length === 0) return;
    const next = future[0];
    set({ doc: next, future: future.slice(1), past: [...past, doc], dirty: next !== savedDoc });
  },
  clearHistory: () => set({ past: [], future: [], gestureStart: null }),
});

/**
 * Whether a gesture left the document as it found it. Once per gesture, so a full comparison is
 * affordable; edits keep key order, so equal documents serialise alike.
 */
function sameDocument(a: Doc, b: Doc): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
