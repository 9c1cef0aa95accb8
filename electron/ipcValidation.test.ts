import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  exportFilesSchema,
  type IpcMainLike,
  isTrustedSender,
  MAX_DOCUMENT_BYTES,
  nativeEditSchema,
  type SenderEvent,
  saveRequestSchema,
  titleStateSchema,
  validatedHandle,
} from './ipcValidation.ts';

const app: SenderEvent = { senderFrame: { url: 'app://bundle/index.html', parent: null } };

function fakeIpc() {
  const handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = { handle: (channel, listener) => handlers.set(channel, listener) };
  const call = (channel: string, event: SenderEvent, ...args: unknown[]) =>
    Promise.resolve().then(() => handlers.get(channel)!(event, ...args));
  return { ipc, call };
}

function registerSave() {
  const { ipc, call } = fakeIpc();
  const handler = vi.fn(async () => 'ok');
  validatedHandle(ipc, 'document:save', z.tuple([saveRequestSchema]), handler, () => {});
  return { call, handler };
}

const save = (over: Record<string, unknown> = {}) => ({
  path: '/home/u/shop.archsim.json',
  name: 'shop.archsim.json',
  text: '{}',
  saveAs: false,
  ...over,
});

describe('validatedHandle: the sender', () => {
  it.each([
    ['a remote page', { senderFrame: { url: 'https://evil.test/', parent: null } }],
    ['a file: page', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['another app host', { senderFrame: { url: 'app://other/index.html', parent: null } }],
    ['an iframe of the app', { senderFrame: { url: 'app://bundle/index.html', parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses %s, without running the handler', async (_, event) => {
    const { call, handler } = registerSave();
    await expect(call('document:save', event as SenderEvent, save())).rejects.toThrow(/not from the app/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("accepts the app's main frame", async () => {
    const { call, handler } = registerSave();
    await expect(call('document:save', app, save())).resolves.toBe('ok');
    expect(handler).toHaveBeenCalledWith([save()], app);
    expect(isTrustedSender(app)).toBe(true);
  });
});

describe('validatedHandle: the arguments', () => {
  it.each([
    ['a relative path', save({ path: 'docs/shop.archsim.json' })],
    ['a path that is not .json', save({ path: '/home/u/.bashrc' })],
    ['a path with NUL', save({ path: '/home/u/a\0.json' })],
    ['a name with a folder', save({ name: '../shop.archsim.json' })],
    ['a numeric text', save({ text: 42 })],
    ['a string saveAs', save({ saveAs: 'yes' })],
    ['an extra field', save({ mode: 0o777 })],
    ['an oversized document', save({ text: 'x'.repeat(MAX_DOCUMENT_BYTES + 1) })],
    ['a document over the limit in UTF-8 bytes', save({ text: '中'.repeat(MAX_DOCUMENT_BYTES / 3 + 1) })],
  ])('refuses %s', async (_, request) => {
    const { call, handler } = registerSave();
    await expect(call('document:save', app, request)).rejects.toThrow(/refused/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses missing and extra arguments', async () => {
    const { call, handler } = registerSave();
    await expect(call('document:save', app)).rejects.toThrow(/refused/);
    await expect(call('document:save', app, save(), 'extra')).rejects.toThrow(/refused/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts a new document (no path yet)', async () => {
    const { call } = registerSave();
    await expect(call('document:save', app, save({ path: null, saveAs: true }))).resolves.toBe('ok');
  });
});

describe('schemas', () => {
  it('takes plain .csv names only, distinct, within the size limit', () => {
    const ok = [{ name: 'summary.csv', text: 'a,b\r\n' }];
    expect(exportFilesSchema.safeParse(ok).success).toBe(true);
    for (const name of ['../x.csv', '/tmp/x.csv', 'x.txt', '.hidden.csv', 'a\\b.csv']) {
      expect(exportFilesSchema.safeParse([{ name, text: '' }]).success).toBe(false);
    }
    expect(exportFilesSchema.safeParse([...ok, ...ok]).success).toBe(false);
    expect(exportFilesSchema.safeParse([]).success).toBe(false);
  });

  it('checks the title state and native edits', () => {
    expect(titleStateSchema.safeParse({ fileName: null, dirty: true }).success).toBe(true);
    expect(titleStateSchema.safeParse({ fileName: 'a/b', dirty: true }).success).toBe(false);
    expect(titleStateSchema.safeParse({ fileName: 'a', dirty: 1 }).success).toBe(false);
    expect(nativeEditSchema.safeParse('paste').success).toBe(true);
    expect(nativeEditSchema.safeParse('openDevTools').success).toBe(false);
  });
});
