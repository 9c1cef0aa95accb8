import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AtomicFs, atomicWrite, sweepStaleTemps, TEMP_SUFFIX } from './atomicWrite.ts';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'archsim-atomic-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const temps = async () => (await fs.readdir(dir)).filter((n) => n.endsWith(TEMP_SUFFIX));

describe('atomicWrite', () => {
  it('creates a file, replaces it, and leaves no temporary file behind', async () => {
    const target = path.join(dir, 'shop.archsim.json');
    await atomicWrite(target, '{"a":1}');
    expect(await fs.readFile(target, 'utf8')).toBe('{"a":1}');
    await atomicWrite(target, '{"a":2}');
    expect(await fs.readFile(target, 'utf8')).toBe('{"a":2}');
    expect(await fs.readdir(dir)).toEqual(['shop.archsim.json']);
  });

  it('survives a crash between write and rename: original intact, temp left, swept at next start', async () => {
    const target = path.join(dir, 'shop.archsim.json');
    await fs.writeFile(target, 'original');
    let reachedRename!: () => void;
    const atRename = new Promise<void>((resolve) => {
      reachedRename = resolve;
    });
    // The process "dies" at the rename: it never happens, and nothing after it runs.
    const crashing: AtomicFs = {
      ...fs,
      rename: () => {
        reachedRename();
        return new Promise<never>(() => {});
      },
    };
    void atomicWrite(target, 'the new version', crashing);
    await atRename;

    expect(await fs.readFile(target, 'utf8')).toBe('original');
    const [temp] = await temps();
    expect(await fs.readFile(path.join(dir, temp), 'utf8')).toBe('the new version');

    // Next start-up: a young temp file might be a save in flight, an old one is an orphan.
    expect(await sweepStaleTemps(dir)).toEqual([]);
    const removed = await sweepStaleTemps(dir, { now: Date.now() + 120_000 });
    expect(removed).toEqual([path.join(dir, temp)]);
    expect(await fs.readdir(dir)).toEqual(['shop.archsim.json']);
    expect(await fs.readFile(target, 'utf8')).toBe('original');
  });

  it('removes its temporary file and rethrows when the rename fails', async () => {
    const target = path.join(dir, 'taken');
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, 'inside'), 'x');
    await expect(atomicWrite(target, 'data')).rejects.toThrow();
    expect(await temps()).toEqual([]);
  });

  it('fails with ENOENT for a missing folder and creates nothing', async () => {
    await expect(atomicWrite(path.join(dir, 'nope', 'a.json'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('never leaves a partial file when the process is killed mid-save', async () => {
    const target = path.join(dir, 'big.archsim.json');
    const script = fileURLToPath(new URL('./testing/saveLoop.ts', import.meta.url));
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', script, target], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 37));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const parsed = JSON.parse(await fs.readFile(target, 'utf8')) as { fill: string; n: number };
      expect(parsed.fill.length).toBe(1_000_000);
    }
    await sweepStaleTemps(dir, { minAgeMs: 0 });
    expect(await temps()).toEqual([]);
  });
});

describe('atomicWrite changes nothing but the contents', () => {
  it("keeps a symlink a link and replaces the file it points to, in that file's folder", async () => {
    const real = path.join(dir, 'real');
    await fs.mkdir(real);
    const file = path.join(real, 'shop.archsim.json');
    await fs.writeFile(file, 'old');
    const link = path.join(dir, 'shop.archsim.json');
    await fs.symlink(file, link);
    const linkToLink = path.join(dir, 'again.archsim.json');
    await fs.symlink('shop.archsim.json', linkToLink);
    await atomicWrite(link, 'new');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(file, 'utf8')).toBe('new');
    await atomicWrite(linkToLink, 'newer');
    expect((await fs.lstat(linkToLink)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(file, 'utf8')).toBe('newer');
    expect(await temps()).toEqual([]);
    expect((await fs.readdir(real)).filter((n) => n.endsWith(TEMP_SUFFIX))).toEqual([]);
  });

  it('keeps a dangling symlink a link, creating the file it names', async () => {
    const real = path.join(dir, 'real');
    await fs.mkdir(real);
    const link = path.join(dir, 'gone.archsim.json');
    await fs.symlink(path.join('real', 'moved.archsim.json'), link);
    const linkToLink = path.join(dir, 'again.archsim.json');
    await fs.symlink('gone.archsim.json', linkToLink);
    await atomicWrite(linkToLink, 'new');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect((await fs.lstat(linkToLink)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(path.join(real, 'moved.archsim.json'), 'utf8')).toBe('new');
    expect(await temps()).toEqual([]);
  });

  it('refuses a loop of symlinks and leaves it as it was', async () => {
    const a = path.join(dir, 'a.archsim.json');
    const b = path.join(dir, 'b.archsim.json');
    await fs.symlink('b.archsim.json', a);
    await fs.symlink('a.archsim.json', b);
    await expect(atomicWrite(a, 'x')).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await fs.readlink(a)).toBe('b.archsim.json');
    expect(await fs.readlink(b)).toBe('a.archsim.json');
    expect(await temps()).toEqual([]);
  });

  it("keeps the old file's mode, whatever the umask", async () => {
    const target = path.join(dir, 'secret.archsim.json');
    for (const mode of [0o600, 0o640, 0o755]) {
      await fs.writeFile(target, 'old');
      await fs.chmod(target, mode);
      await atomicWrite(target, 'new');
      expect((await fs.stat(target)).mode & 0o7777).toBe(mode);
    }
    // A new file gets the usual mode (0644 less the umask).
    const fresh = path.join(dir, 'fresh.archsim.json');
    await atomicWrite(fresh, 'x');
    expect((await fs.stat(fresh)).mode & 0o7777).toBe(0o644 & ~process.umask());
  });

  it.runIf(process.getuid?.() === 0)("keeps the old file's owner (root can give files away)", async () => {
    const target = path.join(dir, 'theirs.archsim.json');
    await fs.writeFile(target, 'old');
    await fs.chown(target, 1234, 5678);
    await atomicWrite(target, 'new');
    const stat = await fs.stat(target);
    expect([stat.uid, stat.gid]).toEqual([1234, 5678]);
  });

  it('syncs the folder the file really is in', async () => {
    const real = path.join(dir, 'real');
    await fs.mkdir(real);
    await fs.writeFile(path.join(real, 'a.json'), 'old');
    await fs.symlink(path.join(real, 'a.json'), path.join(dir, 'a.json'));
    const synced: string[] = [];
    const watching: AtomicFs = {
      ...fs,
      open: (async (file: string, flags: string, mode?: number) => {
        const handle = await fs.open(file, flags, mode);
        if (flags === 'r') {
          const sync = handle.sync.bind(handle);
          handle.sync = async () => {
            synced.push(file);
            await sync();
          };
        }
        return handle;
      }) as AtomicFs['open'],
    };
    await atomicWrite(path.join(dir, 'a.json'), 'new', watching);
    expect(synced).toEqual([await fs.realpath(real)]);
  });
});

describe('sweepStaleTemps', () => {
  it('touches only our temporary files', async () => {
    await fs.writeFile(path.join(dir, 'notes.archsim-tmp'), 'not hidden: not ours');
    await fs.writeFile(path.join(dir, '.a.json.1-ab.archsim-tmp'), 'ours');
    await fs.writeFile(path.join(dir, 'a.json'), 'user file');
    await sweepStaleTemps(dir, { minAgeMs: 0 });
    expect((await fs.readdir(dir)).sort()).toEqual(['a.json', 'notes.archsim-tmp']);
  });

  it('skips a folder that does not exist', async () => {
    expect(await sweepStaleTemps(path.join(dir, 'missing'))).toEqual([]);
  });
});
