import { describe, expect, it } from 'vitest';
import { endToEndReadout, scopeReadout } from './readout.ts';
import { row, win } from './testWindows.ts';

describe('readout', () => {
  const lat = { mean: 6, p50: 5, p90: 9, p99: 20, p999: 50, max: 60 };

  it('lists percentiles, throughput, errors and the reasons that occurred', () => {
    const w = win(0, row({ throughputRps: 100, latencyMs: lat }, { timeout: 3 }), {}, 1);
    const rows = endToEndReadout(w);
    expect(rows.map((r) => r.key)).toEqual([
      'p50',
      'p90',
      'p99',
      'p999',
      'throughput',
      'errors',
      'reason.timeout',
    ]);
    expect(rows.find((r) => r.key === 'errors')?.value).toBe(3);
    expect(rows[0].pinned).toBeUndefined();
  });

  it('adds the pinned run, and its own reasons', () => {
    const w = win(0, row({ throughputRps: 100 }));
    const p = win(0, row({ throughputRps: 120 }, { deadInstance: 2 }));
    const rows = endToEndReadout(w, p);
    expect(rows.find((r) => r.key === 'throughput')).toMatchObject({ value: 100, pinned: 120 });
    expect(rows.find((r) => r.key === 'reason.deadInstance')).toMatchObject({ value: 0, pinned: 2 });
    expect(endToEndReadout(w, null)[0].pinned).toBeNull();
  });

  it('lists what a node measured', () => {
    const w = win(0, row(), { nodes: { db: row({ throughputRps: 10, utilization: 0.9 }) } });
    const rows = scopeReadout(w, { kind: 'node', id: 'db' });
    expect(rows.map((r) => r.key)).toEqual(['rps', 'utilization', 'errorsRps']);
  });
});
