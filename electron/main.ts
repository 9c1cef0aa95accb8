import { rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { z } from 'zod';
import { documentArgs } from './args.ts';
import { atomicWrite, sweepStaleTemps } from './atomicWrite.ts';
import { createDraftStore, createSessionLock, isProcessRunning } from './autosave.ts';
import { CHANNELS } from './channels.ts';
import { CloseFlow, windowTitle } from './closeFlow.ts';
import type { MenuCommand } from './contract.ts';
import { askDiscard, askSaveChanges, documentEffects } from './dialogs.ts';
import { createDocuments } from './documents.ts';
import {
  documentTextSchema,
  draftKeySchema,
  exportFilesSchema,
  nativeEditSchema,
  saveRequestSchema,
  titleStateSchema,
  validatedHandle,
} from './ipcValidation.ts';
import { buildMenuTemplate, type MenuActions } from './menu.ts';
import { APP_ENTRY } from './navigation.ts';
import { createRecentFiles } from './recentFiles.ts';
import {
  createMainWindow,
  denyPermissions,
  lockNavigation,
  registerAppScheme,
  serveBundle,
} from './window.ts';

/**
 * The main process: one window on one document. The logic lives in plain modules (documents, autosave,
 * recentFiles, closeFlow, menu, navigation, ipcValidation); this file wires them to Electron. Bundled to
 * dist/electron/main.cjs, beside preload.cjs, with the renderer in dist/renderer.
 */

const APP_NAME = 'ArchSim';

interface Running {
  window: BrowserWindow;
  openPath(file: string): Promise<void>;
}

let running: Running | null = null;
/** Documents named before the window could take them (command line, macOS open-file at launch). */
const pending: string[] = documentArgs(process.argv, process.cwd());

registerAppScheme();
// A separate profile (drafts, recent files, session lock) for end-to-end tests and side-by-side runs.
if (process.env.ARCHSIM_USER_DATA) app.setPath('userData', process.env.ARCHSIM_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  // Another ArchSim is running: it receives our arguments in 'second-instance' and opens them.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const [file] = documentArgs(argv, workingDirectory);
    if (running === null) {
      if (file) pending.push(file);
      return;
    }
    const { window } = running;
    if (window.isMinimized()) window.restore();
    window.focus();
    if (file) void running.openPath(file);
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (running) void running.openPath(file);
    else pending.push(file);
  });
  // Every web contents, the window's included, stays on the app's pages.
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, fatal);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const draftsDir = path.join(userData, 'drafts');
  const recentFile = path.join(userData, 'recent-files.json');
  await fs.mkdir(draftsDir, { recursive: true });

  const drafts = createDraftStore(draftsDir);
  const lock = createSessionLock(path.join(userData, 'session.lock'), {
    pid: process.pid,
    isRunning: isProcessRunning,
    readFile: (file) => fs.readFile(file, 'utf8'),
    writeFile: (file, text) => atomicWrite(file, text),
    removeSync: (file) => rmSync(file),
  });
  // After a clean quit drafts are stale (the document was saved or discarded); after a crash they are
  // the unsaved work the renderer offers back.
  if ((await lock.acquire()) === 'clean') await drafts.clearAll();
  app.on('will-quit', () => lock.release());

  const recent = createRecentFiles({
    load: () => fs.readFile(recentFile, 'utf8').catch(() => null),
    store: (text) => atomicWrite(recentFile, text),
    exists: (file) =>
      fs.access(file).then(
        () => true,
        () => false,
      ),
  });
  // Orphans of saves that crashed before their rename.
  const folders = [userData, draftsDir, ...(await recent.list()).map((f) => path.dirname(f))];
  void Promise.all([...new Set(folders)].map((dir) => sweepStaleTemps(dir)));

  denyPermissions(session.defaultSession);
  serveBundle(path.join(__dirname, '..', 'renderer'));
  const icon = app.isPackaged ? undefined : path.join(__dirname, '..', '..', 'assets', 'icon.png');
  const win = createMainWindow(path.join(__dirname, 'preload.cjs'), icon);
  const flow = new CloseFlow();
  const docs = createDocuments(
    documentEffects(win, () => app.getPath('documents')),
    recent,
  );
  const send = (command: MenuCommand) => win.webContents.send(CHANNELS.menuCommand, command);
  const documentName = () => flow.title.fileName ?? 'Untitled';
  const mayDiscard = async () => !flow.dirty || (await askDiscard(win, documentName()));

  const docsFolder = app.isPackaged
    ? path.join(process.resourcesPath, 'docs')
    : path.join(__dirname, '..', '..', 'docs');
  const actions: MenuActions = {
    send,
    openRecent: (file) => void openPath(file),
    clearRecent: () => {
      app.clearRecentDocuments();
      void recent.clear().then(refreshMenu);
    },
    openDocs: (name) => {
      void shell.openPath(path.join(docsFolder, `${name}.md`)).then((error) => {
        if (error) dialog.showErrorBox('The reference could not be opened', error);
      });
    },
    about: () => {
      void dialog.showMessageBox(win, {
        title: `About ${APP_NAME}`,
        message: `${APP_NAME} ${app.getVersion()}`,
        detail: `Draw a system, flood it, break it.\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
      });
    },
  };
  const refreshMenu = async () => {
    const template = buildMenuTemplate(
      {
        platform: process.platform,
        recent: await recent.list(),
        devTools: !app.isPackaged,
        appName: APP_NAME,
      },
      actions,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const remembered = async (file: string) => {
    app.addRecentDocument(file);
    if (process.platform === 'darwin') win.setRepresentedFilename(file);
    await refreshMenu();
  };

  const openPath = async (file: string) => {
    if (!(await mayDiscard())) return;
    const doc = await docs.read(file);
    if (doc) {
      win.webContents.send(CHANNELS.openFile, doc);
      await remembered(doc.path);
    } else await refreshMenu();
  };

  const handle = <S extends z.ZodTuple, R>(
    channel: string,
    schema: S,
    handler: (args: z.infer<S>) => R | Promise<R>,
  ) => validatedHandle(ipcMain, channel, schema, handler);
  handle(CHANNELS.openDocument, z.tuple([]), async () => {
    if (!(await mayDiscard())) return null;
    const doc = await docs.open();
    if (doc) await remembered(doc.path);
    return doc;
  });
  handle(CHANNELS.saveDocument, z.tuple([saveRequestSchema]), async ([request]) => {
    let saved: Awaited<ReturnType<typeof docs.save>> = null;
    try {
      saved = await docs.save(request);
      if (saved) await remembered(saved.path);
      return saved;
    } finally {
      if (flow.saveFinished(saved !== null)) setImmediate(() => win.close());
    }
  });
  handle(CHANNELS.exportCsv, z.tuple([exportFilesSchema]), ([files]) => docs.exportCsv(files));
  handle(CHANNELS.setTitleState, z.tuple([titleStateSchema]), ([state]) => {
    flow.update(state);
    win.setTitle(windowTitle(state, APP_NAME));
    if (process.platform === 'darwin') win.setDocumentEdited(state.dirty);
  });
  handle(CHANNELS.confirmDiscard, z.tuple([]), () => mayDiscard());
  handle(CHANNELS.nativeEdit, z.tuple([nativeEditSchema]), ([action]) => {
    win.webContents[action]();
  });
  handle(CHANNELS.readDraft, z.tuple([draftKeySchema]), ([key]) => drafts.read(key));
  handle(CHANNELS.writeDraft, z.tuple([draftKeySchema, documentTextSchema]), ([key, text]) =>
    drafts.write(key, text),
  );
  handle(CHANNELS.clearDraft, z.tuple([draftKeySchema]), ([key]) => drafts.clear(key));

  win.on('close', (event) => {
    if (flow.mayClose()) return;
    event.preventDefault();
    if (!flow.startAsking()) return;
    void askSaveChanges(win, documentName()).then((choice) => {
      const next = flow.answer(choice);
      if (next === 'save') send('file.save');
      else if (next === 'close') void drafts.clearAll().finally(() => win.close());
    });
  });

  await refreshMenu();
  await win.loadURL(APP_ENTRY);
  running = { window: win, openPath };
  // One document per window: the last one named wins, the way a second launch replaces the first.
  const last = pending.splice(0).at(-1);
  if (last) await openPath(last);
}

function fatal(error: unknown): void {
  dialog.showErrorBox(
    `${APP_NAME} could not start`,
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  app.exit(1);
}
