import {
  copyFile,
  type FileHandle,
  link,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readdir,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Staging folders left by a killed process are swept once they are this old. */
const STALE_STAGING_MS = 60 * 60 * 1000;
/** Errors that say "not here" about the staging folder's place, before anything in the target changed. */
const WRONG_PLACE = new Set(['EACCES', 'EPERM', 'EROFS', 'EXDEV']);

/**
 * Checks that `dir` can receive `names`, cheaply enough to call before a long run: it is a directory
 * (or missing, and its nearest existing ancestor is one), none of the names in it is a directory, and a
 * folder can be created in it (or in that ancestor). Writability is tried, not read off permission bits:
 * root ignores those, while a read-only mount (EROFS) or an immutable folder (`chattr +i`, EPERM) refuses
 * root too. The probe folder is removed at once. Throws an Error naming the offending path.
 */
export async function checkOutputDir(dir: string, names: readonly string[]): Promise<void> {
  await probeWritable(await checkOutputShape(resolve(dir), names));
}

/** The shape checks of `checkOutputDir`; returns the folder the files will be written into or created in. */
async function checkOutputShape(target: string, names: readonly string[]): Promise<string> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    if (info.code !== 'ENOENT' && info.code !== 'ENOTDIR') throw new Error(`${target}: ${info.message}`);
    // Missing: it will be created inside its nearest existing ancestor, which must be a folder.
    let ancestor = dirname(target);
    let found = await stat(ancestor).catch(() => null);
    while (found === null && dirname(ancestor) !== ancestor) {
      ancestor = dirname(ancestor);
      found = await stat(ancestor).catch(() => null);
    }
    if (found !== null && !found.isDirectory()) throw new Error(`${ancestor} is a file, not a directory`);
    return ancestor;
  }
  if (!info.isDirectory()) throw new Error(`${target} exists and is not a directory`);
  for (const name of names) {
    const existing = await lstat(join(target, name)).catch(() => null);
    if (existing?.isDirectory()) throw new Error(`${join(target, name)} is a directory, not a file`);
  }
  return target;
}

/** Creates and removes a folder in `dir`: the one check of writability that holds for root too. */
async function probeWritable(dir: string): Promise<void> {
  let probe: string;
  try {
    probe = await mkdtemp(join(dir, '.archsim-probe-'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EROFS' ? 'a read-only file system' : code === 'ENOSPC' ? 'no space left' : 'not writable';
    throw new Error(`${dir} is ${why} (${code ?? 'error'})`);
  }
  await rmdir(probe);
}

/**
 * Writes `files` (name → UTF-8 text) into `dir` so that no reader ever sees a half-written file and a
 * failure leaves `dir` as it was: every file is written and fsynced in a fresh staging folder, then renamed into
 * `dir` (created if missing), replacing files of the same name; other files in `dir` are left alone.
 * On any failure the staging folder is removed, files already renamed are put back (or removed if
 * they were new), a `dir` created here is removed, and the error is rethrown. A kill -9 between two
 * renames can still leave a mix of old and new files, each of them whole.
 *
 * The staging folder sits beside `dir`, so `dir` holds only finished files; when that place is not
 * writable or is another file system (`dir` is a mount point), it goes inside `dir` instead.
 * Returns the absolute path of `dir`.
 */
export async function writeFilesAtomically(
  dir: string,
  files: Readonly<Record<string, string>>,
): Promise<string> {
  const target = resolve(dir);
  for (const name of Object.keys(files)) {
    if (name !== basename(name) || name.startsWith('.')) throw new Error(`not a plain file name: ${name}`);
  }
  await checkOutputShape(target, Object.keys(files));
  try {
    await writeVia(dirname(target), target, files);
  } catch (error) {
    if (!WRONG_PLACE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await writeVia(target, target, files);
  }
  return target;
}

async function writeVia(stagingParent: string, target: string, files: Readonly<Record<string, string>>) {
  const prefix = `.${basename(target)}.archsim-tmp-`;
  // The first folder this call creates (mkdir returns it), so a failure can remove what it added.
  let created = await mkdir(stagingParent, { recursive: true });
  await sweepStale(stagingParent, prefix);
  const renamed: { name: string; backup: string | null }[] = [];
  let staging: string | undefined;
  let failed = true;
  try {
    staging = await mkdtemp(join(stagingParent, prefix));
    for (const [name, content] of Object.entries(files)) await writeSynced(join(staging, name), content);
    const createdTarget = await mkdir(target, { recursive: true });
    created ??= createdTarget;
    await mkdir(join(staging, 'previous'));
    for (const name of Object.keys(files)) {
      const backup = await keepPrevious(join(target, name), join(staging, 'previous', name));
      await rename(join(staging, name), join(target, name));
      renamed.push({ name, backup });
    }
    await syncDir(target);
    failed = false;
  } finally {
    if (failed) await putBack(target, renamed);
    if (staging !== undefined) await rm(staging, { recursive: true, force: true });
    if (failed && created !== undefined) await removeEmptyFolders(target, created);
  }
}

/** Removes `from` and its parents up to `upTo` included, stopping at the first that is not empty. */
async function removeEmptyFolders(from: string, upTo: string): Promise<void> {
  let folder = from;
  while (folder.startsWith(upTo)) {
    const removed = await rmdir(folder).then(
      () => true,
      () => false,
    );
    if (!removed || folder === upTo) return;
    folder = dirname(folder);
  }
}

async function writeSynced(path: string, content: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'wx');
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle?.close();
  }
}

/** A hard link to the file about to be replaced (a copy where links are not supported), or null if none. */
async function keepPrevious(path: string, backup: string): Promise<string | null> {
  try {
    await link(path, backup);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    await copyFile(path, backup);
  }
  return backup;
}

async function putBack(target: string, renamed: readonly { name: string; backup: string | null }[]) {
  for (const { name, backup } of [...renamed].reverse()) {
    const path = join(target, name);
    await (backup === null ? unlink(path) : rename(backup, path)).catch(() => {});
  }
}

/** Makes the renames durable. Windows cannot open a folder for fsync: best effort there. */
async function syncDir(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? ''))
      throw error;
  } finally {
    await handle?.close();
  }
}

async function sweepStale(parent: string, prefix: string): Promise<void> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const info = await stat(join(parent, name)).catch(() => null);
    if (info !== null && now - info.mtimeMs > STALE_STAGING_MS) {
      await rm(join(parent, name), { recursive: true, force: true }).catch(() => {});
    }
  }
}
