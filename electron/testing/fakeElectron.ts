import { vi } from 'vitest';

/**
 * A stand-in for the 'electron' module, enough to boot main.ts in a unit test where no Electron binary
 * exists: it records windows, IPC handlers, protocol handlers and app events, and lets the test answer
 * dialogs. Only what main.ts and window.ts call is here.
 */

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakeWebContents extends FakeEmitter {
  send = vi.fn();
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  undo = vi.fn();
  redo = vi.fn();
  cut = vi.fn();
  copy = vi.fn();
  paste = vi.fn();
  delete = vi.fn();
  selectAll = vi.fn();
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `paths`: app.getPath's answers; `workAreas`: the screens' (the first is the primary one). */
export function createFakeElectron(
  paths: Record<string, string>,
  workAreas: Rect[] = [{ x: 0, y: 0, width: 1920, height: 1050 }],
) {
  const windows: FakeWindow[] = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const app = new (class extends FakeEmitter {
    isPackaged = false;
    requestSingleInstanceLock = vi.fn(() => true);
    whenReady = () => Promise.resolve();
    getPath = (name: string) => paths[name] ?? `/nonexistent/${name}`;
    getVersion = () => '0.1.0';
    getLocale = () => 'en-US';
    setPath = vi.fn();
    quit = vi.fn();
    exit = vi.fn();
    addRecentDocument = vi.fn();
    clearRecentDocuments = vi.fn();
  })();

  class FakeWindow extends FakeEmitter {
    webContents = new FakeWebContents();
    title = '';
    loadURL = vi.fn(async () => {});
    close = vi.fn(() => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      this.emit('close', event);
    });
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    maximized = false;
    maximize = vi.fn(() => {
      this.maximized = true;
    });
    isMaximized = () => this.maximized;
    bounds: Rect;
    getNormalBounds = () => ({ ...this.bounds });
    setTitle = (title: string) => {
      this.title = title;
    };
    setDocumentEdited = vi.fn();
    setRepresentedFilename = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      const { x, y, width, height } = options as Partial<Rect>;
      this.bounds = { x: x ?? 0, y: y ?? 0, width: width ?? 800, height: height ?? 600 };
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  const dialog = {
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
    showErrorBox: vi.fn(),
  };

  const module = {
    app,
    BrowserWindow: FakeWindow,
    dialog,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
        ipcHandlers.set(channel, fn),
    },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (template: unknown) => template },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) =>
        protocolHandlers.set(scheme, fn),
    },
    screen: {
      getAllDisplays: () => workAreas.map((workArea) => ({ workArea })),
      getPrimaryDisplay: () => ({ workArea: workAreas[0] }),
    },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(async () => {}), openPath: vi.fn(async () => '') },
  };
  return { module, windows, ipcHandlers, protocolHandlers, app, dialog };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** The event the IPC layer sees for a call from `url` (the app's main frame by default). */
export function senderEvent(url = 'app://bundle/index.html', parent: unknown = null) {
  return { senderFrame: { url, parent } };
}
