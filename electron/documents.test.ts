import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createDocuments, type DocumentEffects, withSuffix } from './documents.ts';
import { MAX_DOCUMENT_BYTES } from './ipcValidation.ts';
import { createRecentFiles } from './recentFiles.ts';

const valid = readFileSync(new URL('../sim-core/test/fixtures/mm1.archsim.json', import.meta.url), 'utf8');

/** A folder of files in memory, dialogs that answer from a script, and a log of error dialogs. */
function setup(files: Record<string, string> = {}) {
  const disk = new Map(Object.entries(files));
  const errors: { message: string; detail: string }[] = [];
  const answers = {
    open: null as string | null,
    save: null as string | null,
    folder: null as string | null,
    replace: true,
  };
  const effects: DocumentEffects = {
    chooseOpenPath: async () => answers.open,
    chooseSavePath: vi.fn(async () => answers.save),
    chooseFolder: async () => answers.folder,
    confirmReplace: vi.fn(async () => answers.replace),
    showError: async (message, detail) => {
      errors.push({ message, detail });
    },
    fileSize: async (f) => {
      const text = disk.get(f);
      if (text === undefined)
        throw Object.assign(new Error(`ENOENT: no such file, ${f}`), { code: 'ENOENT' });
      return Buffer.byteLength(text);
    },
    readText: async (f) => disk.get(f)!,
    writeAtomic: vi.fn(async (f: string, text: string) => {
      if (f.startsWith('/readonly/')) throw new Error(`EACCES: permission denied, open '${f}'`);
      disk.set(f, text);
    }),
    exists: async (f) => disk.has(f),
    defaultFolder: () => '/home/u/Documents',
    locale: () => 'en',
  };
  const recent = createRecentFiles(
    { load: async () => null, store: async () => {}, exists: async () => true },
    'linux',
  );
  return { disk, errors, answers, effects, recent, docs: createDocuments(effects, recent) };
}

describe('opening', () => {
  it('reads a valid document, grants its path and adds it to the recent list', async () => {
    const { docs, answers, recent } = setup({ '/d/mm1.archsim.json': valid });
    answers.open = '/d/mm1.archsim.json';
    expect(await docs.open()).toEqual({ path: '/d/mm1.archsim.json', name: 'mm1.archsim.json', text: valid });
    expect(docs.isGranted('/d/mm1.archsim.json')).toBe(true);
    expect(await recent.list()).toEqual(['/d/mm1.archsim.json']);
  });

  it.each([
    ['corrupt JSON', '{"format": "archsim.topology", ', /not valid JSON \(line 1/],
    ['a newer version', JSON.stringify({ format: 'archsim.topology', version: 99 }), /newer ArchSim/],
    ['not ArchSim', JSON.stringify({ name: 'package', version: '1.0.0' }), /not an ArchSim topology file/],
  ])('explains %s in an error dialog and returns nothing', async (_, text, reason) => {
    const { docs, errors, recent } = setup({ '/d/bad.archsim.json': text });
    expect(await docs.read('/d/bad.archsim.json')).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe('“bad.archsim.json” could not be opened');
    expect(errors[0].detail).toMatch(reason);
    expect(errors[0].detail).toMatch(/current document has not been changed/);
    expect(docs.isGranted('/d/bad.archsim.json')).toBe(false);
    expect(await recent.list()).toEqual([]);
  });

  it('refuses an oversized file before reading it', async () => {
    const { docs, errors, effects } = setup({ '/d/huge.archsim.json': 'x' });
    effects.fileSize = async () => MAX_DOCUMENT_BYTES + 1;
    const readText = vi.spyOn(effects, 'readText');
    expect(await docs.read('/d/huge.archsim.json')).toBeNull();
    expect(readText).not.toHaveBeenCalled();
    expect(errors[0].detail).toMatch(/20\.0 MB, more than the 20 MB/);
  });

  it('drops a missing recent file from the list', async () => {
    const { docs, recent, errors } = setup();
    await recent.add('/gone.archsim.json');
    expect(await docs.read('/gone.archsim.json')).toBeNull();
    expect(errors[0].detail).toMatch(/ENOENT/);
    expect(await recent.list()).toEqual([]);
  });

  it('returns null when the dialog is cancelled', async () => {
    expect(await setup().docs.open()).toBeNull();
  });
});

describe('saving', () => {
  const request = { path: null, name: 'shop.archsim.json', text: '{"v":2}', saveAs: false };

  it('asks where for a new document, suggesting the documents folder, and grants the chosen path', async () => {
    const { docs, answers, effects, disk } = setup();
    answers.save = '/home/u/shop';
    expect(await docs.save(request)).toEqual({
      path: '/home/u/shop.archsim.json',
      name: 'shop.archsim.json',
    });
    expect(effects.chooseSavePath).toHaveBeenCalledWith('/home/u/Documents/shop.archsim.json');
    expect(disk.get('/home/u/shop.archsim.json')).toBe('{"v":2}');
    expect(docs.isGranted('/home/u/shop.archsim.json')).toBe(true);
  });

  it('saves over a granted path without asking', async () => {
    const { docs, answers, effects, disk } = setup({ '/d/mm1.archsim.json': valid });
    answers.open = '/d/mm1.archsim.json';
    await docs.open();
    await docs.save({ ...request, path: '/d/mm1.archsim.json', name: 'mm1.archsim.json' });
    expect(effects.chooseSavePath).not.toHaveBeenCalled();
    expect(disk.get('/d/mm1.archsim.json')).toBe('{"v":2}');
  });

  it('refuses to save over a path it never handed out', async () => {
    const { docs, effects } = setup();
    await expect(docs.save({ ...request, path: '/home/u/.config/autostart/x.json' })).rejects.toThrow(
      /refused/,
    );
    expect(effects.writeAtomic).not.toHaveBeenCalled();
  });

  it('Save As always asks, and does not use an unknown path even as the folder', async () => {
    const { docs, effects } = setup();
    await docs.save({ ...request, path: '/secret/x.archsim.json', saveAs: true });
    expect(effects.chooseSavePath).toHaveBeenCalledWith('/home/u/Documents/shop.archsim.json');
  });

  it('reports a failed write and keeps the document unsaved', async () => {
    const { docs, answers, errors } = setup();
    answers.save = '/readonly/shop.archsim.json';
    expect(await docs.save(request)).toBeNull();
    expect(errors[0].message).toBe('“shop.archsim.json” could not be saved');
    expect(errors[0].detail).toMatch(/EACCES/);
  });

  it('adds the suffix only when there is no .json', () => {
    expect(withSuffix('/a/b')).toBe('/a/b.archsim.json');
    expect(withSuffix('/a/b.JSON')).toBe('/a/b.JSON');
  });
});

describe('exporting CSV', () => {
  const files = [
    { name: 'summary.csv', text: 's' },
    { name: 'timeseries.csv', text: 't' },
    { name: 'events.csv', text: 'e' },
  ];

  it('writes the three files into the chosen folder', async () => {
    const { docs, answers, disk } = setup();
    answers.folder = '/out';
    expect(await docs.exportCsv(files)).toBe('/out');
    expect([...disk.keys()].sort()).toEqual(['/out/events.csv', '/out/summary.csv', '/out/timeseries.csv']);
  });

  it('asks before replacing files, and writes nothing when told not to', async () => {
    const { docs, answers, disk, effects } = setup({ '/out/summary.csv': 'old' });
    answers.folder = '/out';
    answers.replace = false;
    expect(await docs.exportCsv(files)).toBeNull();
    expect(effects.confirmReplace).toHaveBeenCalledWith('/out', ['summary.csv']);
    expect(disk.get('/out/summary.csv')).toBe('old');
    expect(disk.size).toBe(1);
  });

  it('returns null when the folder dialog is cancelled', async () => {
    expect(await setup().docs.exportCsv(files)).toBeNull();
  });
});
