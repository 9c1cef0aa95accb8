import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkOutputDir, writeFilesAtomically } from './writeFilesAtomically.ts';

// Pass-through spies, so a test can make one rename or mkdtemp fail the way a full disk would.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, rename: vi.fn(actual.rename), mkdtemp: vi.fn(actual.mkdtemp) };
});

/** Whether `chattr +i` works here (root, and a file system with the immutable flag). */
const IMMUTABLE_FOLDERS = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'archsim-chattr-'));
  const ok = spawnSync('chattr', ['+i', probe]).status === 0;
  spawnSync('chattr', ['-i', probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

const FILES = { 'summary.csv': 'new summary', 'timeseries.csv': 'new series', 'events.csv': 'new events' };

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

async function contents(dir: string): Promise<Record<string, string>> {
  const names = (await fs.readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await fs.readFile(join(dir, n), 'utf8')])),
  );
}

describe('writeFilesAtomically', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'archsim-out-'));
  });
  afterEach(async () => {
    vi.mocked(fs.rename).mockReset();
    vi.mocked(fs.mkdtemp).mockReset();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('creates a missing folder, writes every file and leaves no staging folder behind', async () => {
    const out = join(root, 'a', 'b', 'out');
    expect(await writeFilesAtomically(out, FILES)).toBe(out);
    expect(await contents(out)).toEqual(FILES);
    expect(await fs.readdir(join(root, 'a', 'b'))).toEqual(['out']);
  });

  it('replaces files of the same name and keeps the others', async () => {
    const out = join(root, 'out');
    await fs.mkdir(out);
    await fs.writeFile(join(out, 'summary.csv'), 'old summary');
    await fs.writeFile(join(out, 'notes.txt'), 'mine');
    await writeFilesAtomically(out, FILES);
    expect(await contents(out)).toEqual({ ...FILES, 'notes.txt': 'mine' });
  });

  it('puts the old files back when a rename fails half-way', async () => {
    const out = join(root, 'out');
    await fs.mkdir(out);
    await fs.writeFile(join(out, 'summary.csv'), 'old summary');
    await fs.writeFile(join(out, 'notes.txt'), 'mine');
    const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    vi.mocked(fs.rename)
      .mockImplementationOnce(actual.rename)
      .mockImplementationOnce(actual.rename)
      .mockRejectedValueOnce(fsError('EIO'));
    await expect(writeFilesAtomically(out, FILES)).rejects.toThrow('EIO: simulated');
    expect(await contents(out)).toEqual({ 'notes.txt': 'mine', 'summary.csv': 'old summary' });
    expect(await fs.readdir(root)).toEqual(['out']);
  });

  it('removes the folders it created when it fails', async () => {
    vi.mocked(fs.rename).mockRejectedValueOnce(fsError('ENOSPC'));
    await expect(writeFilesAtomically(join(root, 'a', 'out'), FILES)).rejects.toThrow('ENOSPC');
    expect(await fs.readdir(root)).toEqual([]);
  });

  it('stages inside the folder when its parent is not writable', async () => {
    const out = join(root, 'out');
    vi.mocked(fs.mkdtemp).mockRejectedValueOnce(fsError('EACCES'));
    await writeFilesAtomically(out, FILES);
    expect(await contents(out)).toEqual(FILES);
    expect(await fs.readdir(root)).toEqual(['out']);
  });

  it('sweeps staging folders a killed run left over an hour ago', async () => {
    const out = join(root, 'out');
    const stale = join(root, '.out.archsim-tmp-stale');
    const fresh = join(root, '.out.archsim-tmp-fresh');
    await fs.mkdir(stale);
    await fs.mkdir(fresh);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await fs.utimes(stale, twoHoursAgo, twoHoursAgo);
    await writeFilesAtomically(out, FILES);
    expect((await fs.readdir(root)).sort()).toEqual(['.out.archsim-tmp-fresh', 'out']);
  });

  it('refuses a target that is a file, or a file name taken by a folder, before writing anything', async () => {
    const file = join(root, 'file');
    await fs.writeFile(file, 'x');
    await expect(writeFilesAtomically(file, FILES)).rejects.toThrow(`${file} exists and is not a directory`);
    const out = join(root, 'out');
    await fs.mkdir(join(out, 'events.csv'), { recursive: true });
    await expect(checkOutputDir(out, Object.keys(FILES))).rejects.toThrow(
      'events.csv is a directory, not a file',
    );
    await expect(writeFilesAtomically(out, FILES)).rejects.toThrow('is a directory');
    expect(await fs.readdir(out)).toEqual(['events.csv']);
    expect((await fs.readdir(root)).sort()).toEqual(['file', 'out']);
  });

  it('refuses an output folder under a regular file before anything is written', async () => {
    await fs.writeFile(join(root, 'file'), 'x');
    await expect(checkOutputDir(join(root, 'file', 'out', 'deeper'), [])).rejects.toThrow(
      `${join(root, 'file')} is a file, not a directory`,
    );
  });

  it('accepts a missing folder whose nearest existing ancestor is writable, and leaves nothing behind', async () => {
    await checkOutputDir(join(root, 'a', 'b', 'out'), Object.keys(FILES));
    expect(await fs.readdir(root)).toEqual([]);
  });

  // An immutable folder refuses even root (EPERM); chattr needs root and a file system with the flag.
  it.skipIf(!IMMUTABLE_FOLDERS)(
    'tries writability instead of trusting permission bits, which root ignores',
    async () => {
      const locked = join(root, 'locked');
      await fs.mkdir(locked);
      expect(spawnSync('chattr', ['+i', locked]).status).toBe(0);
      try {
        await expect(checkOutputDir(locked, Object.keys(FILES))).rejects.toThrow(
          `${locked} is not writable (EPERM)`,
        );
        await expect(checkOutputDir(join(locked, 'new'), Object.keys(FILES))).rejects.toThrow('not writable');
      } finally {
        spawnSync('chattr', ['-i', locked]);
      }
    },
  );

  it('refuses file names that are paths', async () => {
    await expect(writeFilesAtomically(root, { '../x.csv': '' })).rejects.toThrow('not a plain file name');
  });
});
