#!/usr/bin/env node
/**
 * Bundles the desktop shell: electron/main.ts → dist/electron/main.cjs and electron/preload.ts →
 * dist/electron/preload.cjs, each one CommonJS file with everything but 'electron' inside (a sandboxed
 * preload can only require 'electron'; the packaged app ships no node_modules). Uses esbuild (a dev
 * dependency); should it be missing, Vite's library build does the same job.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/electron`;
const ENTRIES = { main: `${root}electron/main.ts`, preload: `${root}electron/preload.ts` };

export async function buildElectron() {
  await rm(outDir, { recursive: true, force: true });
  // ARCHSIM_BUILD_WITH_VITE=1 tries the fallback where esbuild is installed.
  const esbuild = process.env.ARCHSIM_BUILD_WITH_VITE ? null : await import('esbuild').catch(() => null);
  if (esbuild) {
    await Promise.all(
      Object.entries(ENTRIES).map(([name, entry]) =>
        esbuild.build({
          entryPoints: [entry],
          outfile: `${outDir}/${name}.cjs`,
          bundle: true,
          format: 'cjs',
          platform: 'node',
          target: 'node22',
          external: ['electron'],
          legalComments: 'none',
          logLevel: 'warning',
        }),
      ),
    );
  } else {
    const { build } = await import('vite');
    for (const [name, entry] of Object.entries(ENTRIES)) {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: false,
          target: 'node22',
          minify: false,
          ssr: true,
          lib: { entry, formats: ['cjs'], fileName: () => `${name}.cjs` },
          rollupOptions: { external: ['electron', /^node:/] },
        },
        ssr: { noExternal: true },
      });
    }
  }
  return outDir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildElectron();
  console.log('Built dist/electron/main.cjs and dist/electron/preload.cjs');
}
