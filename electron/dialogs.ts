import * as fs from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { type BrowserWindow, dialog } from 'electron';
import { type CoreCode, type CoreLocale, formatMessage } from '../sim-core/messages/formatMessage.ts';
import { atomicWrite } from './atomicWrite.ts';
import type { DocumentEffects } from './documents.ts';

/**
 * The native dialogs, each a thin call into Electron's `dialog` module; the decisions around them live
 * in plain modules (documents.ts, main.ts) that take these as injected effects.
 */

/** The dialogs speak the UI's language: `say(locale)('shell.save')`. */
function say(locale: CoreLocale) {
  return (code: CoreCode, params: Record<string, string> = {}) => formatMessage(locale, { code, params });
}

function documentFilters(t: ReturnType<typeof say>) {
  return [
    { name: t('shell.documents'), extensions: ['json'] },
    { name: t('shell.allFiles'), extensions: ['*'] },
  ];
}

export type SaveChoice = 'save' | 'discard' | 'cancel';

/** Save / Don't Save / Cancel, the question before closing with unsaved changes. */
export async function askSaveChanges(
  win: BrowserWindow,
  name: string,
  locale: CoreLocale,
): Promise<SaveChoice> {
  const t = say(locale);
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    buttons: [t('shell.save'), t('shell.dontSave'), t('shell.cancel')],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: t('shell.saveQuestion', { name }),
    detail: t('shell.saveDetail'),
  });
  return (['save', 'discard', 'cancel'] as const)[response] ?? 'cancel';
}

export function documentEffects(
  win: BrowserWindow,
  defaultFolder: () => string,
  locale: () => CoreLocale,
): DocumentEffects {
  const t = (code: CoreCode, params?: Record<string, string>) => say(locale())(code, params);
  return {
    async chooseOpenPath() {
      const { canceled, filePaths } = await dialog.showOpenDialog(win, {
        title: t('shell.open'),
        properties: ['openFile'],
        filters: documentFilters(t),
      });
      return canceled || filePaths.length === 0 ? null : filePaths[0];
    },
    async chooseSavePath(suggested) {
      const { canceled, filePath } = await dialog.showSaveDialog(win, {
        title: t('shell.saveAs'),
        defaultPath: suggested,
        filters: documentFilters(t),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return canceled || !filePath ? null : filePath;
    },
    async chooseFolder() {
      const { canceled, filePaths } = await dialog.showOpenDialog(win, {
        title: t('shell.exportTitle'),
        buttonLabel: t('shell.exportHere'),
        properties: ['openDirectory', 'createDirectory'],
      });
      return canceled || filePaths.length === 0 ? null : filePaths[0];
    },
    async confirmReplace(folder, names) {
      const { response } = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: [t('shell.replace'), t('shell.cancel')],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        message: t('shell.replaceQuestion', { names: names.join(', '), folder }),
        detail: t('shell.replaceDetail'),
      });
      return response === 0;
    },
    async showError(message, detail) {
      await dialog.showMessageBox(win, { type: 'error', buttons: [t('shell.ok')], message, detail });
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
    locale,
  };
}
