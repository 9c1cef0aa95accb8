import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs `archsim ARGS --out DIR` from a bundle built from this checkout into a temp folder (never a
 * stale dist/cli), and returns its standard output and the files it wrote, by name.
 */
export async function archsim(args: string[]): Promise<{ stdout: string; files: Map<string, string> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'archsim-e2e-cli-'));
  try {
    const bundle = path.join(dir, 'cli');
    await run(process.execPath, [path.join(import.meta.dirname, '..', 'scripts', 'buildCli.mjs'), bundle]);
    const out = path.join(dir, 'out');
    const { stdout } = await run(
      process.execPath,
      [path.join(bundle, 'archsim.mjs'), ...args, '--out', out],
      {
        maxBuffer: 64 << 20,
      },
    );
    const { readdir } = await import('node:fs/promises');
    const names = await readdir(out);
    const files = new Map(
      await Promise.all(
        names.map(async (name) => [name, await readFile(path.join(out, name), 'utf8')] as const),
      ),
    );
    return { stdout, files };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
