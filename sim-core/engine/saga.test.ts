import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, run, topology } from '../test/simHarness.ts';

/*
 * Saga compensations (edge `compensation`): when a required call of a later stage fails, the service
 * undoes the earlier stages' calls through their compensation edges before it fails.
 */

const svc = (errorRate = 0) => ({ concurrency: 100, serviceTimeMs: constant(1), errorRate });

function saga(paymentErrors: number, shippingErrors: number): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 100 } },
      { id: 'order', kind: 'service', params: { concurrency: 100, serviceTimeMs: constant(1) } },
      { id: 'inventory', kind: 'service', params: svc() },
      { id: 'payment', kind: 'service', params: svc(paymentErrors) },
      { id: 'shipping', kind: 'service', params: svc(shippingErrors) },
    ],
    edges: [
      edge('users', 'order'),
      { id: 'reserve', source: 'order', target: 'inventory', params: { stage: 0, compensation: 'release' } },
      { id: 'release', source: 'order', target: 'inventory' },
      { id: 'charge', source: 'order', target: 'payment', params: { stage: 1, compensation: 'refund' } },
      { id: 'refund', source: 'order', target: 'payment', params: { latencyMs: constant(10) } },
      { id: 'ship', source: 'order', target: 'shipping', params: { stage: 2 } },
    ],
    scenario: { durationSec: 100, seed: 4 },
  };
}

describe('a saga with compensations', () => {
  it('never calls a compensation when every stage succeeds', () => {
    const { summary } = run(saga(0, 0));
    expect(summary.edges.reserve.arrivals).toBeGreaterThan(9900);
    expect(summary.edges.release.arrivals).toBe(0);
    expect(summary.edges.refund.arrivals).toBe(0);
    expect(summary.endToEnd.errors.total).toBe(0);
  });

  it('undoes exactly the stages that succeeded before the failure', () => {
    // Payment fails 20%: release each of those reservations. Shipping fails 10% of the 80% that paid:
    // release and refund those. So release ≈ (0.2 + 0.08)·N, refund ≈ 0.08·N, success ≈ 0.72.
    const { summary } = run(saga(0.2, 0.1));
    const n = summary.edges.reserve.arrivals;
    const charged = summary.edges.charge.arrivals;
    const shipped = summary.edges.ship.arrivals;
    // Per edge: the payment node also serves (and sometimes fails) the refunds.
    const paymentFailed = summary.edges.charge.errors.intrinsic;
    const shippingFailed = summary.edges.ship.errors.intrinsic;
    expect(summary.edges.release.arrivals).toBe(paymentFailed + shippingFailed);
    expect(summary.edges.refund.arrivals).toBe(shippingFailed);
    expect(charged).toBe(n);
    expect(shipped).toBe(charged - paymentFailed);
    expect(Math.abs(summary.edges.release.arrivals / n - 0.28)).toBeLessThan(0.02);
    const success =
      summary.endToEnd.completions / (summary.endToEnd.completions + summary.endToEnd.errors.total);
    expect(Math.abs(success - 0.72)).toBeLessThan(0.02);
    // The request fails with the original error, after its compensations.
    expect(summary.endToEnd.errors.intrinsic).toBe(summary.endToEnd.errors.total);
  });

  it('fails only after the compensations are answered', () => {
    // Every shipping call fails. Own work and the three calls take 4 ms; the refund's round trip adds
    // 10 ms more. Users who give up after 8 ms therefore see timeouts when the order waits for the
    // refund, and the shipping error itself when the refund is instant.
    const doc = (refundMs: number): Doc => {
      const d = saga(0, 1);
      d.nodes[0] = {
        id: 'users',
        kind: 'client',
        params: { arrival: 'constant', rateRps: 100, timeoutMs: 8 },
      };
      d.edges![4] = { ...d.edges![4], params: { latencyMs: constant(refundMs) } };
      return { ...d, scenario: { durationSec: 10, seed: 4 } };
    };
    const slow = run(doc(10)).summary.endToEnd.errors;
    expect(slow.total).toBeGreaterThan(990);
    expect(slow.timeout).toBe(slow.total);
    const fast = run(doc(0)).summary.endToEnd.errors;
    expect(fast.total).toBeGreaterThan(990);
    expect(fast.intrinsic).toBe(fast.total);
  });

  it('is refused when it names an edge of another node, or compensates an optional call', () => {
    const other = saga(0, 0);
    other.edges = [...(other.edges ?? []), edge('inventory', 'shipping')];
    other.edges[1] = { ...other.edges[1], params: { compensation: 'inventory->shipping' } };
    expect(() => topology(other)).toThrow(/edges\[1\]\.params\.compensation: .* must start at "order" too/);
    const optional = saga(0, 0);
    optional.edges![3] = {
      ...optional.edges![3],
      params: { stage: 1, compensation: 'refund', required: false },
    };
    expect(() => topology(optional)).toThrow(/must be required and have probability 1/);
    const self = saga(0, 0);
    self.edges![1] = { ...self.edges![1], params: { compensation: 'reserve' } };
    expect(() => topology(self)).toThrow(/an edge cannot compensate itself/);
    const client = saga(0, 0);
    client.edges![0] = { ...client.edges![0], params: { compensation: 'reserve' } };
    expect(() => topology(client)).toThrow(/only a service or database makes staged calls/);
    const missing = saga(0, 0);
    missing.edges![1] = { ...missing.edges![1], params: { compensation: 'relase' } };
    expect(() => topology(missing)).toThrow(/names no edge "relase" \(did you mean "release"\?\)/);
  });
});
