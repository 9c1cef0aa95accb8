#!/usr/bin/env node
/**
 * Bundles the Node entry points into plain JavaScript in dist/cli/: the `archsim` command
 * (archsim.mjs, what bin/archsim.mjs loads), the benchmark (bench.mjs) and the worker threads of
 * sweeps and capacity searches (sweepWorker.mjs). Run by `npm install` in a checkout (`prepare`), by `npm run build` and by
 * `npm run bench`, so nothing loads TypeScript at run time: tsx wraps every cross-module binding in a
 * getter (13–15 % of the engine's time in a profile) and costs the CLI ~0.7 s of start-up per call.
 *
 * One ES module build with code splitting: the entries share chunks, and the CLI's lazy imports stay
 * lazy, so `archsim validate` never loads the engine. Chunks sit beside the entries, so a path made
 * from `import.meta.url` means the same in any of them (the worker pool finds sweepWorker.mjs so).
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_ENTRIES = {
  archsim: `${root}sim-core/cli/archsim.ts`,
  bench: `${root}sim-core/bench/bench.ts`,
  sweepWorker: `${root}sim-core/cli/sweepWorker.ts`,
};

/** Builds the bundles into `outDir` (default dist/cli), replacing what was there. Returns `outDir`. */
export async function buildCli(outDir = `${root}dist/cli`) {
  await rm(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: CLI_ENTRIES,
    outdir: outDir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies are bundled too (zod, papaparse): one file per entry and chunk, nothing resolved
    // at start-up.
    packages: 'bundle',
    // A bundle turns every top-level `const` into a `var`, which V8 cannot fold: each use of a
    // module constant in the engine's hot path (SUB_BITS, OK, STUCK_EVENTS …) would be a load and a
    // type check. Syntax minification inlines the primitive ones (2.6% fewer instructions on M/M/1,
    // callgrind); names stay as written, so stack traces still read.
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outDir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = await buildCli(process.argv[2]);
  console.log(`Built ${Object.keys(CLI_ENTRIES).join(', ')} into ${outDir}`);
}
