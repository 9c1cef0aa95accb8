import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, type NodeInput, run, windowsIn } from '../test/simHarness.ts';

/*
 * A gateway in front of many services (an API gateway routing to a whole estate): past 32 outgoing
 * edges `pickEdge` chooses by binary search in remembered running sums instead of scanning every
 * edge. These check what that memory must not get wrong: the weights, the classes, and forgetting a
 * target the balancer no longer believes alive (and remembering it again when it is back).
 */

const TARGETS = 60;
const name = (i: number) => `s${i}`;

/** users → gw → s0 … s59, edge i weighing 1 + (i mod 4); `target(i)` adds to or overrides target i's fields. */
function gateway(extra: Partial<Doc> = {}, target: (i: number) => Partial<NodeInput> = () => ({})): Doc {
  const nodes: NodeInput[] = [
    { id: 'users', kind: 'client', params: { rateRps: 2000 } },
    { id: 'gw', kind: 'loadBalancer', params: {} },
  ];
  const edges = [edge('users', 'gw')];
  for (let i = 0; i < TARGETS; i++) {
    nodes.push({
      id: name(i),
      kind: 'service',
      params: { replicas: 2, concurrency: 4, serviceTimeMs: constant(1) },
      ...target(i),
    } as NodeInput);
    edges.push(edge('gw', name(i), { weight: 1 + (i % 4) }));
  }
  return { nodes, edges, scenario: { durationSec: 20, seed: 5 }, ...extra };
}

const arrivalsAt = (nodes: Record<string, { arrivals: number }>, ids: number[]) =>
  ids.reduce((n, i) => n + nodes[name(i)].arrivals, 0);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('a balancer with more edges than it scans', () => {
  it('sends each target its weight’s share of the traffic', () => {
    const { summary } = run(gateway());
    const total = summary.nodes.gw.arrivals;
    // Weights 1, 2, 3, 4 repeat over 60 edges: 15 edges of each, so weight k takes k / 10 of the traffic.
    for (let k = 1; k <= 4; k++) {
      const ids = range(TARGETS).filter((i) => 1 + (i % 4) === k);
      const share = arrivalsAt(summary.nodes, ids) / total;
      // ~40,000 requests: σ of a share ≤ 0.0025; allow 0.01.
      expect(share).toBeCloseTo(k / 10, 1);
      expect(Math.abs(share - k / 10)).toBeLessThan(0.01);
    }
  });

  it('stops sending to targets whose replicas all died, and sends to them again once they are back', () => {
    const dead = [0, 7, 13, 42, 59];
    const events = dead.map((i) => ({
      type: 'killInstances' as const,
      atSec: 5,
      durationSec: 5,
      target: name(i),
      fraction: 1,
    }));
    const { windows } = run(gateway({ scenario: { durationSec: 20, seed: 5, events } }));
    // Without health checks the balancer knows at once: nothing goes to the dead, nothing fails.
    for (const w of windowsIn(windows, 5, 10)) {
      expect(arrivalsAt(w.nodes, dead)).toBe(0);
      expect(w.endToEnd.errors.total).toBe(0);
      expect(w.endToEnd.arrivals).toBeGreaterThan(1500);
    }
    // Restored at 10 s (replicas start at once): their share, 12 of 100 weight units, comes back.
    const late = windowsIn(windows, 11, 20);
    const back = late.reduce((n, w) => n + arrivalsAt(w.nodes, dead), 0);
    const all = late.reduce((n, w) => n + w.nodes.gw.arrivals, 0);
    const weight = dead.reduce((n, i) => n + 1 + (i % 4), 0) / 150;
    expect(back / all).toBeCloseTo(weight, 1);
  });

  it('learns of a dead target at its next health check, not before, and of its return at a later one', () => {
    const doc = gateway({
      scenario: {
        durationSec: 20,
        seed: 5,
        events: [{ type: 'killInstances', atSec: 5.5, durationSec: 6, target: name(3), fraction: 1 }],
      },
    });
    doc.nodes[1] = { id: 'gw', kind: 'loadBalancer', params: { healthCheckIntervalSec: 1 } };
    const { windows } = run(doc);
    // 5.5 s → the 6 s check: s3 still gets its share, and every request sent there fails.
    const [w5] = windowsIn(windows, 5, 6);
    expect(w5.nodes[name(3)].errors.deadInstance).toBeGreaterThan(0);
    expect(w5.endToEnd.errors.total).toBe(w5.nodes[name(3)].errors.deadInstance);
    // From the 6 s check until it is back at 11.5 s and seen at the 12 s check: none.
    for (const w of windowsIn(windows, 6, 12)) {
      expect(w.nodes[name(3)].arrivals).toBe(0);
      expect(w.endToEnd.errors.total).toBe(0);
    }
    for (const w of windowsIn(windows, 13, 20)) expect(w.nodes[name(3)].arrivals).toBeGreaterThan(0);
  });

  it('skips targets in a region that is down, for targets that are no servers too', () => {
    // Every third target is a cache (always a hit) in region b; the rest are services in region a.
    const inB = range(TARGETS).filter((i) => i % 3 === 0);
    const doc = gateway(
      {
        regions: [{ id: 'a' }, { id: 'b' }],
        scenario: {
          durationSec: 20,
          seed: 5,
          events: [{ type: 'killRegion', atSec: 5, durationSec: 5, region: 'b' }],
        },
      },
      (i) =>
        i % 3 === 0
          ? { kind: 'cache', region: 'b', params: { hitRatio: 1, hitLatencyMs: constant(0.5) } }
          : { region: 'a' },
    );
    doc.nodes[1] = { id: 'gw', kind: 'loadBalancer', region: 'a', params: {} };
    const { windows } = run(doc);
    for (const w of windowsIn(windows, 5, 10)) {
      expect(arrivalsAt(w.nodes, inB)).toBe(0);
      expect(w.endToEnd.errors.total).toBe(0);
    }
    for (const w of windowsIn(windows, 11, 20)) expect(arrivalsAt(w.nodes, inB)).toBeGreaterThan(0);
  });

  it('sends a request class only along the edges that carry it', () => {
    const doc = gateway();
    doc.nodes[0] = {
      id: 'users',
      kind: 'client',
      params: {
        rateRps: 2000,
        classes: [
          { id: 'read', weight: 3 },
          { id: 'write', weight: 1 },
        ],
      },
    };
    // Writes go to s0 … s9 only, reads to the other fifty.
    for (let i = 0; i < TARGETS; i++) {
      const params = doc.edges?.[i + 1].params ?? {};
      params.classes = i < 10 ? ['write'] : ['read'];
    }
    const { summary } = run(doc);
    const writes = arrivalsAt(summary.nodes, range(10));
    // A quarter of the requests are writes (~40,000 requests: σ ≈ 0.002).
    expect(writes / summary.nodes.gw.arrivals).toBeCloseTo(0.25, 1);
    expect(summary.classes.write.arrivals).toBeCloseTo(writes, -1);
    expect(summary.endToEnd.errors.total).toBe(0);
  });
});
