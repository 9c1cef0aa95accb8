import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlurmCluster, slurmUnavailable, startSlurm } from '../test/slurmCluster.ts';
import { EXIT_OK } from './main.ts';
import { cli, withoutWallTimes } from './testCli.ts';

/*
 * A sweep on a real single-node Slurm cluster: 8 points submitted as an 8-task job array, each task
 * running `archsim sweep … --shard 8` (its index from SLURM_ARRAY_TASK_ID), then merged and compared
 * with the same sweep run here in one process. Runs where Slurm is installed (.ci/run installs it).
 */

const unavailable = slurmUnavailable();
if (unavailable) console.log(`slurm.test.ts skipped: ${unavailable}`);

const root = fileURLToPath(new URL('../../', import.meta.url));
const DOC = {
  format: 'archsim.topology',
  version: 1,
  nodes: [
    { id: 'users', kind: 'client', params: { rateRps: 100 } },
    { id: 'api', kind: 'service', params: { serviceTimeMs: { dist: 'exponential', mean: 4 } } },
  ],
  edges: [{ id: 'e1', source: 'users', target: 'api' }],
  scenario: { durationSec: 20, warmupSec: 2, seed: 9 },
};
const VARY = ['--vary', 'nodes.users.params.rateRps=25:200:25'];

describe.skipIf(unavailable !== null)('a sweep on a Slurm job array', () => {
  let dir: string;
  let bundle: string;
  let cluster: SlurmCluster;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archsim-slurm-'));
    await writeFile(join(dir, 'model.archsim.json'), JSON.stringify(DOC));
    // The tasks run the shipped CLI, built afresh beside dist/cli (see bundle.test.ts).
    await mkdir(`${root}dist`, { recursive: true });
    bundle = await mkdtemp(`${root}dist/cli-slurm-`);
    await promisify(execFile)(process.execPath, [`${root}scripts/buildCli.mjs`, bundle]);
    cluster = await startSlurm(join(dir, 'cluster'));
  }, 300_000);
  afterAll(async () => {
    await cluster?.stop();
    await rm(bundle, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  it('merges the array’s shards into the files of the local run', { timeout: 900_000 }, async () => {
    const model = join(dir, 'model.archsim.json');
    const shards = join(dir, 'shards');
    const args = [model, ...VARY, '--workers', '1', '--shard', '8', '--out', shards];
    const command = [process.execPath, `${bundle}/archsim.mjs`, 'sweep', ...args]
      .map((a) => `'${a}'`)
      .join(' ');
    const states = await cluster.runArray(8, command);
    expect(states).toEqual(Array(8).fill('COMPLETED'));

    expect((await cli('merge', shards, '--out', join(dir, 'merged'))).code).toBe(EXIT_OK);
    expect((await cli('sweep', model, ...VARY, '--workers', '1', '--out', join(dir, 'local'))).code).toBe(
      EXIT_OK,
    );
    const read = (sub: string, name: string) => readFile(join(dir, sub, name), 'utf8');
    expect(withoutWallTimes(await read('merged', 'sweep.csv'))).toBe(
      withoutWallTimes(await read('local', 'sweep.csv')),
    );
    expect(await read('merged', 'sweep-summary.csv')).toBe(await read('local', 'sweep-summary.csv'));
    expect((await read('local', 'sweep.csv')).split('\r\n')).toHaveLength(1 + 8 + 1);
  });
});
