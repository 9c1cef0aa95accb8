import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from './main.ts';
import { cli, withoutWallTimes } from './testCli.ts';

/** Two services behind a client; short runs, so that a sweep of 8 points × 2 seeds stays quick. */
const DOC = {
  format: 'archsim.topology',
  version: 1,
  nodes: [
    { id: 'users', kind: 'client', params: { rateRps: 200 } },
    {
      id: 'api',
      kind: 'service',
      params: { concurrency: 2, serviceTimeMs: { dist: 'exponential', mean: 6 } },
    },
    { id: 'db', kind: 'database', params: { serviceTimeMs: { dist: 'exponential', mean: 2 } } },
  ],
  edges: [
    { id: 'e1', source: 'users', target: 'api' },
    { id: 'e2', source: 'api', target: 'db', params: { probability: 0.5 } },
  ],
  scenario: { durationSec: 20, warmupSec: 2, seed: 11 },
};
const VARY = [
  '--vary',
  'nodes.users.params.rateRps=100:400:100',
  '--vary',
  'nodes.api.params.concurrency=1,2',
];

describe('archsim sweep', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archsim-sweep-'));
    file = join(dir, 'two.archsim.json');
    await writeFile(file, JSON.stringify(DOC));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const read = (sub: string, name: string) => readFile(join(dir, sub, name), 'utf8');

  it('gives the same files with 1 worker, 3 workers and as 3 merged shards', async () => {
    const runSweep = (workers: string, out: string, ...more: string[]) =>
      cli('sweep', file, ...VARY, '--seeds', '2', '--workers', workers, '--out', join(dir, out), ...more);
    const one = await runSweep('1', 'one');
    expect(one.code).toBe(EXIT_OK);
    expect(one.stdout).toMatch(/^Sweep: 8 points × 2 seeds\n/);
    expect((await runSweep('3', 'three')).code).toBe(EXIT_OK);
    for (let i = 0; i < 3; i++)
      expect((await runSweep('1', 'shards', '--shard', `${i}/3`)).code).toBe(EXIT_OK);
    const merged = await cli('merge', join(dir, 'shards'), '--out', join(dir, 'merged'));
    expect(merged.code).toBe(EXIT_OK);

    const sweep = await read('one', 'sweep.csv');
    expect(
      sweep.startsWith(
        '\uFEFFpoint,seed_index,seed,nodes.users.params.rateRps,nodes.api.params.concurrency,',
      ),
    ).toBe(true);
    expect(sweep.split('\r\n')).toHaveLength(1 + 16 + 1);
    for (const other of ['three', 'merged']) {
      expect(withoutWallTimes(await read(other, 'sweep.csv'))).toBe(withoutWallTimes(sweep));
      expect(await read(other, 'sweep-summary.csv')).toBe(await read('one', 'sweep-summary.csv'));
    }
    expect(merged.stdout).toBe(one.stdout);
  });

  it('runs seed 0 of a point as `archsim run` runs the file at that point', async () => {
    const swept = await cli(
      'sweep',
      file,
      '--vary',
      'nodes.users.params.rateRps=300',
      '--workers',
      '1',
      '--json',
    );
    await writeFile(
      join(dir, 'at300.json'),
      JSON.stringify({
        ...DOC,
        nodes: [{ ...DOC.nodes[0], params: { rateRps: 300 } }, ...DOC.nodes.slice(1)],
      }),
    );
    const single = JSON.parse((await cli('run', join(dir, 'at300.json'), '--json')).stdout);
    const [run] = JSON.parse(swept.stdout).runs;
    expect(run.seed).toBe(11);
    expect(run.latencyP99Ms).toBe(single.endToEnd.latencyMs.p99);
    expect(run.utilization.api).toBe(single.nodes.api.utilization);
  });

  it('refuses a merge with a shard missing, naming it', async () => {
    await cli('sweep', file, ...VARY, '--workers', '1', '--shard', '1/2', '--out', join(dir, 'half'));
    const { code, stderr } = await cli('merge', join(dir, 'half'));
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toBe('archsim: shards 0 of 2 are missing: run them, then merge again\n');
  });

  it('takes the shard index from a job array, and refuses bad paths and specs with what to do', async () => {
    const env = { SLURM_ARRAY_TASK_ID: '1' };
    const { code } = await cli.withEnv(env)(
      'sweep',
      file,
      ...VARY,
      '--workers',
      '1',
      '--shard',
      '4',
      '--out',
      join(dir, 'env'),
    );
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(await read('env', 'shard-1-of-4.json')).shard).toEqual({ index: 1, count: 4 });
    expect(await cli('sweep', file, '--vary', 'nodes.cache.params.capacity=1,2')).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: 'archsim: nodes.cache.params.capacity: no node with that id in the file\n',
    });
    expect((await cli('sweep', file, '--vary', 'nodes.api.params.replicas=1:4')).stderr).toContain(
      'is not a list',
    );
    expect((await cli('sweep', file, '--vary', 'nodes.api.params.replicas=0,1')).stderr).toContain(
      'a sweep point is not a valid topology: nodes[1].params.replicas: must be',
    );
    // A run that ends within its 2 s warm-up would measure nothing and make every point alike.
    expect(await cli('sweep', file, ...VARY, '--workers', '1', '--duration', '2')).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr:
        'archsim: a run of 2 s ends within its 2 s warm-up, so it measures nothing: give a longer --duration\n',
    });
  });
});
