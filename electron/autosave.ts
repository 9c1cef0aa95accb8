import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from './atomicWrite.ts';

/**
 * Crash recovery in the user-data folder (never beside the user's file): drafts of the working document
 * by key, and a session lock file holding the pid, removed on a clean quit. A lock found at start-up
 * means the last session crashed, and its drafts are offered back; after a clean quit they are dropped.
 */

/** Draft keys become file names: letters, digits, dot, dash and underscore only. */
export const DRAFT_KEY = /^[A-Za-z0-9._-]{1,64}$/;

export interface DraftStore {
  read(key: string): Promise<string | null>;
  write(key: string, text: string): Promise<void>;
  clear(key: string): Promise<void>;
  clearAll(): Promise<void>;
}

/**
 * Drafts as `<dir>/<key>.json`, written atomically. Operations run one after another in call order, so
 * a clear sent right after a write (the renderer fires both without waiting) cannot be overtaken by the
 * write's rename and leave a stale draft behind. Throws on a key outside `DRAFT_KEY`.
 */
export function createDraftStore(dir: string, fs = nodeFs): DraftStore {
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };
  const fileFor = (key: string) => {
    if (!DRAFT_KEY.test(key)) throw new Error(`Draft key "${key}" is not allowed.`);
    return path.join(dir, `${key}.json`);
  };
  return {
    read: (key) => {
      const file = fileFor(key);
      return inOrder(() => fs.readFile(file, 'utf8').catch(() => null));
    },
    write: (key, text) => {
      const file = fileFor(key);
      return inOrder(async () => {
        await fs.mkdir(dir, { recursive: true });
        await atomicWrite(file, text);
      });
    },
    clear: (key) => {
      const file = fileFor(key);
      return inOrder(() => fs.rm(file, { force: true }));
    },
    clearAll: () =>
      inOrder(async () => {
        const names = await fs.readdir(dir).catch(() => [] as string[]);
        await Promise.all(
          names.filter((n) => n.endsWith('.json')).map((n) => fs.rm(path.join(dir, n), { force: true })),
        );
      }),
  };
}

/**
 * How the previous session ended: `clean` (no lock left), `crashed` (a lock whose process is gone), or
 * `unknown` (a lock whose pid belongs to a running process: another instance, or a reused pid). Only
 * `clean` allows dropping drafts: when in doubt they are kept and offered.
 */
export type PreviousSession = 'clean' | 'crashed' | 'unknown';

export interface SessionLock {
  /** Reads the previous session's lock, then writes ours. */
  acquire(): Promise<PreviousSession>;
  /** Removes our lock (a clean quit). Synchronous: it runs while the app quits. */
  release(): void;
}

export interface LockEffects {
  pid: number;
  /** Whether a process with this pid exists (`process.kill(pid, 0)` without ESRCH). */
  isRunning(pid: number): boolean;
  readFile(file: string): Promise<string>;
  writeFile(file: string, text: string): Promise<void>;
  removeSync(file: string): void;
}

export function createSessionLock(file: string, effects: LockEffects): SessionLock {
  return {
    async acquire() {
      const previous = await effects.readFile(file).then(
        (text) => classifyLock(text, effects),
        () => 'clean' as const,
      );
      await effects.writeFile(file, `${JSON.stringify({ pid: effects.pid, startedAtMs: Date.now() })}\n`);
      return previous;
    },
    release() {
      try {
        effects.removeSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}

/** A lock that cannot be read, names no pid, names us, or names a process that is gone: a crash. */
export function classifyLock(text: string, { pid, isRunning }: Pick<LockEffects, 'pid' | 'isRunning'>) {
  let lockPid: unknown;
  try {
    lockPid = (JSON.parse(text) as { pid?: unknown }).pid;
  } catch {
    return 'crashed' as const;
  }
  if (typeof lockPid !== 'number' || !Number.isInteger(lockPid) || lockPid <= 0 || lockPid === pid) {
    return 'crashed' as const;
  }
  return isRunning(lockPid) ? ('unknown' as const) : ('crashed' as const);
}

/** `process.kill(pid, 0)`: throws ESRCH when there is no such process, EPERM when it is someone else's. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
