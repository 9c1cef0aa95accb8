import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './testCli.ts';

/*
 * The shipped `archsim`: the esbuild bundle that `npm install` builds into dist/cli (and
 * bin/archsim.mjs loads), run in a child process as a user runs it. It must say what the in-process
 * CLI says. Built afresh into a folder of its own beside dist/cli (same depth, so the bundle finds
 * package.json the same way), never over dist/cli, which other tests run at the same time.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
let outDir: string;
const fixture = `${root}sim-core/test/fixtures/mm1.archsim.json`;
const run = promisify(execFile);

async function archsim(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [`${outDir}/archsim.mjs`, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the bundled archsim binary', () => {
  beforeAll(async () => {
    await mkdir(`${root}dist`, { recursive: true });
    outDir = await mkdtemp(`${root}dist/cli-test-`);
    await run(process.execPath, [`${root}scripts/buildCli.mjs`, outDir]);
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('validates and runs like the in-process CLI', async () => {
    expect(await archsim('validate', fixture)).toEqual(await cli('validate', fixture));
    const argv = ['run', fixture, '--duration', '30', '--seed', '3', '--json'];
    const [shipped, inProcess] = await Promise.all([archsim(...argv), cli(...argv)]);
    expect(shipped.code).toBe(0);
    // Wall time is the only thing allowed to differ.
    const strip = (text: string) => ({ ...JSON.parse(text), wallMs: 0 });
    expect(strip(shipped.stdout)).toEqual(strip(inProcess.stdout));
  });

  it('reports bad input with the same message and exit code', async () => {
    expect(await archsim('run', fixture, '--seed', 'abc')).toEqual(
      await cli('run', fixture, '--seed', 'abc'),
    );
    expect(await archsim('--version')).toEqual(await cli('--version'));
  });

  it('loads no TypeScript and no run-time loader', async () => {
    const files = (await readdir(outDir)).filter((f) => f.endsWith('.mjs'));
    expect(files).toEqual(expect.arrayContaining(['archsim.mjs', 'bench.mjs']));
    for (const file of files) {
      const text = await readFile(`${outDir}/${file}`, 'utf8');
      const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
      for (const specifier of specifiers)
        expect(specifier, file).toMatch(/^(?:node:|\.\/chunk-[\w-]+\.mjs$)/);
    }
  });
});
