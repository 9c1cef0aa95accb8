#!/usr/bin/env node
/**
 * An offline check of electron-builder.yml (part of `npm run check:electron`). A real build downloads
 * Electron; this one packs for Linux as a plain folder (`--dir`) onto a stub Electron (a shell script, a
 * version file, an empty resources/), with fuses off since a stub cannot be flipped. That runs
 * electron-builder's schema check (unknown keys fail), the `files` globs, extraResources and the asar,
 * in a few seconds and without network. The output is not runnable; this script checks what went in.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as buildRenderer } from 'vite';
import { buildElectron } from './buildElectron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const TIME_LIMIT_MS = 120_000;

/** What the package must hold, and what must never be in it. */
const REQUIRED = [
  '/package.json',
  '/dist/electron/main.cjs',
  '/dist/electron/preload.cjs',
  '/dist/renderer/index.html',
];
const FORBIDDEN = [/^\/node_modules\//, /^\/(electron|renderer|sim-core|e2e|scripts)\//, /\.map$/, /\.tsx?$/];

async function main() {
  const started = Date.now();
  await buildRenderer({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'error' });
  await buildElectron();

  const work = await mkdtemp(path.join(tmpdir(), 'archsim-builder-'));
  try {
    const stub = path.join(work, 'electron-stub');
    await mkdir(path.join(stub, 'resources'), { recursive: true });
    await writeFile(
      path.join(stub, 'electron'),
      '#!/bin/sh\necho "stub Electron for a config check"\nexit 1\n',
    );
    await chmod(path.join(stub, 'electron'), 0o755);
    const electronVersion = require('electron/package.json').version;
    await writeFile(path.join(stub, 'version'), electronVersion);

    const { build, Platform } = await import('electron-builder');
    const output = path.join(work, 'out');
    const packing = build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      config: {
        extends: './electron-builder.yml',
        electronDist: stub,
        electronVersion,
        electronFuses: null,
        directories: { output },
      },
    });
    const packStarted = Date.now();
    await Promise.race([
      packing,
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`electron-builder took over ${TIME_LIMIT_MS / 1000} s`)),
          TIME_LIMIT_MS,
        ).unref(),
      ),
    ]);
    const packMs = Date.now() - packStarted;

    const resources = path.join(output, 'linux-unpacked', 'resources');
    const asar = await import('@electron/asar');
    const entries = (asar.default ?? asar)
      .listPackage(path.join(resources, 'app.asar'), {})
      .map((e) => e.split(path.sep).join('/'));
    const problems = [
      ...REQUIRED.filter((f) => !entries.includes(f)).map((f) => `app.asar lacks ${f}`),
      ...entries
        .filter((e) => FORBIDDEN.some((re) => re.test(e)))
        .map((e) => `app.asar should not hold ${e}`),
    ];
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    if (!entries.includes(`/${pkg.main}`))
      problems.push(`package.json "main" (${pkg.main}) is not in app.asar`);
    await stat(path.join(resources, 'docs', 'file-format.md')).catch(() =>
      problems.push('resources/docs is missing'),
    );

    if (problems.length > 0) {
      console.error(`electron-builder check FAILED:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
      return;
    }
    const seconds = (ms) => (ms / 1000).toFixed(1);
    console.log(
      `electron-builder check passed: --linux --dir on a stub Electron ${electronVersion} in ${seconds(packMs)} s ` +
        `(${seconds(Date.now() - started)} s with the builds); app.asar holds ${entries.length} entries, no node_modules.`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`electron-builder check FAILED: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
