import { describe, expect, it } from 'vitest';
import {
  constant,
  type Doc,
  edge,
  exponential,
  nodeRow,
  run,
  sum,
  topology,
  windowsIn,
} from '../test/simHarness.ts';
import { createSimulation } from './createSimulation.ts';

/* Scenario events as the windows show them: traffic surges, scaling, restarts, live injection. */

type Events = Doc['scenario']['events'];

/** users → lb (random) → api (replicas × one 10 ms exponential worker). */
function service(rateRps: number, api: Record<string, unknown>, events: Events, durationSec = 30): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps } },
      { id: 'lb', kind: 'loadBalancer', params: { policy: 'random' } },
      { id: 'api', kind: 'service', params: { serviceTimeMs: exponential(10), ...api } },
    ],
    edges: [edge('users', 'lb'), edge('lb', 'api')],
    scenario: { durationSec, seed: 31, events },
  };
}

describe('a traffic multiplier', () => {
  it('triples the arrivals in the windows it covers, and only there', () => {
    const { windows } = run(
      service(200, { replicas: 10 }, [{ type: 'trafficMultiplier', atSec: 10, durationSec: 10, factor: 3 }]),
    );
    const arrivals = (from: number, to: number) =>
      sum(windowsIn(windows, from, to), (w) => w.endToEnd.arrivals);
    // Poisson counts: 2000 before, 6000 during, 2000 after. Standard errors: 2.2% for 2000, 2.6% for
    // the ratio during/before; allow 10% (about 4σ).
    const before = arrivals(0, 10);
    const during = arrivals(10, 20);
    const after = arrivals(20, 30);
    expect(Math.abs(before / 2000 - 1)).toBeLessThan(0.1);
    expect(Math.abs(after / 2000 - 1)).toBeLessThan(0.1);
    expect(Math.abs(during / before / 3 - 1)).toBeLessThan(0.1);
  });
});

describe('setReplicas', () => {
  it('scales the live instances up and down', () => {
    const { windows, summary } = run(
      service(
        100,
        { replicas: 2 },
        [
          { type: 'setReplicas', atSec: 5, target: 'api', replicas: 6 },
          { type: 'setReplicas', atSec: 15, target: 'api', replicas: 3 },
        ],
        20,
      ),
    );
    const live = windows.map((w) => nodeRow(w, 'api').instancesLive);
    // No start-up time: the change is immediate, and a window's value is its time average.
    expect(live[4]).toBeCloseTo(2, 9);
    expect(live[5]).toBeCloseTo(6, 9);
    expect(live[14]).toBeCloseTo(6, 9);
    expect(live[15]).toBeCloseTo(3, 9);
    expect(live[19]).toBeCloseTo(3, 9);
    // Scale-in drains replicas: at ρ = 0.17 their last requests finish rather than fail.
    expect(summary.endToEnd.errors.total).toBe(0);
  });
});

describe('scale-in under load', () => {
  // Regression: a draining replica used to stop dispatching its own waiting room (`dispatchReplica`
  // required `R.alive`), so requests queued on a scaled-in replica were never served.
  it('lets a drained replica serve the requests already waiting in its queue', () => {
    // 190 rps on two 10 ms replicas (ρ = 0.95, random balancing): both have queues at 5 s, when one
    // replica is scaled in and the traffic stops. Everything should be served well before 20 s.
    const { summary, windows } = run(
      service(
        190,
        { replicas: 2, serviceTimeMs: constant(10) },
        [
          { type: 'trafficMultiplier', atSec: 5, factor: 0 },
          { type: 'setReplicas', atSec: 5, target: 'api', replicas: 1 },
        ],
        20,
      ),
    );
    expect(summary.endToEnd.inFlight).toBe(0);
    expect(summary.endToEnd.completions).toBe(summary.endToEnd.arrivals);
    expect(nodeRow(windows[19], 'api').queueLengthMean).toBe(0);
  });
});

describe('a rolling restart', () => {
  // Requests waiting in a replica's room when it is restarted are served once it is back up.
  it('serves the requests waiting on a replica once it is back up', () => {
    // 190 rps on two 10 ms replicas (ρ = 0.95): both have queues when the restart starts at 5 s and
    // the traffic stops. Each replica is back 1 s after its restart; all is served long before 20 s.
    const { summary } = run(
      service(
        190,
        { replicas: 2, startupSec: 1, serviceTimeMs: constant(10) },
        [
          { type: 'trafficMultiplier', atSec: 5, factor: 0 },
          { type: 'rollingRestart', atSec: 5, target: 'api' },
        ],
        20,
      ),
    );
    expect(summary.endToEnd.inFlight).toBe(0);
    expect(summary.endToEnd.completions).toBe(summary.endToEnd.arrivals);
  });

  it('keeps serving while instances restart one at a time', () => {
    // 4 replicas taking 2 s to start; 200 rps of 10 ms needs 2 of them, so 3 live ones are plenty.
    const { windows, summary } = run(
      service(200, { replicas: 4, startupSec: 2 }, [{ type: 'rollingRestart', atSec: 5, target: 'api' }]),
    );
    const live = windows.map((w) => nodeRow(w, 'api').instancesLive ?? 0);
    // One replica out for 2 s at a time, four in turn: 5 s → 13 s.
    for (const i of [5, 7, 9, 11]) expect(live[i]).toBeCloseTo(3, 9);
    for (const i of [4, 13, 20, 29]) expect(live[i]).toBeCloseTo(4, 9);
    expect(summary.eventsApplied.filter((a) => a.type === 'rollingRestart')).toHaveLength(1);
    // Drained replicas finish their work, and the balancer only picks live ones.
    expect(summary.endToEnd.errors.total).toBe(0);
    expect(summary.endToEnd.completions).toBeGreaterThan(0.99 * summary.endToEnd.arrivals);
  });
});

describe('an autoscaler', () => {
  it('adds replicas under load until utilization nears its target', () => {
    // 300 rps of 10 ms on one replica: 3 workers' worth. At a 0.5 target it wants 6 replicas; it
    // evaluates every 5 s, and new replicas take 2 s to provision.
    const { windows, summary } = run(
      service(
        300,
        {
          replicas: 1,
          queueCapacity: 100,
          autoscale: { min: 1, max: 10, targetUtilization: 0.5, evaluateEverySec: 5, provisionSec: 2 },
        },
        [],
        60,
      ),
    );
    const live = windows.map((w) => nodeRow(w, 'api').instancesLive ?? 0);
    expect(live[0]).toBeCloseTo(1, 9);
    expect(live[59]).toBeGreaterThanOrEqual(5);
    expect(live[59]).toBeLessThanOrEqual(10);
    expect(summary.eventsApplied.some((a) => a.type === 'autoscale')).toBe(true);
    // Overloaded at first (queue full), served once scaled out.
    expect(windows[2].endToEnd.errors.queueFull).toBeGreaterThan(0);
    for (const w of windowsIn(windows, 40, 60)) {
      expect(w.endToEnd.errors.total).toBe(0);
      expect(nodeRow(w, 'api').utilization).toBeLessThan(0.75);
    }
  });
});

describe('the autoscaler’s policy', () => {
  it('is reactive by default: naming it changes nothing', () => {
    const api = (policy?: 'reactive') => ({
      replicas: 1,
      queueCapacity: 100,
      autoscale: { min: 1, max: 10, targetUtilization: 0.5, evaluateEverySec: 5, provisionSec: 2, policy },
    });
    expect(run(service(300, api('reactive'), [], 30)).summary).toEqual(
      run(service(300, api(), [], 30)).summary,
    );
  });
});

describe('applyEvent during a run', () => {
  // A balancer that checks health only every 60 s keeps routing to a killed replica.
  const doc: Doc = {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100 } },
      { id: 'lb', kind: 'loadBalancer', params: { healthCheckIntervalSec: 60 } },
      { id: 'api', kind: 'service', params: { replicas: 2, serviceTimeMs: constant(5) } },
    ],
    edges: [edge('users', 'lb'), edge('lb', 'api')],
    scenario: { durationSec: 20, seed: 37 },
  };

  it('applies the event now and its effect shows in the following windows', () => {
    const sim = createSimulation(topology(doc));
    sim.runUntil(8.5);
    const seen = sim.snapshot().windows.length;
    expect(seen).toBe(8);
    for (const w of sim.snapshot().windows) expect(w.endToEnd.errors.total).toBe(0);

    sim.applyEvent({ type: 'killInstances', atSec: 0, target: 'api', count: 1 });
    sim.runUntil(sim.endSec);
    const later = sim.snapshot(seen).windows;
    expect(later[0].index).toBe(8);
    // Half the traffic (the dead replica's share) fails from 8.5 s on: ≈ 50 per window.
    for (const w of later.slice(1))
      expect(w.endToEnd.errors.deadInstance / w.endToEnd.arrivals).toBeCloseTo(0.5, 1);
    const kill = sim.summary().eventsApplied.find((a) => a.type === 'killInstances');
    expect(kill?.atSec).toBeCloseTo(8.5, 9);
  });

  it('refuses an event whose target does not exist with a RangeError', () => {
    const sim = createSimulation(topology(doc));
    sim.runUntil(1);
    expect(() => sim.applyEvent({ type: 'killInstances', atSec: 0, target: 'nope', count: 1 })).toThrow(
      RangeError,
    );
    expect(() => sim.applyEvent({ type: 'killRegion', atSec: 0, region: 'mars' })).toThrow(RangeError);
    // A malformed event is refused the same way.
    const bad = { type: 'killInstances', atSec: 0, target: 'api' } as never;
    expect(() => sim.applyEvent(bad)).toThrow(RangeError);
    // …and the run goes on unharmed.
    sim.runUntil(sim.endSec);
    expect(sim.summary().endToEnd.errors.total).toBe(0);
  });
});
