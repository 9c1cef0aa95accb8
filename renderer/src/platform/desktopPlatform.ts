import type { DesktopApi, OpenedDocument } from '../../../electron/contract.ts';
import { parseTopologyText } from '../../../sim-core/format/validate.ts';
import { AUTOSAVE_KEY, type DraftStorage } from './autosave.ts';
import type { OpenedFile, Platform } from './Platform.ts';

declare global {
  interface Window {
    /** The desktop shell's preload API; absent in a browser. */
    archsim?: DesktopApi;
  }
}

/**
 * The platform in the desktop app, on top of `window.archsim`: native open/save dialogs with atomic
 * writes, CSV export into a chosen folder, crash-recovery drafts in the user-data folder, and the
 * native menus and window title (`native`). The main process asks before closing with unsaved changes,
 * so the page does not (`warnOnUnload: false`).
 *
 * Async because the recovery draft is read once up front: `DraftStorage` is synchronous (it is
 * localStorage in a browser), so the desktop drafts are a cache written through to the main process.
 */
export async function createDesktopPlatform(api: DesktopApi): Promise<Platform> {
  const draft = await api.drafts.read(AUTOSAVE_KEY).catch(() => null);
  /** Where the current document lives: the main process only saves to paths it handed out. */
  let current: { name: string; path: string } | null = null;

  /** Remembers the path of a file the renderer will load (it loads only what validates). */
  const accept = (file: OpenedDocument): OpenedFile => {
    if (parseTopologyText(file.text).ok) current = { name: file.name, path: file.path };
    return { name: file.name, text: file.text };
  };

  return {
    kind: 'desktop',
    drafts: desktopDrafts(api, new Map(draft === null ? [] : [[AUTOSAVE_KEY, draft]])),
    warnOnUnload: false,
    async openDocument() {
      const file = await api.openDocument();
      return file ? accept(file) : null;
    },
    async saveDocument(name, text, saveAs) {
      // A document renamed by New or a recovered draft has no path of its own: main asks where.
      const path = current !== null && current.name === name ? current.path : null;
      const saved = await api.saveDocument({ path, name, text, saveAs });
      if (saved === null) return null;
      current = saved;
      return saved.name;
    },
    async exportFiles(files) {
      const folder = await api.exportCsv(files.map(({ name, text }) => ({ name, text })));
      return folder !== null;
    },
    native: {
      onMenuCommand: (listener) => api.onMenuCommand(listener),
      onOpenFile: (listener) => api.onOpenFile((file) => listener(accept(file))),
      setTitleState: (state) => api.setTitleState(state),
      setMenu: (model) => api.setMenu(model),
      nativeEdit: (action) => api.nativeEdit(action),
    },
  };
}

/**
 * Drafts as a synchronous cache over the main process's draft files. Writes go through without
 * waiting (the main process keeps them in order); a refused write (say, a document over the size limit)
 * only loses that draft, never the document.
 */
export function desktopDrafts(api: DesktopApi, cache: Map<string, string>): DraftStorage {
  return {
    getItem: (key) => cache.get(key) ?? null,
    setItem: (key, value) => {
      cache.set(key, value);
      api.drafts.write(key, value).catch(() => {});
    },
    removeItem: (key) => {
      cache.delete(key);
      api.drafts.clear(key).catch(() => {});
    },
  };
}
