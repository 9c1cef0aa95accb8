import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDoc } from '../model/document.ts';
import { createStore } from '../store/store.ts';
import {
  AUTOSAVE_INTERVAL_MS,
  AUTOSAVE_KEY,
  type DraftStorage,
  readDraft,
  recoverableDraft,
  startAutosave,
  writeDraft,
} from './autosave.ts';

/** localStorage's three methods over a Map, with switches to make it fail. */
function memoryStorage() {
  const items = new Map<string, string>();
  const storage = {
    items,
    full: false,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (storage.full) throw new DOMException('quota exceeded', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key: string) => {
      items.delete(key);
    },
  };
  return storage satisfies DraftStorage;
}

const withService = () => {
  const doc = emptyDoc();
  return {
    ...doc,
    nodes: [{ id: 'service-1', kind: 'service', label: 'service-1', params: { replicas: 2 } }],
  } as typeof doc;
};

describe('drafts in storage', () => {
  it('reads back what it wrote', () => {
    const storage = memoryStorage();
    const draft = { fileName: 'shop.archsim.json', savedAtMs: 1_700_000_000_000, doc: withService() };
    expect(writeDraft(storage, draft)).toBe(true);
    expect(readDraft(storage)).toEqual(draft);
  });

  it('reports a refused write instead of throwing', () => {
    const storage = memoryStorage();
    storage.full = true;
    expect(writeDraft(storage, { fileName: null, savedAtMs: 0, doc: withService() })).toBe(false);
    expect(readDraft(storage)).toBeNull();
  });

  it.each([
    ['not JSON', '{"doc":'],
    ['no document', '{"fileName":null,"savedAtMs":1}'],
    ['no nodes', '{"fileName":null,"savedAtMs":1,"doc":{}}'],
    ['no time', '{"fileName":null,"doc":{"nodes":[]}}'],
    ['a numeric file name', '{"fileName":3,"savedAtMs":1,"doc":{"nodes":[]}}'],
  ])('ignores a draft with %s', (_, text) => {
    const storage = memoryStorage();
    storage.items.set(AUTOSAVE_KEY, text);
    expect(readDraft(storage)).toBeNull();
  });

  it('offers a draft only when it differs from the document just loaded, and drops one that does not', () => {
    const storage = memoryStorage();
    writeDraft(storage, { fileName: null, savedAtMs: 1, doc: withService() });
    expect(recoverableDraft(storage, withService())).toBeNull();
    expect(storage.items.has(AUTOSAVE_KEY)).toBe(false);

    writeDraft(storage, { fileName: null, savedAtMs: 1, doc: withService() });
    expect(recoverableDraft(storage, emptyDoc())?.doc).toEqual(withService());
    expect(storage.items.has(AUTOSAVE_KEY)).toBe(true);
  });

  it('drops an unreadable draft at start-up', () => {
    const storage = memoryStorage();
    storage.items.set(AUTOSAVE_KEY, 'garbage');
    expect(recoverableDraft(storage, emptyDoc())).toBeNull();
    expect(storage.items.has(AUTOSAVE_KEY)).toBe(false);
  });
});

describe('startAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const addService = (store: ReturnType<typeof createStore>) =>
    store.getState().change((d) => ({ ...d, nodes: [...d.nodes, ...withService().nodes] }));

  it('writes a dirty document on the next tick, with its file name and time', () => {
    const store = createStore();
    const storage = memoryStorage();
    const autosave = startAutosave(store, storage, { now: () => 42 });
    addService(store);
    expect(readDraft(storage)).toBeNull();
    vi.advanceTimersByTime(AUTOSAVE_INTERVAL_MS);
    expect(readDraft(storage)).toEqual({ fileName: null, savedAtMs: 42, doc: store.getState().doc });
    autosave.stop();
  });

  it('does not write a clean document, nor the same one twice', () => {
    const store = createStore();
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    const autosave = startAutosave(store, storage);
    vi.advanceTimersByTime(AUTOSAVE_INTERVAL_MS * 3);
    expect(setItem).not.toHaveBeenCalled();
    addService(store);
    vi.advanceTimersByTime(AUTOSAVE_INTERVAL_MS * 3);
    expect(setItem).toHaveBeenCalledTimes(1);
    autosave.stop();
  });

  it('removes the draft on a clean save, on New and on Open', () => {
    const store = createStore();
    const storage = memoryStorage();
    const autosave = startAutosave(store, storage);
    const hasDraft = () => storage.items.has(AUTOSAVE_KEY);

    addService(store);
    autosave.flush();
    expect(hasDraft()).toBe(true);
    store.getState().markSaved('shop.archsim.json', store.getState().doc);
    expect(hasDraft()).toBe(false);

    addService(store);
    autosave.flush();
    expect(readDraft(storage)?.fileName).toBe('shop.archsim.json');
    store.getState().load(emptyDoc(), null);
    expect(hasDraft()).toBe(false);

    addService(store);
    autosave.flush();
    store.getState().load(withService(), 'other.archsim.json');
    expect(hasDraft()).toBe(false);
    autosave.stop();
  });

  it('keeps a recovered document (loaded dirty) as the draft', () => {
    const store = createStore();
    const storage = memoryStorage();
    const autosave = startAutosave(store, storage);
    store.getState().load(withService(), 'shop.archsim.json', true);
    vi.advanceTimersByTime(AUTOSAVE_INTERVAL_MS);
    expect(readDraft(storage)?.doc).toEqual(withService());
    autosave.stop();
  });

  it('stops writing once stopped, and leaves the draft in place', () => {
    const store = createStore();
    const storage = memoryStorage();
    const autosave = startAutosave(store, storage);
    addService(store);
    autosave.flush();
    autosave.stop();
    addService(store);
    vi.advanceTimersByTime(AUTOSAVE_INTERVAL_MS * 2);
    store.getState().markSaved('x.archsim.json', store.getState().doc);
    expect(readDraft(storage)?.doc.nodes).toHaveLength(1);
  });
});
