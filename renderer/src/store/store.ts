import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './documentSlice.ts';
import { createHistorySlice, type HistorySlice } from './historySlice.ts';
import { createRunSlice, type RunSlice } from './runSlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';

/** The one store, from typed slices by concern (zustand's slices pattern). */
export type Store = DocumentSlice & HistorySlice & UiSlice & RunSlice;

export const createStore = () =>
  create<Store>()((...a) => ({
    ...createDocumentSlice(...a),
    ...createHistorySlice(...a),
    ...createUiSlice(...a),
    ...createRunSlice(...a),
  }));

export const useStore = createStore();
