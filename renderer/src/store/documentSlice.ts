import type { StateCreator } from 'zustand';
import { type Doc, emptyDoc } from '../model/document.ts';
import type { Store } from './store.ts';

/** The document being edited, its file name and whether it has unsaved changes. */
export interface DocumentSlice {
  doc: Doc;
  fileName: string | null;
  dirty: boolean;
  /** How many documents were loaded this session: the canvas frames each newly loaded one. */
  loadCount: number;
  /** Replaces the document as one undoable step (edits from the inspector, palette, menus). */
  change: (update: (doc: Doc) => Doc) => void;
  /** Replaces the document without an undo step: the middle of a gesture already marked. */
  changeSilently: (update: (doc: Doc) => Doc) => void;
  /** Loads a document (open, new, recover): history cleared, clean unless said otherwise. */
  load: (doc: Doc, fileName: string | null, dirty?: boolean) => void;
  /** `saved` was written as `fileName`: clean, unless the document changed while it was being saved. */
  markSaved: (fileName: string, saved: Doc) => void;
}

export const createDocumentSlice: StateCreator<Store, [], [], DocumentSlice> = (set, get) => ({
  doc: emptyDoc(),
  fileName: null,
  dirty: false,
  loadCount: 0,
  change: (update) => {
    const before = get().doc;
    const after = update(before);
    if (after === before) return;
    get().recordUndo(before);
    // A notice was about the document as it was: an edit answers or replaces it.
    set({ doc: after, dirty: true, notice: null });
  },
  changeSilently: (update) => set((s) => ({ doc: update(s.doc), dirty: true })),
  load: (doc, fileName, dirty = false) => {
    get().clearHistory();
    get().resetRun();
    set((s) => ({
      doc,
      fileName,
      dirty,
      savedDoc: dirty ? null : doc,
      selection: [],
      notice: null,
      loadCount: s.loadCount + 1,
    }));
  },
  markSaved: (fileName, saved) => set((s) => ({ fileName, savedDoc: saved, dirty: s.doc !== saved })),
});
