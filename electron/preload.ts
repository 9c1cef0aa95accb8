import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { CHANNELS } from './channels.ts';
import { type DesktopApi, isCommandId, type OpenedDocument } from './contract.ts';

/**
 * The preload: exposes `window.archsim`, a small set of named capabilities, to the sandboxed renderer.
 * Never `ipcRenderer` itself and never a channel parameter, so the page can call exactly these and
 * nothing else. Bundled into one CommonJS file (a sandboxed preload can only require 'electron').
 */

/** Files pushed by the main process before the renderer subscribed (a document named at launch). */
const queuedFiles: OpenedDocument[] = [];
let fileListener: ((file: OpenedDocument) => void) | null = null;

ipcRenderer.on(CHANNELS.openFile, (_event: IpcRendererEvent, file: unknown) => {
  if (!isOpenedDocument(file)) return;
  if (fileListener) fileListener(file);
  else queuedFiles.push(file);
});

const api = {
  openDocument: () => ipcRenderer.invoke(CHANNELS.openDocument),
  saveDocument: (request) => ipcRenderer.invoke(CHANNELS.saveDocument, request),
  exportCsv: (files) => ipcRenderer.invoke(CHANNELS.exportCsv, files),
  setTitleState: (state) => {
    void ipcRenderer.invoke(CHANNELS.setTitleState, state).catch(() => {});
  },
  setMenu: (model) => {
    void ipcRenderer.invoke(CHANNELS.setMenu, model).catch(() => {});
  },
  nativeEdit: (action) => {
    void ipcRenderer.invoke(CHANNELS.nativeEdit, action).catch(() => {});
  },
  onMenuCommand: (listener) => {
    const wrapped = (_event: IpcRendererEvent, command: unknown) => {
      if (isCommandId(command)) listener(command);
    };
    ipcRenderer.on(CHANNELS.menuCommand, wrapped);
    return () => {
      ipcRenderer.removeListener(CHANNELS.menuCommand, wrapped);
    };
  },
  onOpenFile: (listener) => {
    fileListener = listener;
    for (const file of queuedFiles.splice(0)) listener(file);
    return () => {
      if (fileListener === listener) fileListener = null;
    };
  },
  drafts: {
    read: (key) => ipcRenderer.invoke(CHANNELS.readDraft, key),
    write: (key, text) => ipcRenderer.invoke(CHANNELS.writeDraft, key, text),
    clear: (key) => ipcRenderer.invoke(CHANNELS.clearDraft, key),
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('archsim', api);

function isOpenedDocument(value: unknown): value is OpenedDocument {
  const v = value as Partial<OpenedDocument> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.path === 'string' &&
    typeof v.name === 'string' &&
    typeof v.text === 'string'
  );
}
