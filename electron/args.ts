import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The documents named on a command line: `archsim shop.archsim.json`, a file association's `%f`, or the
 * argv a second launch hands to the running instance. Flags (`--inspect=0`, Chromium's switches), the
 * executable, the app folder and any file that is not an ArchSim document are ignored; relative paths
 * resolve against the launching process's working directory (not ours: a second launch may start
 * elsewhere). A `file://` URL is accepted as its path. After `--`, nothing is a flag.
 */

export const DOCUMENT_SUFFIX = '.archsim.json';

export function isDocumentPath(file: string): boolean {
  return file.toLowerCase().endsWith(DOCUMENT_SUFFIX);
}

export function documentArgs(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  let flagsEnded = false;
  for (const arg of argv) {
    if (!flagsEnded && arg === '--') {
      flagsEnded = true;
      continue;
    }
    if (!flagsEnded && arg.startsWith('-')) continue;
    const file = toPath(arg, cwd);
    if (file !== null && isDocumentPath(file) && !files.includes(file)) files.push(file);
  }
  return files;
}

function toPath(arg: string, cwd: string): string | null {
  if (arg.length === 0 || arg.includes('\0')) return null;
  if (/^file:/i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  // Another URL scheme (`archsim://…`, `https://…`) is not a file.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) return null;
  return path.resolve(cwd, arg);
}
