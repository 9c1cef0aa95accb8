import type { StateCreator } from 'zustand';
import type { Locale } from '../i18n/messages.ts';
import type { Store } from './store.ts';

/** Session state: never saved with the document. */
export interface UiSlice {
  selection: string[];
  locale: Locale;
  /** A message for the user (a refused edge, a file error), shown until dismissed or replaced. */
  notice: { kind: 'info' | 'error'; text: string } | null;
  showTail: boolean;
  /** Whether the preset gallery is open. */
  galleryOpen: boolean;
  select: (ids: string[]) => void;
  setLocale: (locale: Locale) => void;
  notify: (kind: 'info' | 'error', text: string) => void;
  dismissNotice: () => void;
  toggleTail: () => void;
  setGalleryOpen: (open: boolean) => void;
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  selection: [],
  locale: 'en',
  notice: null,
  showTail: false,
  galleryOpen: false,
  select: (ids) => set({ selection: ids }),
  setLocale: (locale) => set({ locale }),
  notify: (kind, text) => set({ notice: { kind, text } }),
  dismissNotice: () => set({ notice: null }),
  toggleTail: () => set((s) => ({ showTail: !s.showTail })),
  setGalleryOpen: (open) => set({ galleryOpen: open }),
});
