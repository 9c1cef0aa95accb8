import * as fs from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { type BrowserWindow, dialog } from 'electron';
import { atomicWrite } from './atomicWrite.ts';
import type { DocumentEffects } from './documents.ts';

/**
 * The native dialogs, each a thin call into Electron's `dialog` module; the decisions around them live
 * in plain modules (documents.ts, main.ts) that take these as injected effects.
 */

const DOCUMENT_FILTERS = [
  { name: 'ArchSim documents (*.archsim.json)', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

export type SaveChoice = 'save' | 'discard' | 'cancel';

/** Save / Don't Save / Cancel, the question before closing with unsaved changes. */
export async function askSaveChanges(win: BrowserWindow, name: string): Promise<SaveChoice> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes you made to “${name}”?`,
    detail: "Your changes will be lost if you don't save them.",
  });
  return (['save', 'discard', 'cancel'] as const)[response] ?? 'cancel';
}

/** Asked before New or before opening another document over unsaved changes. */
export async function askDiscard(win: BrowserWindow, name: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    buttons: ['Discard Changes', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    message: `“${name}” has unsaved changes. Discard them?`,
    detail: 'Save first (File ▸ Save) to keep them.',
  });
  return response === 0;
}

export function documentEffects(win: BrowserWindow, defaultFolder: () => string): DocumentEffects {
  return {
    async chooseOpenPath() {
      const { canceled, filePaths } = await dialog.showOpenDialog(win, {
        title: 'Open',
        properties: ['openFile'],
        filters: DOCUMENT_FILTERS,
      });
      return canceled || filePaths.length === 0 ? null : filePaths[0];
    },
    async chooseSavePath(suggested) {
      const { canceled, filePath } = await dialog.showSaveDialog(win, {
        title: 'Save As',
        defaultPath: suggested,
        filters: DOCUMENT_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return canceled || !filePath ? null : filePath;
    },
    async chooseFolder() {
      const { canceled, filePaths } = await dialog.showOpenDialog(win, {
        title: 'Export CSV to folder',
        buttonLabel: 'Export Here',
        properties: ['openDirectory', 'createDirectory'],
      });
      return canceled || filePaths.length === 0 ? null : filePaths[0];
    },
    async confirmReplace(folder, names) {
      const { response } = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        message: `Replace ${names.join(', ')} in ${folder}?`,
        detail: 'Files of the same names are already there.',
      });
      return response === 0;
    },
    async showError(message, detail) {
      await dialog.showMessageBox(win, { type: 'error', buttons: ['OK'], message, detail });
    },
    fileSize: async (file) => (await stat(file)).size,
    readText: (file) => fs.readFile(file, 'utf8'),
    writeAtomic: (file, text) => atomicWrite(file, text),
    exists: (file) =>
      fs.access(file).then(
        () => true,
        () => false,
      ),
    defaultFolder,
  };
}
