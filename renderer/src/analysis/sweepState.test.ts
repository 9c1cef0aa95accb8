import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '../../../sim-core/analysis/runPoint.ts';
import { emptyDoc } from '../model/document.ts';
import {
  linearValues,
  SWEEP_IDLE,
  type SweepAction,
  sweepParameters,
  sweepPoints,
  sweepReducer,
} from './sweepState.ts';

const metrics = (p99: number): RunMetrics =>
  ({ latencyP99Ms: p99, utilization: {}, queueFull: {} }) as unknown as RunMetrics;

describe('the sweep view state', () => {
  it('fills each point as its seeds come in, in any order, and ignores runs after a cancel', () => {
    const swept = emptyDoc();
    const start: SweepAction = {
      type: 'start',
      path: 'nodes.a.params.replicas',
      values: [1, 2],
      seeds: 2,
      doc: swept,
    };
    let s = [start, { type: 'run', index: 3, metrics: metrics(30) } as const].reduce(
      sweepReducer,
      SWEEP_IDLE,
    );
    expect(sweepPoints(s, 'latency_p99_ms').map((p) => [p.value, p.metric.mean, p.metric.n])).toEqual([
      [1, null, 0],
      [2, 30, 1],
    ]);
    expect(s.doc).toBe(swept);
    s = sweepReducer(s, { type: 'run', index: 2, metrics: metrics(50) });
    expect(sweepPoints(s, 'latency_p99_ms')[1].metric.mean).toBe(40);
    s = sweepReducer(s, { type: 'failed', problem: { code: 'worker.cancelled', params: {} } });
    expect(s.status).toBe('cancelled');
    expect(sweepReducer(s, { type: 'run', index: 0, metrics: metrics(10) })).toBe(s);
  });

  it('spaces a range evenly, whole numbers staying whole and repeats dropped', () => {
    expect(linearValues(500, 1500, 5)).toEqual([500, 750, 1000, 1250, 1500]);
    expect(linearValues(1, 3, 5)).toEqual([1, 2, 3]);
    expect(linearValues(0.1, 0.3, 3)).toEqual([0.1, 0.2, 0.3]);
    expect(linearValues(1, 2, 1)).toBeNull();
    expect(linearValues(Number.NaN, 2, 3)).toBeNull();
  });

  it('offers every number in the nodes’ and edges’ params, one level into distributions', () => {
    const doc = {
      ...emptyDoc(),
      nodes: [
        {
          id: 'api',
          kind: 'service' as const,
          position: { x: 0, y: 0 },
          params: { replicas: 2, serviceTimeMs: { dist: 'lognormal' as const, p50: 8, p99: 40 } },
        },
      ],
      edges: [{ id: 'e1', source: 'api', target: 'api', params: { timeoutMs: 300 } }],
    };
    expect(sweepParameters(doc as never)).toEqual([
      { path: 'nodes.api.params.replicas', value: 2 },
      { path: 'nodes.api.params.serviceTimeMs.p50', value: 8 },
      { path: 'nodes.api.params.serviceTimeMs.p99', value: 40 },
      { path: 'edges.e1.params.timeoutMs', value: 300 },
    ]);
  });
});
