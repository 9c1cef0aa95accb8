import { describe, expect, it } from 'vitest';
import { streamFor } from '../random/Prng.ts';
import { constant, type Doc, edge, run, windowsIn } from '../test/simHarness.ts';

/*
 * Health checks with an interval, a probe timeout and thresholds. Theory: probes go out every I; a
 * replica that dies at a uniformly random instant meets its first probe after U × I (U uniform on
 * (0, 1]), that probe fails T later, and the n-th consecutive failure takes it out of rotation. The
 * detection delay is (n − 1) × I + T + U × I: uniform on [(n − 1) × I + T, n × I + T].
 */

const I_SEC = 2;
const TIMEOUT_MS = 500;
const UNHEALTHY = 3;
const HEALTHY = 2;

function drill(killAtSec: number, reviveAfterSec?: number): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 20 } },
      {
        id: 'lb',
        kind: 'loadBalancer',
        params: {
          healthCheckIntervalSec: I_SEC,
          healthCheckTimeoutMs: TIMEOUT_MS,
          unhealthyThreshold: UNHEALTHY,
          healthyThreshold: HEALTHY,
        },
      },
      { id: 'api', kind: 'service', params: { replicas: 4, serviceTimeMs: constant(1) } },
    ],
    edges: [edge('users', 'lb'), edge('lb', 'api')],
    scenario: {
      durationSec: 30,
      seed: 3,
      events: [
        { type: 'killInstances', atSec: killAtSec, target: 'api', count: 1, durationSec: reviveAfterSec },
      ],
    },
  };
}

/** When the balancer's view changed (health-check log entries), after `fromSec`. */
function viewChanges(doc: Doc, fromSec: number): number[] {
  return run(doc)
    .summary.eventsApplied.filter((a) => a.type === 'healthCheck' && a.atSec > fromSec)
    .map((a) => a.atSec);
}

describe('health checks with a timeout and thresholds', () => {
  it('takes a dead replica out after a delay uniform on [(n−1)I + T, nI + T]', () => {
    const lowSec = (UNHEALTHY - 1) * I_SEC + TIMEOUT_MS / 1000;
    const highSec = lowSec + I_SEC;
    const rng = streamFor(12, 'test:kill-times');
    const delays: number[] = [];
    for (let i = 0; i < 200; i++) {
      const killAtSec = 10 + rng.next() * 5 * I_SEC;
      const changes = viewChanges(drill(killAtSec), killAtSec);
      expect(changes.length).toBe(1);
      delays.push(changes[0] - killAtSec);
      // Exactly: the first probe after the kill, n − 1 more, then the timeout.
      const firstProbeSec = Math.ceil(killAtSec / I_SEC) * I_SEC;
      expect(changes[0]).toBeCloseTo(firstProbeSec + lowSec, 9);
    }
    delays.sort((a, b) => a - b);
    expect(delays[0]).toBeGreaterThan(lowSec - 1e-9);
    expect(delays[delays.length - 1]).toBeLessThanOrEqual(highSec + 1e-9);
    // Mean of 200 uniforms on a width-I range: SE = I/√12/√200 ≈ 0.041 s; allow 3 SE.
    const mean = delays.reduce((s, d) => s + d, 0) / delays.length;
    expect(Math.abs(mean - (lowSec + highSec) / 2)).toBeLessThan(0.125);
    // Kolmogorov–Smirnov against the uniform law: D < 1.63/√200 = 0.115 at the 1% level (this sample
    // of kill phases has D = 0.0995; the delays inherit it exactly).
    let ks = 0;
    delays.forEach((d, k) => {
      const cdf = (d - lowSec) / I_SEC;
      ks = Math.max(ks, Math.abs(cdf - k / delays.length), Math.abs(cdf - (k + 1) / delays.length));
    });
    expect(ks).toBeLessThan(0.115);
  });

  it('keeps sending to the dead replica until then, and none after', () => {
    // Probes at 2, 4, 6, … s; the kill at 10.3 s fails the probes of 12, 14 and 16 s, the last known
    // at 16.5 s: round robin sends a quarter of the traffic to the dead replica until then.
    const { windows, summary } = run(drill(10.3));
    const blind = windowsIn(windows, 11, 16);
    for (const w of blind)
      expect(Math.abs(w.endToEnd.errors.deadInstance - w.endToEnd.arrivals / 4)).toBeLessThanOrEqual(1);
    for (const w of windowsIn(windows, 17, 30)) expect(w.endToEnd.errors.total).toBe(0);
    expect(summary.eventsApplied.filter((a) => a.type === 'healthCheck').map((a) => a.atSec)).toEqual([16.5]);
  });

  it('brings a restored replica back after the healthy threshold of passed probes', () => {
    // Restored at 20.3 s: the probes at 22 and 24 s pass, so it is back in rotation at 24 s.
    const changes = viewChanges(drill(10.3, 10), 17);
    expect(changes).toEqual([24]);
  });

  it('refuses a probe timeout that is not shorter than the interval', () => {
    const doc = drill(10);
    const lb = doc.nodes[1];
    if (lb.kind !== 'loadBalancer') throw new Error('the balancer is the second node');
    lb.params = { ...lb.params, healthCheckTimeoutMs: I_SEC * 1000 };
    expect(() => run(doc)).toThrow(/nodes\[1\]\.params\.healthCheckTimeoutMs: must be shorter/);
  });
});
