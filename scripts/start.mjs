#!/usr/bin/env node
/**
 * `npm start`: builds the renderer (Vite) and the desktop shell (esbuild), then launches Electron when
 * its binary is really installed. Where it is not (an install without internet skips the download), it
 * says so in one line and serves the editor in the browser instead. Arguments are passed on:
 * `npm start -- shop.archsim.json` opens that document in the desktop app.
 *
 * The decision never runs `require('electron')`, which would try to download the binary (see
 * electron/launch.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { build, preview } from 'vite';
import { buildElectron } from './buildElectron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = path.join(root, 'renderer/vite.config.ts');
// The launch decisions are TypeScript (unit-tested in electron/): bundle them to plain JavaScript
// first, as everything else that runs in Node is, so `npm start` does not need tsx.
const launchModule = path.join(root, 'dist/start/launch.mjs');
await esbuild.build({
  entryPoints: [path.join(root, 'electron/launch.ts')],
  outfile: launchModule,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const { browserFallbackMessage, electronArgs, findElectronBinary } = await import(
  pathToFileURL(launchModule).href
);

await build({ configFile: config, logLevel: 'warn' });
await buildElectron();

const binary = findElectronBinary(electronPackageDir(), {
  exists: existsSync,
  readText: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : null),
  env: process.env,
});

if (binary.ok) {
  // npm runs scripts in the package folder: resolve documents against where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const userArgs = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  const files = userArgs.map((arg) => (arg.startsWith('-') ? arg : path.resolve(cwd, arg)));
  const child = spawn(binary.path, electronArgs(root, files), { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const port = Number(process.env.PORT ?? 4173);
  const server = await preview({
    configFile: config,
    preview: { host: '127.0.0.1', port, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(browserFallbackMessage(url));
  if (process.env.ARCHSIM_DEBUG_LAUNCH) console.log(`(${binary.reason})`);
}

/** node_modules/electron, found without loading the package (its index.js may start a download). */
function electronPackageDir() {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}
