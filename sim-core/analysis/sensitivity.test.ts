import { describe, expect, it } from 'vitest';
import { constant, edge, exponential, topology } from '../test/simHarness.ts';
import type { JsonDoc } from './paramPath.ts';
import { inProcessRunner } from './runPoint.ts';
import { moves, numericParameters, sensitivity } from './sensitivity.ts';

/**
 * A model built so that one knob matters: `api` runs at ρ = 0.72, so its service time moves p99 a lot;
 * `audit` is nearly idle (ρ ≈ 0.003) and the network hop is 0.2 ms, so their knobs barely move it.
 */
const doc = topology({
  nodes: [
    { id: 'users', kind: 'client', params: { rateRps: 60 } },
    { id: 'api', kind: 'service', params: { serviceTimeMs: exponential(12) } },
    { id: 'audit', kind: 'service', params: { concurrency: 4, serviceTimeMs: exponential(0.2) } },
  ],
  edges: [edge('users', 'api'), edge('api', 'audit', { latencyMs: constant(0.2) })],
  scenario: { durationSec: 200, warmupSec: 20, seed: 3 },
}) as unknown as JsonDoc;

describe('sensitivity', () => {
  it('ranks the one parameter that matters first, with an interval that excludes zero', {
    timeout: 300_000,
  }, async () => {
    const params = [
      'nodes.audit.params.serviceTimeMs.mean',
      'nodes.api.params.serviceTimeMs.mean',
      'edges.api->audit.params.latencyMs.value',
      'nodes.audit.params.concurrency',
    ];
    const r = await sensitivity(doc, { metric: 'p99', delta: 0.2, params, seeds: 4 }, inProcessRunner());
    const [top, ...rest] = r.effects;
    expect(top.path).toBe('nodes.api.params.serviceTimeMs.mean');
    expect(top.effect.low!).toBeGreaterThan(0);
    for (const other of rest)
      expect(Math.abs(other.effect.mean!)).toBeLessThan(Math.abs(top.effect.mean!) / 10);
    expect(r.effects.map((e) => e.rank)).toEqual([1, 2, 3, 4]);
  });

  it('finds the numeric knobs of the nodes and edges, and moves integers by at least one', () => {
    expect(numericParameters(doc)).toEqual(
      expect.arrayContaining([
        'nodes.users.params.rateRps',
        'nodes.api.params.serviceTimeMs.mean',
        'nodes.audit.params.concurrency',
        'edges.api->audit.params.latencyMs.value',
      ]),
    );
    expect(moves('replicas', 2, 0.2)).toEqual([1, 3]);
    expect(moves('replicas', 10, 0.2)).toEqual([8, 12]);
    expect(moves('errorRate', 0.9, 0.2)).toEqual([0.9 * 0.8, 1]);
  });
});
