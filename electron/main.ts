import { rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { z } from 'zod';
import { coreLocale, formatMessage, message } from '../sim-core/messages/formatMessage.ts';
import { documentArgs } from './args.ts';
import { atomicWrite, sweepStaleTemps } from './atomicWrite.ts';
import { createDraftStore, createSessionLock, isProcessRunning } from './autosave.ts';
import { CHANNELS } from './channels.ts';
import { CloseFlow, windowTitle } from './closeFlow.ts';
import { type NativeMenuModel, SAVE_COMMAND } from './contract.ts';
import { askSaveChanges, documentEffects } from './dialogs.ts';
import { createDocuments } from './documents.ts';
import {
  documentTextSchema,
  draftKeySchema,
  exportFilesSchema,
  menuModelSchema,
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
import { keepWindowState, parseWindowState, placeWindow } from './windowState.ts';

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
  const windowStateFile = path.join(userData, 'window-state.json');
  const savedState = parseWindowState(await fs.readFile(windowStateFile, 'utf8').catch(() => null));
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const placement = placeWindow(savedState, workAreas, screen.getPrimaryDisplay().workArea);
  const win = createMainWindow(path.join(__dirname, 'preload.cjs'), icon, placement);
  const windowState = keepWindowState(win, { write: (text) => atomicWrite(windowStateFile, text) });
  // The last move or the close may still be on its way to disk: quit once it is there.
  app.on('will-quit', (event) => {
    if (!windowState.busy()) return;
    event.preventDefault();
    void windowState.flush().finally(() => app.quit());
  });
  const flow = new CloseFlow();
  // The dialogs' language: the system's at start, then the UI's, which comes with every menu model.
  let locale = coreLocale(app.getLocale());
  const docs = createDocuments(
    documentEffects(
      win,
      () => app.getPath('documents'),
      () => locale,
    ),
    recent,
  );
  const send = (command: string) => win.webContents.send(CHANNELS.menuCommand, command);
  const untitled = () => formatMessage(locale, message('shell.untitled'));
  const documentName = () => flow.title.fileName ?? untitled();
  /** The menus as the renderer last described them (null until its first description arrives). */
  let menuModel: NativeMenuModel | null = null;

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
        if (error) dialog.showErrorBox(formatMessage(locale, message('shell.docsFailed')), error);
      });
    },
    about: () => {
      void dialog.showMessageBox(win, {
        title: formatMessage(locale, message('shell.aboutTitle', { app: APP_NAME })),
        message: `${APP_NAME} ${app.getVersion()}`,
        detail: `${formatMessage(locale, message('shell.aboutDetail'))}\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
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
      menuModel,
    );
    Menu.setApplicationMenu(template.length > 0 ? Menu.buildFromTemplate(template) : null);
  };

  const remembered = async (file: string) => {
    app.addRecentDocument(file);
    if (process.platform === 'darwin') win.setRepresentedFilename(file);
    await refreshMenu();
  };

  // The renderer asks about unsaved changes before it replaces the document (once, in its own dialog).
  const openPath = async (file: string) => {
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
    win.setTitle(windowTitle(state, APP_NAME, untitled()));
    if (process.platform === 'darwin') win.setDocumentEdited(state.dirty);
  });
  handle(CHANNELS.setMenu, z.tuple([menuModelSchema]), async ([model]) => {
    menuModel = model;
    locale = coreLocale(model.locale);
    win.setTitle(windowTitle(flow.title, APP_NAME, untitled()));
    await refreshMenu();
  });
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
    void askSaveChanges(win, documentName(), locale).then((choice) => {
      const next = flow.answer(choice);
      if (next === 'save') send(SAVE_COMMAND);
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
    formatMessage(coreLocale(app.getLocale()), message('shell.startFailed', { app: APP_NAME })),
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  app.exit(1);
}
