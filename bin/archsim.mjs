#!/usr/bin/env node
// The `archsim` command: runs the CLI bundled into plain JavaScript by scripts/buildCli.mjs, which
// `npm install` runs in a checkout (the `prepare` script) and `npm run build` runs again. A checkout
// updated without a new install (git pull, a fresh worktree) builds it here, once.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/archsim.mjs', import.meta.url);
const builder = new URL('../scripts/buildCli.mjs', import.meta.url);
if (!existsSync(bundle) && existsSync(builder)) {
  process.stderr.write('archsim: building the CLI into dist/cli (once)…\n');
  const { buildCli } = await import(builder.href);
  await buildCli();
}
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write(
    'archsim: the CLI is not built (dist/cli/archsim.mjs is missing): run `npm run build:cli` in the ArchSim folder\n',
  );
  process.exitCode = 1;
}
