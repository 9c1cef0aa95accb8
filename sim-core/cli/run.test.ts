import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './testCli.ts';

const MM1 = 'sim-core/test/fixtures/mm1.archsim.json';

describe('archsim run on the real engine', () => {
  it('prints a JSON summary whose M/M/1 numbers match theory', async () => {
    // λ = 900/s, μ = 1000/s: mean sojourn 1/(μ−λ) = 10 ms. 200 s after warm-up is about 180 000
    // customers; at ρ = 0.9 the batch-means standard error of the mean is about 0.25 ms, so ±1.5 ms
    // is a loose 6σ bound (the precise theory checks live in sim-core/engine/theory.test.ts).
    const { code, stdout, stderr } = await cli('run', MM1, '--json', '--duration', '220');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout);
    expect(summary.simulatedSec).toBe(220);
    expect(summary.endToEnd.latencyMs.mean).toBeGreaterThan(8.5);
    expect(summary.endToEnd.latencyMs.mean).toBeLessThan(11.5);
    expect(summary.nodes.server.utilization).toBeGreaterThan(0.87);
    expect(summary.nodes.server.utilization).toBeLessThan(0.93);
  });

  it('gives the same output for the same seed', async () => {
    const strip = (s: string) => s.replace(/"wallMs": [\d.e+-]+/, '');
    const a = await cli('run', MM1, '--json', '--duration', '30', '--seed', '7');
    const b = await cli('run', MM1, '--json', '--duration', '30', '--seed', '7');
    const c = await cli('run', MM1, '--json', '--duration', '30', '--seed', '8');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    expect(strip(a.stdout)).not.toBe(strip(c.stdout));
  });

  it('writes the CSV files with --out and a human report without --json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archsim-run-'));
    try {
      const { code, stdout, stderr } = await cli('run', MM1, '--duration', '30', '--out', dir);
      expect(code).toBe(0);
      expect(stdout).toMatch(/p99/);
      expect(stderr).toContain(dir);
      const files = (await readdir(dir)).sort();
      expect(files).toEqual(expect.arrayContaining(['events.csv', 'summary.csv', 'timeseries.csv']));
      const summary = await readFile(join(dir, 'summary.csv'), 'utf8');
      expect(summary.startsWith('\uFEFFscope,id,kind,')).toBe(true);
      expect(summary).toContain('latency_p99_ms');
      const timeseries = (await readFile(join(dir, 'timeseries.csv'), 'utf8')).trim().split('\r\n');
      // A header, then 30 one-second windows × five scopes: end to end, the client as a client scope
      // and as a node, the server, and the edge.
      expect(timeseries.length).toBe(1 + 30 * 5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs as `npm run sim` from a shell', () => {
    const out = execFileSync('node', ['bin/archsim.mjs', 'run', MM1, '--json', '--duration', '25'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out).simulatedSec).toBe(25);
  });
});
