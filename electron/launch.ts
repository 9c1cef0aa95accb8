import path from 'node:path';

/**
 * `npm start`'s decision: launch Electron, or serve the editor in a browser. It must never call
 * `require('electron')`: its index.js downloads the binary when `path.txt` exists but the binary does
 * not, and throws when `path.txt` is missing, which is how an install with ELECTRON_SKIP_BINARY_DOWNLOAD
 * (the only kind possible without internet) leaves it. So this reads what index.js would read and checks
 * the file exists, the same way: `ELECTRON_OVERRIDE_DIST_PATH` first, then `dist/<path.txt>`.
 */

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export interface LaunchEffects {
  exists(file: string): boolean;
  /** The file's text, or null when it cannot be read. */
  readText(file: string): string | null;
  env: Record<string, string | undefined>;
}

/** Where the Electron binary of the `electron` package in `electronDir` is, if it is really there. */
export function findElectronBinary(electronDir: string | null, effects: LaunchEffects): ElectronBinary {
  if (electronDir === null) return { ok: false, reason: 'the electron package is not installed' };
  const relative = effects.readText(path.join(electronDir, 'path.txt'))?.trim() || null;
  const override = effects.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const file = path.join(override, relative ?? 'electron');
    return effects.exists(file)
      ? { ok: true, path: file }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${file}` };
  }
  if (relative === null) {
    return { ok: false, reason: "the electron package's binary was never downloaded (no path.txt)" };
  }
  const file = path.join(electronDir, 'dist', relative);
  return effects.exists(file) ? { ok: true, path: file } : { ok: false, reason: `no binary at ${file}` };
}

/** The one line `npm start` prints when it falls back to the browser. */
export function browserFallbackMessage(url: string): string {
  return `Electron's binary is not installed here (no download possible); serving ArchSim in your browser at ${url} instead`;
}

/**
 * Electron's command line for the app in `appDir`, passing on the user's arguments (documents to open).
 * `--` keeps a document named like a flag from being read as one by Chromium.
 */
export function electronArgs(appDir: string, userArgs: readonly string[]): string[] {
  return [appDir, ...(userArgs.length > 0 ? ['--', ...userArgs] : [])];
}
