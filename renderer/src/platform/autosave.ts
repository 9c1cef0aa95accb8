import type { Doc } from '../model/document.ts';

/**
 * Crash recovery for the working document: while it has unsaved changes it is copied to a draft every
 * few seconds; a clean save, New or Open removes the draft. On the next start a draft that differs from
 * the document just loaded is offered back. The storage is injected (localStorage in a browser), so the
 * logic runs in unit tests without a DOM.
 */

/** The draft's key; the suffix is the draft format's version, bumped if `StoredDraft` changes shape. */
export const AUTOSAVE_KEY = 'archsim.autosave.v1';
export const AUTOSAVE_INTERVAL_MS = 3000;

/** The part of `Storage` a draft needs: localStorage fits as it is. Any method may throw (quota, privacy mode). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Draft {
  /** The file the document came from, or null if it was never saved. */
  fileName: string | null;
  /** When the draft was written, in milliseconds since the epoch. */
  savedAtMs: number;
  doc: Doc;
}

/** What autosave reads from the store: zustand's `getState`/`subscribe` fit. */
export interface DraftSource {
  getState(): { doc: Doc; fileName: string | null; dirty: boolean };
  subscribe(
    listener: (
      state: { doc: Doc; fileName: string | null; dirty: boolean },
      previous: { doc: Doc; fileName: string | null; dirty: boolean },
    ) => void,
  ): () => void;
}

/** Writes the draft; returns false when the storage refused it (full, or disabled). */
export function writeDraft(storage: DraftStorage, draft: Draft): boolean {
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** The stored draft, or null when there is none or it cannot be read (not JSON, wrong shape). */
export function readDraft(storage: DraftStorage): Draft | null {
  let text: string | null;
  try {
    text = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || !isRecord(value.doc) || !Array.isArray(value.doc.nodes)) return null;
  if (typeof value.savedAtMs !== 'number' || !Number.isFinite(value.savedAtMs)) return null;
  if (value.fileName !== null && typeof value.fileName !== 'string') return null;
  return { fileName: value.fileName, savedAtMs: value.savedAtMs, doc: value.doc as unknown as Doc };
}

export function clearDraft(storage: DraftStorage): void {
  try {
    storage.removeItem(AUTOSAVE_KEY);
  } catch {
    // Nothing to do: a storage that cannot remove cannot have stored much either.
  }
}

/**
 * The draft worth offering back at start-up: one that differs from `current` (the document just loaded).
 * A draft that is unreadable or equal to `current` is removed, so it is not offered again.
 */
export function recoverableDraft(storage: DraftStorage, current: Doc): Draft | null {
  const draft = readDraft(storage);
  if (draft === null || sameDoc(draft.doc, current)) {
    clearDraft(storage);
    return null;
  }
  return draft;
}

/** Two documents are the same when they serialize the same (documents are plain JSON). */
export function sameDoc(a: Doc, b: Doc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface Autosave {
  /** Writes the draft now if the document changed since the last write and is unsaved. */
  flush(): void;
  /** Stops the timer and the subscription; the draft stays where it is. */
  stop(): void;
}

/**
 * Starts autosaving `source` into `storage` every `intervalMs` while the document is dirty, and removes
 * the draft whenever the document becomes clean (saved, or replaced by New/Open). Start it only after
 * any recovery question is answered, or it would overwrite the draft being asked about.
 */
export function startAutosave(
  source: DraftSource,
  storage: DraftStorage,
  { intervalMs = AUTOSAVE_INTERVAL_MS, now = Date.now }: { intervalMs?: number; now?: () => number } = {},
): Autosave {
  let written: { doc: Doc; fileName: string | null } | null = null;
  const flush = () => {
    const { doc, fileName, dirty } = source.getState();
    if (!dirty || (written !== null && written.doc === doc && written.fileName === fileName)) return;
    if (writeDraft(storage, { fileName, savedAtMs: now(), doc })) written = { doc, fileName };
  };
  const unsubscribe = source.subscribe((state, previous) => {
    if (
      !state.dirty &&
      (previous.dirty || state.doc !== previous.doc || state.fileName !== previous.fileName)
    ) {
      clearDraft(storage);
      written = null;
    }
  });
  const timer = setInterval(flush, intervalMs);
  return {
    flush,
    stop: () => {
      clearInterval(timer);
      unsubscribe();
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
