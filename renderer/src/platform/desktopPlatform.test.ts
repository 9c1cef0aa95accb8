import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { DesktopApi, OpenedDocument } from '../../../electron/contract.ts';
import { AUTOSAVE_KEY } from './autosave.ts';
import { createDesktopPlatform } from './desktopPlatform.ts';

const valid = readFileSync(
  new URL('../../../sim-core/test/fixtures/mm1.archsim.json', import.meta.url),
  'utf8',
);

function fakeApi(draft: string | null = null) {
  const stored = new Map<string, string>(draft === null ? [] : [[AUTOSAVE_KEY, draft]]);
  let pushFile: ((file: OpenedDocument) => void) | null = null;
  const api = {
    openDocument: vi.fn(async (): Promise<OpenedDocument | null> => null),
    saveDocument: vi.fn(async (request: { name: string }) => ({
      path: `/chosen/${request.name}`,
      name: request.name,
    })),
    exportCsv: vi.fn(async () => '/out'),
    setTitleState: vi.fn(),
    setMenu: vi.fn(),
    nativeEdit: vi.fn(),
    onMenuCommand: vi.fn(() => () => {}),
    onOpenFile: vi.fn((listener: (file: OpenedDocument) => void) => {
      pushFile = listener;
      return () => {};
    }),
    drafts: {
      read: vi.fn(async (key: string) => stored.get(key) ?? null),
      write: vi.fn(async (key: string, text: string) => {
        stored.set(key, text);
      }),
      clear: vi.fn(async (key: string) => {
        stored.delete(key);
      }),
    },
  } satisfies DesktopApi;
  return { api, stored, push: (file: OpenedDocument) => pushFile?.(file) };
}

describe('desktop platform', () => {
  it('offers the crashed session draft synchronously, and writes drafts through', async () => {
    const { api, stored } = fakeApi('{"draft":1}');
    const platform = await createDesktopPlatform(api);
    expect(platform.drafts?.getItem(AUTOSAVE_KEY)).toBe('{"draft":1}');
    platform.drafts?.setItem(AUTOSAVE_KEY, '{"draft":2}');
    expect(platform.drafts?.getItem(AUTOSAVE_KEY)).toBe('{"draft":2}');
    await Promise.resolve();
    expect(stored.get(AUTOSAVE_KEY)).toBe('{"draft":2}');
    platform.drafts?.removeItem(AUTOSAVE_KEY);
    expect(platform.drafts?.getItem(AUTOSAVE_KEY)).toBeNull();
    expect(api.drafts.clear).toHaveBeenCalledWith(AUTOSAVE_KEY);
    expect(platform.warnOnUnload).toBe(false);
  });

  it('survives a draft store that fails', async () => {
    const { api } = fakeApi();
    api.drafts.read.mockRejectedValueOnce(new Error('no user data'));
    api.drafts.write.mockRejectedValueOnce(new Error('too large'));
    const platform = await createDesktopPlatform(api);
    expect(() => platform.drafts?.setItem(AUTOSAVE_KEY, 'x')).not.toThrow();
  });

  it('saves back to the path a valid document was opened from', async () => {
    const { api } = fakeApi();
    api.openDocument.mockResolvedValueOnce({
      path: '/docs/mm1.archsim.json',
      name: 'mm1.archsim.json',
      text: valid,
    });
    const platform = await createDesktopPlatform(api);
    expect(await platform.openDocument()).toEqual({ name: 'mm1.archsim.json', text: valid });
    await platform.saveDocument('mm1.archsim.json', '{}', false);
    expect(api.saveDocument).toHaveBeenCalledWith({
      path: '/docs/mm1.archsim.json',
      name: 'mm1.archsim.json',
      text: '{}',
      saveAs: false,
    });
  });

  it('does not adopt the path of a file the renderer will refuse', async () => {
    const { api } = fakeApi();
    api.openDocument.mockResolvedValueOnce({
      path: '/docs/bad.archsim.json',
      name: 'bad.archsim.json',
      text: '{',
    });
    const platform = await createDesktopPlatform(api);
    await platform.openDocument();
    await platform.saveDocument('bad.archsim.json', '{}', false);
    expect(api.saveDocument).toHaveBeenCalledWith(expect.objectContaining({ path: null }));
  });

  it('asks where for a document under another name (New, a recovered draft), then remembers the choice', async () => {
    const { api } = fakeApi();
    const platform = await createDesktopPlatform(api);
    expect(await platform.saveDocument('topology.archsim.json', '{}', false)).toBe('topology.archsim.json');
    expect(api.saveDocument).toHaveBeenLastCalledWith(expect.objectContaining({ path: null }));
    await platform.saveDocument('topology.archsim.json', '{}', false);
    expect(api.saveDocument).toHaveBeenLastCalledWith(
      expect.objectContaining({ path: '/chosen/topology.archsim.json' }),
    );
  });

  it('adopts the path of a valid file opened from outside', async () => {
    const { api, push } = fakeApi();
    const platform = await createDesktopPlatform(api);
    const received: unknown[] = [];
    platform.native?.onOpenFile((file) => received.push(file));
    push({ path: '/x/mm1.archsim.json', name: 'mm1.archsim.json', text: valid });
    expect(received).toEqual([{ name: 'mm1.archsim.json', text: valid }]);
    await platform.saveDocument('mm1.archsim.json', '{}', false);
    expect(api.saveDocument).toHaveBeenLastCalledWith(
      expect.objectContaining({ path: '/x/mm1.archsim.json' }),
    );
  });

  it('exports CSV files by name and text into a folder', async () => {
    const { api } = fakeApi();
    const platform = await createDesktopPlatform(api);
    expect(await platform.exportFiles([{ name: 'summary.csv', text: 'a', type: 'text/csv' }])).toBe(true);
    expect(api.exportCsv).toHaveBeenCalledWith([{ name: 'summary.csv', text: 'a' }]);
  });
});
