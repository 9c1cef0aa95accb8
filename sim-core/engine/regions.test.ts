import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, edgeRow, run, windowsIn } from '../test/simHarness.ts';

/* Regions: losing one, failing over to another, partitions between them and the latency across. */

const regions = [{ id: 'eu' }, { id: 'us' }];

describe('a region outage', () => {
  // A global balancer (no region) in front of the same service deployed in two regions; health checks
  // every 2 s. The eu region goes down at 10.5 s for 5 s.
  const doc: Doc = {
    regions,
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 200 } },
      { id: 'lb', kind: 'loadBalancer', params: { healthCheckIntervalSec: 2 } },
      { id: 'api-eu', kind: 'service', region: 'eu', params: { replicas: 2, serviceTimeMs: constant(5) } },
      { id: 'api-us', kind: 'service', region: 'us', params: { replicas: 2, serviceTimeMs: constant(5) } },
    ],
    edges: [edge('users', 'lb'), edge('lb', 'api-eu'), edge('lb', 'api-us')],
    scenario: {
      durationSec: 25,
      seed: 13,
      events: [{ type: 'killRegion', atSec: 10.5, durationSec: 5, region: 'eu' }],
    },
  };

  it('fails the region’s services until the balancer’s next health check moves traffic away', () => {
    const { summary, windows } = run(doc);
    for (const w of windowsIn(windows, 0, 10)) expect(w.endToEnd.errors.total).toBe(0);
    // 10.5 s → 12 s (next check): the half of the traffic sent to eu fails as deadInstance, ≈ 150.
    const [w10, w11] = windowsIn(windows, 10, 12);
    expect(w10.nodes['api-eu'].errors.deadInstance).toBeGreaterThan(0);
    // The target edge is drawn by weight for each request: binomial, σ ≈ 0.035 on ~200; allow ±0.12.
    const share = w11.endToEnd.errors.deadInstance / w11.endToEnd.arrivals;
    expect(share).toBeGreaterThan(0.38);
    expect(share).toBeLessThan(0.62);
    expect(summary.endToEnd.errors.total).toBe(summary.endToEnd.errors.deadInstance);
    // After the check every request goes to us and succeeds, also once eu is back.
    for (const w of windowsIn(windows, 12, 25)) expect(w.endToEnd.errors.total).toBe(0);
    for (const w of windowsIn(windows, 12, 15)) {
      expect(w.nodes['api-eu'].arrivals).toBe(0);
      expect(w.nodes['api-us'].arrivals).toBe(w.endToEnd.arrivals);
    }
    // eu is back at 15.5 s and seen at the 16 s check: traffic splits again.
    const late = windowsIn(windows, 17, 25);
    const eu = late.reduce((n, w) => n + w.nodes['api-eu'].arrivals, 0);
    const all = late.reduce((n, w) => n + w.endToEnd.arrivals, 0);
    expect(eu / all).toBeCloseTo(0.5, 1); // ~1600 requests: σ ≈ 0.0125, allowed 0.05
  });
});

describe('a partition between regions', () => {
  // A client in eu calls a service in us; eu and us are cut off from 10 s to 15 s.
  const build = (timeoutMs?: number): Doc => ({
    regions,
    nodes: [
      { id: 'users', kind: 'client', region: 'eu', params: { rateRps: 100 } },
      { id: 'api', kind: 'service', region: 'us', params: { concurrency: 20, serviceTimeMs: constant(5) } },
    ],
    edges: [edge('users', 'api', { timeoutMs })],
    scenario: {
      durationSec: 20,
      seed: 17,
      events: [{ type: 'partition', atSec: 10, durationSec: 5, regionA: 'eu', regionB: 'us' }],
    },
  });
  const id = 'users->api';

  it('without a timeout, fails crossing calls at once as partition errors', () => {
    const { summary, windows } = run(build());
    for (const w of windowsIn(windows, 10, 15)) {
      expect(edgeRow(w, id).errors.partition).toBe(edgeRow(w, id).arrivals);
      expect(w.nodes.api.arrivals).toBe(0);
    }
    for (const w of [...windowsIn(windows, 0, 10), ...windowsIn(windows, 15, 20)])
      expect(edgeRow(w, id).errors.total).toBe(0);
    // The reset is immediate: failed calls add no latency, so the successful ones stay at 5 ms.
    expect(summary.endToEnd.errors.partition).toBe(summary.endToEnd.errors.total);
    expect(summary.endToEnd.latencyMs.max).toBeCloseTo(5, 6);
  });

  it('with a timeout, the caller waits it out and the failure still counts as a partition', () => {
    const { summary, windows } = run(build(200));
    expect(summary.endToEnd.errors.timeout).toBe(0);
    expect(summary.edges[id].errors.timeout).toBe(0);
    // Calls made from 10 s to 15 s fail 200 ms later; the last ones land in the window after.
    const during = windowsIn(windows, 10, 16);
    const failed = during.reduce((n, w) => n + edgeRow(w, id).errors.partition, 0);
    const made = windowsIn(windows, 10, 15).reduce((n, w) => n + edgeRow(w, id).arrivals, 0);
    expect(failed).toBe(made);
    expect(edgeRow(windows[10], id).errors.partition).toBeLessThan(edgeRow(windows[10], id).arrivals);
  });
});

describe('latency between regions', () => {
  // The same chain with the service in the client's region or across the ocean (80 ms round trip).
  const build = (serviceRegion: string): Doc => ({
    regions,
    regionLatencyMs: [{ from: 'eu', to: 'us', latencyMs: constant(80) }],
    nodes: [
      { id: 'users', kind: 'client', region: 'eu', params: { rateRps: 100 } },
      {
        id: 'api',
        kind: 'service',
        region: serviceRegion,
        params: { concurrency: 10, serviceTimeMs: constant(5) },
      },
    ],
    edges: [edge('users', 'api', { latencyMs: constant(2) })],
    scenario: { durationSec: 10, seed: 19 },
  });

  it('adds the round trip to every crossing call', () => {
    const near = run(build('eu')).summary;
    const far = run(build('us')).summary;
    // Constant times and no queueing (ρ = 0.05 per worker): 2 + 5 ms near, plus exactly 80 ms far.
    expect(near.endToEnd.latencyMs.mean).toBeCloseTo(7, 6);
    expect(far.endToEnd.latencyMs.mean).toBeCloseTo(87, 6);
    // The service's own latency does not include the network.
    expect(far.nodes.api.latencyMs.mean).toBeCloseTo(5, 6);
  });
});
