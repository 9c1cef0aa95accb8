import path from 'node:path';
import { parseTopologyText } from '../sim-core/format/validate.ts';
import { type CoreLocale, formatMessage, message } from '../sim-core/messages/formatMessage.ts';
import { issueLine } from '../sim-core/messages/issueText.ts';
import type { Message } from '../sim-core/messages/Message.ts';
import { DOCUMENT_SUFFIX } from './args.ts';
import type { ExportFile, OpenedDocument, SavedDocument, SaveRequest } from './contract.ts';
import { MAX_DOCUMENT_BYTES } from './ipcValidation.ts';
import type { RecentFiles } from './recentFiles.ts';

/**
 * Opening, saving and exporting in the main process, with the dialogs and the file system injected so
 * the rules run in unit tests. A document is validated here before the renderer sees it (and again
 * there); one that is corrupt, from a newer ArchSim or not ArchSim at all is explained in an error dialog
 * and the current document stays as it is. The renderer can only save to a path this service handed out
 * (through a dialog, a command line, a recent file): any other path it sends is refused.
 */

export interface DocumentEffects {
  chooseOpenPath(): Promise<string | null>;
  chooseSavePath(suggested: string): Promise<string | null>;
  chooseFolder(): Promise<string | null>;
  /** Asks whether to replace existing files; true to go ahead. */
  confirmReplace(folder: string, names: string[]): Promise<boolean>;
  showError(message: string, detail: string): Promise<void>;
  fileSize(file: string): Promise<number>;
  readText(file: string): Promise<string>;
  writeAtomic(file: string, text: string): Promise<void>;
  exists(file: string): Promise<boolean>;
  /** Where a never-saved document is suggested to go (the user's documents folder). */
  defaultFolder(): string;
  /** The language dialogs speak: the UI's, as far as the shell knows it. */
  locale(): CoreLocale;
}

export interface Documents {
  /** Reads and validates `file`; null (after an error dialog) when it cannot be opened. */
  read(file: string): Promise<OpenedDocument | null>;
  open(): Promise<OpenedDocument | null>;
  save(request: SaveRequest): Promise<SavedDocument | null>;
  exportCsv(files: ExportFile[]): Promise<string | null>;
  isGranted(file: string): boolean;
}

/** How many validation problems the error dialog lists before summing up the rest. */
const SHOWN_ISSUES = 8;

export function createDocuments(effects: DocumentEffects, recent: RecentFiles): Documents {
  const granted = new Set<string>();
  const grant = (file: string) => granted.add(path.resolve(file));
  const isGranted = (file: string) => granted.has(path.resolve(file));
  const remember = async (file: string) => {
    grant(file);
    await recent.add(file).catch(() => {});
  };

  const say = (m: Message) => formatMessage(effects.locale(), m);
  const fail = async (file: string, detail: string) => {
    const unchanged = say(message('shell.unchanged'));
    await effects.showError(
      say(message('shell.cannotOpen', { name: path.basename(file) })),
      `${detail}\n\n${unchanged}`,
    );
    return null;
  };

  const read = async (file: string): Promise<OpenedDocument | null> => {
    let text: string;
    try {
      const bytes = await effects.fileSize(file);
      if (bytes > MAX_DOCUMENT_BYTES) {
        const limit = MAX_DOCUMENT_BYTES / 1024 / 1024;
        return fail(file, say(message('shell.tooBig', { mb: megabytes(bytes), limit })));
      }
      text = await effects.readText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') await recent.remove(file).catch(() => {});
      return fail(file, say(message('shell.unreadable', { file, error: errorText(error) })));
    }
    const result = parseTopologyText(text);
    if (!result.ok) {
      const lines = result.issues.slice(0, SHOWN_ISSUES).map((i) => issueLine(effects.locale(), i));
      const more = result.issues.length - SHOWN_ISSUES;
      if (more > 0) lines.push(say(message('shell.moreProblems', { count: more })));
      return fail(file, lines.join('\n'));
    }
    await remember(file);
    return { path: path.resolve(file), name: path.basename(file), text };
  };

  return {
    read,
    isGranted,
    async open() {
      const file = await effects.chooseOpenPath();
      return file === null ? null : read(file);
    },

    async save(request) {
      const known = request.path !== null && isGranted(request.path) ? request.path : null;
      if (request.path !== null && known === null && !request.saveAs) {
        throw new Error(`Saving refused: ${request.path} was not opened or saved in this session.`);
      }
      let target = request.saveAs ? null : known;
      if (target === null) {
        const folder = known ? path.dirname(known) : effects.defaultFolder();
        const chosen = await effects.chooseSavePath(path.join(folder, withSuffix(request.name)));
        if (chosen === null) return null;
        target = withSuffix(chosen);
      }
      try {
        await effects.writeAtomic(target, request.text);
      } catch (error) {
        await effects.showError(
          say(message('shell.cannotSave', { name: path.basename(target) })),
          say(message('shell.cannotSaveDetail', { error: errorText(error) })),
        );
        return null;
      }
      await remember(target);
      return { path: path.resolve(target), name: path.basename(target) };
    },

    async exportCsv(files) {
      const folder = await effects.chooseFolder();
      if (folder === null) return null;
      const targets = files.map((f) => path.join(folder, f.name));
      const present = await Promise.all(targets.map((t) => effects.exists(t)));
      const clashing = files.filter((_, i) => present[i]).map((f) => f.name);
      if (clashing.length > 0 && !(await effects.confirmReplace(folder, clashing))) return null;
      try {
        for (let i = 0; i < files.length; i++) await effects.writeAtomic(targets[i], files[i].text);
      } catch (error) {
        await effects.showError(say(message('shell.exportFailed')), `${folder}: ${errorText(error)}`);
        return null;
      }
      return folder;
    },
  };
}

/** `shop` → `shop.archsim.json`; a name already ending in `.json` is the user's choice and kept. */
export function withSuffix(file: string): string {
  return file.toLowerCase().endsWith('.json') ? file : `${file}${DOCUMENT_SUFFIX}`;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
