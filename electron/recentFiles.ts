import path from 'node:path';

/**
 * The Open Recent list: newest first, at most `MAX_RECENT`, no duplicates, files that no longer exist
 * pruned whenever it is read. Persisted as JSON in the user-data folder; the effects are injected so the
 * rules run in unit tests.
 */

export const MAX_RECENT = 10;

export interface RecentEffects {
  /** The stored list's text, or null when there is none yet. */
  load(): Promise<string | null>;
  /** Stores the list's text (atomically, in practice). */
  store(text: string): Promise<void>;
  exists(file: string): Promise<boolean>;
}

export interface RecentFiles {
  /** The current list, missing files removed (and the pruned list stored). */
  list(): Promise<string[]>;
  add(file: string): Promise<string[]>;
  remove(file: string): Promise<string[]>;
  clear(): Promise<void>;
}

/** Paths compare case-insensitively where the file system usually is (Windows, macOS). */
function key(file: string, platform: NodeJS.Platform): string {
  const resolved = path.resolve(file);
  return platform === 'win32' || platform === 'darwin' ? resolved.toLowerCase() : resolved;
}

/** `file` in front, any earlier entry for it removed, cut to `max`. */
export function withRecent(
  list: readonly string[],
  file: string,
  max = MAX_RECENT,
  platform = process.platform,
) {
  const k = key(file, platform);
  return [path.resolve(file), ...list.filter((f) => key(f, platform) !== k)].slice(0, max);
}

/** The stored text as a list: absolute path strings only, duplicates dropped; garbage is an empty list. */
export function parseRecent(text: string | null, max = MAX_RECENT, platform = process.platform): string[] {
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const files = (value as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of files) {
    if (typeof f !== 'string' || !path.isAbsolute(f) || f.includes('\0')) continue;
    const k = key(f, platform);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
    if (out.length === max) break;
  }
  return out;
}

export function createRecentFiles(effects: RecentEffects, platform = process.platform): RecentFiles {
  let cache: string[] | null = null;
  const save = async (files: string[]) => {
    cache = files;
    await effects.store(`${JSON.stringify({ files }, null, 2)}\n`);
    return files;
  };
  const current = async () => {
    if (cache === null) cache = parseRecent(await effects.load(), MAX_RECENT, platform);
    return cache;
  };
  return {
    async list() {
      const files = await current();
      const present = await Promise.all(files.map((f) => effects.exists(f)));
      const kept = files.filter((_, i) => present[i]);
      return kept.length === files.length ? files : save(kept);
    },
    add: async (file) => save(withRecent(await current(), file, MAX_RECENT, platform)),
    remove: async (file) => save((await current()).filter((f) => key(f, platform) !== key(file, platform))),
    clear: async () => {
      await save([]);
    },
  };
}
