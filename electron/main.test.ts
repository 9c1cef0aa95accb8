import { existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from './channels.ts';
import { SHELL_LABELS } from './contract.ts';
import { createFakeElectron, type FakeElectron, senderEvent } from './testing/fakeElectron.ts';

/**
 * main.ts booted against a fake 'electron' module: the wiring (window options, protocol, IPC, close
 * flow, open-file, crash recovery) checked without an Electron binary.
 */

let fake: FakeElectron;

const valid = readFileSync(new URL('../sim-core/test/fixtures/mm1.archsim.json', import.meta.url), 'utf8');
let userData: string;

async function boot() {
  fake = createFakeElectron({ userData, documents: userData });
  vi.resetModules();
  const current = fake;
  vi.doMock('electron', () => current.module);
  await import('./main.ts');
  await vi.waitFor(() => expect(fake.windows[0]?.loadURL).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 20));
  const win = fake.windows[0];
  const invoke = (channel: string, ...args: unknown[]) =>
    Promise.resolve().then(() => fake.ipcHandlers.get(channel)!(senderEvent(), ...args));
  return { win, invoke };
}

beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(tmpdir(), 'archsim-main-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

describe('main process', () => {
  it('opens one locked-down window on app://bundle/index.html', async () => {
    const { win } = await boot();
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
    const ses = fake.module.session.defaultSession;
    const deny = vi.fn();
    vi.mocked(ses.setPermissionRequestHandler).mock.calls[0][0](null, 'media', deny);
    expect(deny).toHaveBeenCalledWith(false);
    expect(vi.mocked(ses.setPermissionCheckHandler).mock.calls[0][0]()).toBe(false);
  });

  it('serves the renderer with the CSP header, and nothing outside it', async () => {
    await boot();
    const serve = fake.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://bundle/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    expect((await serve(new Request('app://bundle/..%5c..%5cpackage.json'))).status).toBe(404);
    expect((await serve(new Request('app://bundle/missing.js'))).status).toBe(404);
  });

  it('keeps navigation in the app and sends http(s) links to the browser', async () => {
    const { win } = await boot();
    const contents = win.webContents;
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('app://bundle/index.html')).toBe(false);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('https://example.com/')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.module.shell.openExternal.mock.calls).toEqual([
      ['https://example.com/'],
      ['https://example.com/docs'],
    ]);
  });

  it('refuses IPC from a foreign frame and bad arguments', async () => {
    await boot();
    const save = fake.ipcHandlers.get(CHANNELS.saveDocument)!;
    const request = { path: null, name: 'a.archsim.json', text: '{}', saveAs: true };
    await expect(
      Promise.resolve().then(() => save(senderEvent('https://evil.test/'), request)),
    ).rejects.toThrow(/refused/);
    await expect(
      Promise.resolve().then(() => save(senderEvent(), { ...request, path: 'rel.json' })),
    ).rejects.toThrow(/absolute/);
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('titles the window and asks Save / Don’t Save / Cancel before closing with unsaved changes', async () => {
    const { win, invoke } = await boot();
    await invoke(CHANNELS.setTitleState, { fileName: 'shop.archsim.json', dirty: true });
    expect(win.title).toBe('shop.archsim.json • — ArchSim');

    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 2 }); // Cancel
    win.close();
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(win.close).toHaveBeenCalledTimes(1);

    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }); // Save
    win.close();
    await vi.waitFor(() =>
      expect(win.webContents.send).toHaveBeenCalledWith(CHANNELS.menuCommand, 'file.save'),
    );
    const target = path.join(userData, 'shop.archsim.json');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await invoke(CHANNELS.saveDocument, {
      path: null,
      name: 'shop.archsim.json',
      text: valid,
      saveAs: false,
    });
    expect(readFileSync(target, 'utf8')).toBe(valid);
    await vi.waitFor(() => expect(win.close).toHaveBeenCalledTimes(3));
  });

  it("Don't Save closes and drops the draft", async () => {
    const { win, invoke } = await boot();
    await invoke(CHANNELS.writeDraft, 'archsim.autosave.v1', '{"unsaved":1}');
    await invoke(CHANNELS.setTitleState, { fileName: null, dirty: true });
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    win.close();
    await vi.waitFor(() => expect(win.close).toHaveBeenCalledTimes(2));
    expect(await invoke(CHANNELS.readDraft, 'archsim.autosave.v1')).toBeNull();
  });

  it('keeps the draft of a crashed session, and drops it after a clean quit', async () => {
    await fs.mkdir(path.join(userData, 'drafts'));
    await fs.writeFile(path.join(userData, 'drafts', 'archsim.autosave.v1.json'), '{"d":1}');
    await fs.writeFile(path.join(userData, 'session.lock'), JSON.stringify({ pid: 2 ** 22 + 999 }));
    let { invoke } = await boot();
    expect(await invoke(CHANNELS.readDraft, 'archsim.autosave.v1')).toBe('{"d":1}');
    fake.app.emit('will-quit');
    expect(existsSync(path.join(userData, 'session.lock'))).toBe(false);

    ({ invoke } = await boot());
    expect(await invoke(CHANNELS.readDraft, 'archsim.autosave.v1')).toBeNull();
  });

  it('opens the window where it was left, and remembers where it is when closed, before quitting', async () => {
    const stateFile = path.join(userData, 'window-state.json');
    let { win } = await boot();
    expect(win.options).toMatchObject({ width: 1440, height: 900 });
    expect(win.options).not.toHaveProperty('x');

    await fs.writeFile(
      stateFile,
      JSON.stringify({ version: 1, bounds: { x: 40, y: 30, width: 1280, height: 800 }, maximized: true }),
    );
    ({ win } = await boot());
    expect(win.options).toMatchObject({ x: 40, y: 30, width: 1280, height: 800 });
    win.emit('ready-to-show');
    expect(win.maximize).toHaveBeenCalled();

    win.bounds = { x: 100, y: 50, width: 1100, height: 700 };
    win.maximized = false;
    win.close();
    const quit = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(JSON.parse(await fs.readFile(stateFile, 'utf8'))).toEqual({
      version: 1,
      bounds: { x: 100, y: 50, width: 1100, height: 700 },
      maximized: false,
    });
  });

  it('opens a document from a second launch in the running window, and refuses an invalid one', async () => {
    const file = path.join(userData, 'mm1.archsim.json');
    await fs.writeFile(file, valid);
    const { win } = await boot();
    fake.app.emit('second-instance', {}, ['/opt/archsim', '--flag', 'mm1.archsim.json'], userData);
    await vi.waitFor(() =>
      expect(win.webContents.send).toHaveBeenCalledWith(CHANNELS.openFile, {
        path: file,
        name: 'mm1.archsim.json',
        text: valid,
      }),
    );
    expect(win.focus).toHaveBeenCalled();

    await fs.writeFile(path.join(userData, 'bad.archsim.json'), '{"format":"other"}');
    fake.app.emit('open-file', { preventDefault: vi.fn() }, path.join(userData, 'bad.archsim.json'));
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalled());
    expect(fake.dialog.showMessageBox.mock.calls[0][1]).toMatchObject({
      type: 'error',
      message: '“bad.archsim.json” could not be opened',
    });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
  });

  it('asks nothing before Open or a second launch over unsaved changes: the renderer asks, once', async () => {
    const file = path.join(userData, 'mm1.archsim.json');
    await fs.writeFile(file, valid);
    const { win, invoke } = await boot();
    await invoke(CHANNELS.setTitleState, { fileName: 'shop.archsim.json', dirty: true });
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    expect(await invoke(CHANNELS.openDocument)).toMatchObject({ name: 'mm1.archsim.json' });
    fake.app.emit('second-instance', {}, ['/opt/archsim', 'mm1.archsim.json'], userData);
    await vi.waitFor(() =>
      expect(win.webContents.send).toHaveBeenCalledWith(CHANNELS.openFile, expect.anything()),
    );
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('builds the native menus from the renderer’s model, and keeps the last good one on a bad model', async () => {
    const { win, invoke } = await boot();
    const setMenu = vi.mocked(fake.module.Menu.setApplicationMenu);
    // Before the renderer described its menus there is none but macOS's app menu (elsewhere no menu bar).
    if (process.platform !== 'darwin') expect(setMenu).toHaveBeenLastCalledWith(null);
    const shellLabels = Object.fromEntries(SHELL_LABELS.map((key) => [key, `«${key}»`]));
    const model = {
      menus: [
        {
          label: '文件(&F)',
          items: [
            {
              type: 'command',
              id: 'file.open',
              label: '打开(&O)…',
              accelerator: 'CmdOrCtrl+O',
              enabled: true,
            },
            { type: 'shell', item: 'openRecent' },
          ],
        },
      ],
      shellLabels,
      locale: 'zh-CN',
    };
    await invoke(CHANNELS.setMenu, model);
    const template = setMenu.mock.lastCall?.[0] as unknown as MenuItemConstructorOptions[];
    const file = template.find((m) => m.label === '文件(&F)')!;
    const [open, recent] = file.submenu as MenuItemConstructorOptions[];
    expect(open).toMatchObject({ id: 'file.open', label: '打开(&O)…', accelerator: 'CmdOrCtrl+O' });
    expect(recent.label).toBe('«openRecent»');
    (open.click as () => void)();
    expect(win.webContents.send).toHaveBeenCalledWith(CHANNELS.menuCommand, 'file.open');

    // The shell's own dialogs speak the UI's language, which comes with the model.
    await invoke(CHANNELS.setTitleState, { fileName: null, dirty: true });
    expect(win.title).toBe('未命名 • — ArchSim');
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 2 }); // 取消
    win.close();
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    expect(fake.dialog.showMessageBox.mock.calls[0][1]).toMatchObject({
      buttons: ['保存', '不保存', '取消'],
      message: '要保存对“未命名”所做的更改吗？',
    });
    // Closing writes the window's state whatever the answer: let that save end before the folder goes.
    await vi.waitFor(() => fs.access(path.join(userData, 'window-state.json')));

    const deep = { type: 'submenu', label: 'x', items: [] as unknown[] };
    let cursor = deep;
    for (let i = 0; i < 50; i++) {
      const next = { type: 'submenu', label: 'x', items: [] as unknown[] };
      cursor.items.push(next);
      cursor = next;
    }
    for (const bad of [
      { ...model, menus: [{ label: 'x', items: [deep] }] },
      {
        ...model,
        menus: [{ label: 'x', items: [{ ...model.menus[0].items[0], accelerator: 'Ctrl+Alt+Del; rm' }] }],
      },
      { ...model, menus: [{ label: 'x', items: [{ ...model.menus[0].items[0], id: '../../etc' }] }] },
      { menus: model.menus },
      { ...model, locale: 'fr' },
    ]) {
      await expect(invoke(CHANNELS.setMenu, bad)).rejects.toThrow(/refused/);
    }
    expect(setMenu.mock.lastCall?.[0]).toBe(template);
  });
});
