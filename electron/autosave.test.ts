import { rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  classifyLock,
  createDraftStore,
  createSessionLock,
  isProcessRunning,
  type LockEffects,
} from './autosave.ts';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'archsim-autosave-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const realLockFs = (pid: number, running: number[] = []): LockEffects => ({
  pid,
  isRunning: (p) => running.includes(p),
  readFile: (f) => fs.readFile(f, 'utf8'),
  writeFile: (f, t) => fs.writeFile(f, t),
  removeSync: (f) => rmSync(f),
});

describe('drafts', () => {
  it('writes, reads back and clears a draft, creating the folder on first write', async () => {
    const drafts = createDraftStore(path.join(dir, 'drafts'));
    expect(await drafts.read('archsim.autosave.v1')).toBeNull();
    await drafts.write('archsim.autosave.v1', '{"doc":1}');
    expect(await drafts.read('archsim.autosave.v1')).toBe('{"doc":1}');
    await drafts.clear('archsim.autosave.v1');
    expect(await drafts.read('archsim.autosave.v1')).toBeNull();
  });

  it('keeps call order: a clear fired right after a write wins', async () => {
    const drafts = createDraftStore(dir);
    const writing = drafts.write('k', 'x'.repeat(2_000_000));
    const clearing = drafts.clear('k');
    await Promise.all([writing, clearing]);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it.each(['../escape', 'a/b', '', 'x'.repeat(65), 'with space'])('refuses the key %j', (key) => {
    const drafts = createDraftStore(dir);
    expect(() => drafts.write(key, 'x')).toThrow(/not allowed/);
  });

  it('clearAll removes every draft', async () => {
    const drafts = createDraftStore(dir);
    await drafts.write('a', '1');
    await drafts.write('b', '2');
    await drafts.clearAll();
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe('session lock and recovery', () => {
  it('a clean quit leaves no lock, so the next start reports clean', async () => {
    const file = path.join(dir, 'session.lock');
    const first = createSessionLock(file, realLockFs(100));
    expect(await first.acquire()).toBe('clean');
    expect(JSON.parse(await fs.readFile(file, 'utf8')).pid).toBe(100);
    first.release();
    expect(await createSessionLock(file, realLockFs(200)).acquire()).toBe('clean');
  });

  it('a crash leaves the lock and the draft: the next start reports crashed and the draft is there', async () => {
    const file = path.join(dir, 'session.lock');
    const drafts = createDraftStore(path.join(dir, 'drafts'));
    await createSessionLock(file, realLockFs(100)).acquire();
    await drafts.write('archsim.autosave.v1', '{"unsaved":true}');
    // pid 100 died without release().
    const next = createSessionLock(file, realLockFs(200, [200]));
    expect(await next.acquire()).toBe('crashed');
    expect(await drafts.read('archsim.autosave.v1')).toBe('{"unsaved":true}');
    expect(JSON.parse(await fs.readFile(file, 'utf8')).pid).toBe(200);
  });

  it('classifies locks', () => {
    const me = { pid: 10, isRunning: (p: number) => p === 10 || p === 42 };
    expect(classifyLock('not json', me)).toBe('crashed');
    expect(classifyLock('{}', me)).toBe('crashed');
    expect(classifyLock('{"pid":-3}', me)).toBe('crashed');
    expect(classifyLock('{"pid":10}', me)).toBe('crashed');
    expect(classifyLock('{"pid":77}', me)).toBe('crashed');
    expect(classifyLock('{"pid":42}', me)).toBe('unknown');
  });

  it('release tolerates a lock that is already gone', () => {
    expect(() => createSessionLock(path.join(dir, 'none.lock'), realLockFs(1)).release()).not.toThrow();
  });

  it('knows this process is running and an unused pid is not', () => {
    expect(isProcessRunning(process.pid)).toBe(true);
    expect(isProcessRunning(2 ** 22 + 12345)).toBe(false);
  });
});
