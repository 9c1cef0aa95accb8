import { readFile } from 'node:fs/promises';
import { BrowserWindow, protocol, type Session, shell, type WebContents } from 'electron';
import { APP_SCHEME, bundleFile, externalUrl, navigationDecision, responseHeaders } from './navigation.ts';
import { MIN_SIZE, type Placement } from './windowState.ts';

/**
 * The window and what may load in it. The renderer comes from `app://bundle/…`, served from the built
 * dist/renderer by `serveBundle`; it runs sandboxed and isolated with no Node, cannot navigate away or
 * open windows (http(s) links go to the user's browser), and every permission request is denied.
 */

/** Must run before the app is ready: `app://` behaves like https (standard, secure, fetch, modules). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/** Serves `root` (dist/renderer) at `app://bundle/`, with the CSP as a header; anything else is a 404. */
export function serveBundle(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = bundleFile(root, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { headers: responseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/** No permission is ever granted: the app needs none (no camera, notifications, clipboard reads…). */
export function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** The window, opened where `place` says (windowState.ts: where the user left it, or centred). */
export function createMainWindow(preload: string, icon: string | undefined, place: Placement): BrowserWindow {
  const win = new BrowserWindow({
    width: place.width,
    height: place.height,
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'ArchSim',
    backgroundColor: '#ffffff',
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // Navigation is locked for every web contents, this one included, in main.ts's web-contents-created.
  win.once('ready-to-show', () => {
    // maximize() also shows the window.
    if (place.maximized) win.maximize();
    else win.show();
  });
  return win;
}

/**
 * Keeps `contents` on the app's own pages: navigation elsewhere is prevented (an http(s) link opens in
 * the user's browser instead), redirects away and new windows are refused, webviews never attach.
 * Applied to every web contents the app creates.
 */
export function lockNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    const decision = navigationDecision(event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') openExternally(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (navigationDecision(event.url) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationDecision(url) === 'external') openExternally(url);
    return { action: 'deny' };
  });
}

/** Only a validated http(s) URL reaches the shell: never file:, custom schemes or credentials. */
function openExternally(url: string): void {
  const safe = externalUrl(url);
  if (safe !== null) void shell.openExternal(safe);
}
