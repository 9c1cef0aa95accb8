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
