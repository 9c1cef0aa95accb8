import { create } from 'zustand';
import { type AnalysisSlice, createAnalysisSlice } from './analysisSlice.ts';
import { createDocumentSlice, type DocumentSlice } from './documentSlice.ts';
import { createHistorySlice, type HistorySlice } from './historySlice.ts';
import { createRunSlice, type RunSlice } from './runSlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';

/** The one store, from typed slices by concern (zustand's slices pattern). */
export type Store = DocumentSlice & HistorySlice & UiSlice & RunSlice & AnalysisSlice;

export const createStore = () =>
  create<Store>()((...a) => {
    const state = {
      ...createDocumentSlice(...a),
      ...createHistorySlice(...a),
      ...createUiSlice(...a),
      ...createRunSlice(...a),
      ...createAnalysisSlice(...a),
    };
    // The empty document the editor starts with is clean: undoing back to it clears the dirty mark.
    return { ...state, savedDoc: state.doc };
  });

export const useStore = createStore();
