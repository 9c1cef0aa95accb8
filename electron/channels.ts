/**
 * IPC channel names, shared by the main process and the preload only: the renderer never sees them,
 * it calls the named methods of `window.archsim`.
 */
export const CHANNELS = {
  // renderer → main (ipcRenderer.invoke, each through validatedHandle)
  openDocument: 'document:open',
  saveDocument: 'document:save',
  exportCsv: 'export:csv',
  setTitleState: 'window:title-state',
  setMenu: 'window:set-menu',
  nativeEdit: 'window:native-edit',
  readDraft: 'draft:read',
  writeDraft: 'draft:write',
  clearDraft: 'draft:clear',
  // main → renderer (webContents.send)
  menuCommand: 'menu:command',
  openFile: 'file:open',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];
