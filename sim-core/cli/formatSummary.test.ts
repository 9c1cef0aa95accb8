import { describe, expect, it } from 'vitest';
import { emptyErrors, emptyRow, sampleSummary } from '../test/summaryFixture.ts';
import { formatSummary } from './formatSummary.ts';

function lineStartingWith(text: string, start: string): string {
  const line = text.split('\n').find((l) => l.startsWith(start));
  if (line === undefined) throw new Error(`no line starting with '${start}' in:\n${text}`);
  return line;
}

describe('formatSummary', () => {
  const text = formatSummary(sampleSummary());

  it('prints the run info', () => {
    expect(lineStartingWith(text, 'Run ')).toBe(
      'Run       60 s simulated, first 5 s excluded as warm-up, seed 42',
    );
    expect(lineStartingWith(text, 'Events ')).toBe('Events    1,234,567 in 812 ms wall (1.52M events/s)');
    expect(lineStartingWith(text, 'Scenario ')).toBe('Scenario  2 events applied');
    expect(text).not.toContain('Sampling');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('prints end-to-end counts, non-zero error reasons and latency with confidence intervals', () => {
    expect(lineStartingWith(text, '  arrivals')).toBe(
      '  arrivals     12,000   completions 11,997   in flight 7',
    );
    expect(lineStartingWith(text, '  errors')).toBe('  errors       12 (0.1%: timeout 9, queue full 3)');
    expect(lineStartingWith(text, '  throughput')).toBe('  throughput   200 rps');
    expect(lineStartingWith(text, '  latency ms')).toBe(
      '  latency ms   mean 12.1   p50 9.64   p90 24.1   p99 48.2   p999 72.3   max 96.4',
    );
    expect(lineStartingWith(text, '  95% CI ms')).toBe(
      '  95% CI ms    mean 11.8 to 12.3   p99 45.0 to 51.1   (20 batches)',
    );
  });

  it('prints a node table with units, aligned even with Chinese ids', () => {
    expect(text).toContain(
      [
        'Nodes',
        '  id    kind           rps  p99 ms  errors   util  queue  hit ratio',
        '  lb    loadBalancer   200    47.0       0      -      -          -',
        '  api   service        200    46.5      12  87.3%   1.42          -',
        '  缓存  cache          120    1.20       0      -      -      91.2%',
        '  =1+1  database      29.9    12.0       0  31.0%      -          -',
      ].join('\n'),
    );
  });

  it('lists only the edges that retried', () => {
    expect(text).toContain('Edges with retries\n  id       from -> to   calls/s  attempts/call  errors\n');
    expect(lineStartingWith(text, '  api->db ')).toBe(
      '  api->db  api -> =1+1     29.9          x1.37       4',
    );
    expect(text).not.toMatch(/^ {2}lb->api {2}lb -> api/m);
  });

  it('prints the top 5 tail hops by share', () => {
    const tail = text.slice(text.indexOf('Tail '));
    expect(tail.split('\n')[0]).toBe(
      'Tail      where the 118 requests slower than p99 (48.2 ms) spent their time',
    );
    expect(tail.trimEnd().split('\n')).toHaveLength(1 + 1 + 5);
    expect(tail).toContain('  api      node  queue    41.0%     25.3\n');
    expect(tail).not.toContain('  lb ');
  });

  it('notes sampling and leaves out empty sections', () => {
    const summary = sampleSummary();
    summary.sampling = { factor: 0.1, kept: 1, of: 10 };
    summary.edges = { e: { ...emptyRow(), source: 'a', target: 'b', retryAmplification: 1 } };
    summary.tailAttribution = { thresholdMs: null, requests: 0, hops: [] };
    summary.eventsApplied = [];
    summary.endToEnd.errors = emptyErrors();
    const out = formatSummary(summary);
    expect(lineStartingWith(out, 'Sampling ')).toBe(
      'Sampling  1 in 10 of the replicas with 1 in 10 of the traffic (x0.100), counts scaled back up',
    );
    summary.notices = [
      { code: 'sampling.replicas', params: { node: 'api', kept: 3, total: 30 } },
      { code: 'sampling.approx.policy', params: { node: 'lb', policy: 'powerOfTwo' } },
    ];
    expect(formatSummary(summary)).toContain(
      'counts scaled back up\n          api: 3 of 30 replicas simulated, each with its real load.\n' +
        '          lb balances by powerOfTwo, which depends on how many replicas there are',
    );
    expect(lineStartingWith(out, '  errors')).toBe('  errors       0');
    expect(out).not.toContain('Scenario');
    expect(out).not.toContain('Edges with retries');
    expect(out).not.toContain('Tail');
  });

  it('shows unmeasured values as - and cuts a huge node table', () => {
    const summary = sampleSummary();
    summary.wallMs = 0;
    summary.endToEnd.latencyMs.p99 = null;
    summary.nodes = Object.fromEntries(
      Array.from({ length: 45 }, (_, i) => [`svc${i}`, { ...emptyRow(), kind: 'service' as const }]),
    );
    const out = formatSummary(summary);
    expect(out).toContain('(- events/s)');
    expect(out).toContain('   p99 -   ');
    expect(out).toContain('  svc39 ');
    expect(out).not.toContain('  svc40 ');
    expect(out).toContain('  ... and 5 more nodes (all of them in summary.csv: use --out DIR)\n');
  });

  it('does not pass terminal escapes from ids through', () => {
    const summary = sampleSummary();
    summary.nodes = { 'evil\u001b[2J': { ...emptyRow(), kind: 'service' } };
    expect(formatSummary(summary)).not.toContain('\u001b');
  });
});
