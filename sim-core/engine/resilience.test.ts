import { describe, expect, it } from 'vitest';
import {
  constant,
  type Doc,
  edge,
  edgeRow,
  exponential,
  nodeRow,
  run,
  sum,
  windowsIn,
} from '../test/simHarness.ts';

/*
 * Timeouts, retries and circuit breakers as a user sees them in the results: who counts the error,
 * what keeps running downstream, and how retries multiply load.
 */

describe('a client timeout', () => {
  // 20 rps against 20 workers of 200 ms each: ρ = 0.2 (20 busy workers need 20 arrivals within 200 ms,
  // mean 4: never in practice), so every request takes exactly 200 ms — four times the client's 50 ms.
  const doc: Doc = {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 20, timeoutMs: 50 } },
      { id: 'slow', kind: 'service', params: { concurrency: 20, serviceTimeMs: constant(200) } },
    ],
    edges: [edge('users', 'slow')],
    scenario: { durationSec: 30, seed: 7 },
  };

  it('fails every request end to end as a timeout, but the service finishes the orphaned work', () => {
    const { summary } = run(doc);
    const e2e = summary.endToEnd;
    // Exactly every arrival times out, except those still within their last 50 ms at the end
    // (Poisson with mean 1 at 20 rps; 7 or more has probability 1e-4).
    expect(e2e.completions).toBe(0);
    expect(e2e.errors.timeout).toBe(e2e.errors.total);
    expect(e2e.arrivals - e2e.errors.timeout).toBeLessThanOrEqual(6);
    expect(e2e.arrivals).toBeGreaterThan(500); // 20 rps × 30 s = 600, σ ≈ 25: 4σ below

    const slow = summary.nodes.slow;
    // The service never learns the caller left: everything it received completes, bar the last
    // 200 ms in flight at the end (Poisson with mean 4; 15 or more has probability 1e-5).
    expect(slow.errors.total).toBe(0);
    expect(slow.arrivals).toBe(e2e.arrivals);
    expect(slow.arrivals - slow.completions).toBeLessThanOrEqual(14);
    expect(slow.latencyMs.mean).toBeCloseTo(200, 6);

    // The edge the client calls along shows the caller's view: every call it carried timed out at the
    // client's deadline, none came back a success.
    const calls = summary.edges['users->slow'];
    expect(calls.completions).toBe(0);
    expect(calls.errors.timeout).toBe(e2e.errors.timeout);
    expect(calls.errors.total).toBe(e2e.errors.total);
  });

  it('shows on its edge exactly the timeouts and successes the client counts', () => {
    // M/M/1 at ρ = 0.8 with 5 ms of work: the sojourn is Exp(mean 25 ms), so a 50 ms deadline cuts
    // off e^-2 ≈ 13.5% of the requests (a minute at ρ = 0.8 varies a lot: 8.5% with this seed).
    const mm1: Doc = {
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 160, timeoutMs: 50 } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: exponential(5) } },
      ],
      edges: [edge('users', 'api')],
      scenario: { durationSec: 60, warmupSec: 5, seed: 3 },
    };
    const { summary, windows } = run(mm1);
    const e2e = summary.endToEnd;
    const calls = summary.edges['users->api'];
    expect(e2e.errors.timeout / e2e.arrivals).toBeGreaterThan(0.05);
    expect(e2e.errors.timeout / e2e.arrivals).toBeLessThan(0.25);
    expect(calls.errors.timeout).toBe(e2e.errors.timeout);
    expect(calls.completions).toBe(e2e.completions);
    expect(calls.latencyMs.max).toBeLessThanOrEqual(50);
    expect(calls.latencyMs.mean).toBeCloseTo(e2e.latencyMs.mean ?? 0, 9);
    // The service does not know its caller left: it finishes everything and reports no error.
    expect(summary.nodes.api.errors.total).toBe(0);
    // Window by window too: the edge counts each timeout when the client gives up.
    for (const w of windows) expect(edgeRow(w, 'users->api').errors.timeout).toBe(w.endToEnd.errors.timeout);
  });
});

describe('timeouts with retries', () => {
  // 60 rps against one replica of 4 workers × 20 ms (exponential): ρ = 0.3, capacity 200 rps. The edge
  // gives up after 100 ms and retries up to 3 times. From 10 s to 20 s the service answers 150 ms late
  // (`injectLatency`), so every attempt times out. (At ρ = 0.5 a chance burst can already tip the calm
  // run into a self-sustaining retry storm — metastable, as in real systems — so the base load is low.)
  const build = (retries: boolean, slowDown: boolean): Doc => ({
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 60 } },
      { id: 'api', kind: 'service', params: { concurrency: 4, serviceTimeMs: exponential(20) } },
    ],
    edges: [edge('users', 'api', { timeoutMs: 100, ...(retries ? { retries: { max: 3 } } : {}) })],
    scenario: {
      durationSec: 30,
      seed: 11,
      events: slowDown
        ? [{ type: 'injectLatency', atSec: 10, durationSec: 10, target: 'api', addMs: 150 }]
        : [],
    },
  });
  const id = 'users->api';

  it('amplifies attempts a little in normal operation and fully (max + 1) while the service is slow', () => {
    const calm = run(build(true, false));
    const calmAmp = calm.summary.edges[id].retryAmplification ?? 0;
    // At ρ = 0.3 about 0.7% of attempts take longer than 100 ms (the 20 ms work alone exceeds it with
    // probability e^-5, and there is hardly any queueing): amplification just above 1.
    expect(calmAmp).toBeGreaterThan(1);
    expect(calmAmp).toBeLessThan(1.1);

    const storm = run(build(true, true));
    // While 150 ms are added to every answer, no attempt can succeed within 100 ms: all 4 are made.
    // Per window the ratio wobbles (a window's attempts include retries of calls made in the window
    // before, and ~60 calls a window is a small Poisson count), so each window is only checked for a
    // clear storm and the pooled ratio tightly.
    const slow = windowsIn(storm.windows, 11, 20);
    for (const w of slow) expect(edgeRow(w, id).retryAmplification).toBeGreaterThan(2.5);
    const attempts = sum(slow, (w) => (edgeRow(w, id).retryAmplification ?? 0) * edgeRow(w, id).arrivals);
    // Pooled over 9 windows (~540 calls) only the first and last windows' spill-over remains: ±0.2.
    const pooled = attempts / sum(slow, (w) => edgeRow(w, id).arrivals);
    expect(pooled).toBeGreaterThan(3.8);
    expect(pooled).toBeLessThan(4.2);
    // Four times the traffic (240 rps) on a 200 rps service: it saturates.
    const during = windowsIn(storm.windows, 15, 20);
    expect(sum(during, (w) => nodeRow(w, 'api').arrivals) / during.length).toBeGreaterThan(200);
    expect(sum(during, (w) => nodeRow(w, 'api').utilization ?? 0) / during.length).toBeGreaterThan(0.95);
    expect(storm.summary.edges[id].retryAmplification ?? 0).toBeGreaterThan(calmAmp + 0.5);
  });

  it('makes exactly one attempt per call without retries, however slow the service', () => {
    const { summary, windows } = run(build(false, true));
    expect(summary.edges[id].retryAmplification).toBe(1);
    for (const w of windows) {
      const amp = edgeRow(w, id).retryAmplification;
      if (amp !== null) expect(amp).toBe(1);
    }
    // Every call in the slow period times out once and is given up on.
    const slow = windowsIn(windows, 11, 20);
    expect(sum(slow, (w) => edgeRow(w, id).errors.timeout)).toBeGreaterThan(
      0.95 * sum(slow, (w) => edgeRow(w, id).arrivals),
    );
  });
});

describe('a circuit breaker', () => {
  // 100 rps to a fast service that fails every request from 10 s to 15 s. The breaker opens at 50%
  // errors over ≥ 20 requests in a 1 s window and stays open 2 s before letting one probe through.
  const doc: Doc = {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100 } },
      { id: 'api', kind: 'service', params: { concurrency: 8, serviceTimeMs: exponential(5) } },
    ],
    edges: [
      edge('users', 'api', {
        circuitBreaker: { errorRatio: 0.5, minRequests: 20, windowSec: 1, openSec: 2 },
      }),
    ],
    scenario: {
      durationSec: 30,
      seed: 3,
      events: [{ type: 'injectErrors', atSec: 10, durationSec: 5, target: 'api', rate: 1 }],
    },
  };

  it('fails fast while open, sparing the downstream, and closes after the fault ends', () => {
    const { summary, windows } = run(doc);
    expect(summary.endToEnd.errors.circuitOpen).toBeGreaterThan(0);
    expect(summary.edges['users->api'].errors.circuitOpen).toBeGreaterThan(0);

    const before = windowsIn(windows, 0, 10);
    for (const w of before) expect(w.endToEnd.errors.total).toBe(0);
    const normal = sum(before, (w) => nodeRow(w, 'api').arrivals) / before.length; // ≈ 100 per window

    // Open from about 10.2 s, with a single probe every 2 s: the service sees almost nothing.
    for (const w of windowsIn(windows, 11, 15)) {
      expect(nodeRow(w, 'api').arrivals).toBeLessThan(0.05 * normal);
      expect(w.endToEnd.errors.circuitOpen).toBeGreaterThan(0.9 * w.endToEnd.arrivals);
    }
    // The fault ends at 15 s; the next probe (at most openSec later) succeeds and closes the breaker.
    const after = windowsIn(windows, 18, 30);
    for (const w of after) {
      expect(w.endToEnd.errors.total).toBe(0);
      expect(nodeRow(w, 'api').arrivals).toBeGreaterThan(0.5 * normal); // Poisson(100): 5σ below
    }
    // Pooled over 12 windows the service gets all the traffic again: 100 a window, σ ≈ 2.9; allow 15.
    expect(sum(after, (w) => nodeRow(w, 'api').arrivals) / after.length).toBeGreaterThan(85);
  });
});
