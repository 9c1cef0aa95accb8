import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserFallbackMessage, electronArgs, findElectronBinary, type LaunchEffects } from './launch.ts';

function fakeFs(files: Record<string, string>, env: Record<string, string> = {}): LaunchEffects {
  return {
    exists: (f) => f in files,
    readText: (f) => files[f] ?? null,
    env,
  };
}

const dir = '/p/node_modules/electron';

describe('findElectronBinary', () => {
  it('finds the binary that path.txt names under dist/', () => {
    const fs = fakeFs({ [`${dir}/path.txt`]: 'electron\n', [`${dir}/dist/electron`]: '' });
    expect(findElectronBinary(dir, fs)).toEqual({ ok: true, path: `${dir}/dist/electron` });
  });

  it('reports a skipped download (no path.txt) instead of triggering one', () => {
    const result = findElectronBinary(dir, fakeFs({}));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/never downloaded/);
  });

  it('reports a binary that path.txt names but that is missing (index.js would download it)', () => {
    const result = findElectronBinary(dir, fakeFs({ [`${dir}/path.txt`]: 'electron' }));
    expect(result).toEqual({ ok: false, reason: `no binary at ${dir}/dist/electron` });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like index.js does', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' };
    expect(findElectronBinary(dir, fakeFs({ '/opt/electron/electron': '' }, env))).toEqual({
      ok: true,
      path: '/opt/electron/electron',
    });
    const mac = fakeFs({ [`${dir}/path.txt`]: 'Electron.app/Contents/MacOS/Electron' }, env);
    expect(findElectronBinary(dir, mac)).toMatchObject({ ok: false });
  });

  it('reports a missing electron package', () => {
    expect(findElectronBinary(null, fakeFs({}))).toMatchObject({ ok: false });
  });

  it('decides about this machine without requiring electron', () => {
    const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const result = findElectronBinary(electronDir, {
      exists: existsSync,
      readText: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null),
      env: {},
    });
    const binaryThere =
      existsSync(path.join(electronDir, 'path.txt')) && existsSync(path.join(electronDir, 'dist'));
    if (!binaryThere) expect(result.ok).toBe(false);
    if (result.ok) expect(existsSync(result.path)).toBe(true);
    else expect(result.reason.length).toBeGreaterThan(0);
  });
});

describe('launch messages and arguments', () => {
  it('prints one line with the address', () => {
    const line = browserFallbackMessage('http://127.0.0.1:4173/');
    expect(line).toBe(
      "Electron's binary is not installed here (no download possible); serving ArchSim in your browser at http://127.0.0.1:4173/ instead",
    );
    expect(line).not.toContain('\n');
  });

  it('passes documents after --', () => {
    expect(electronArgs('/p', [])).toEqual(['/p']);
    expect(electronArgs('/p', ['a.archsim.json'])).toEqual(['/p', '--', 'a.archsim.json']);
  });
});
