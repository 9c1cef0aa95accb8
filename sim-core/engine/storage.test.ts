import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, exponential, nodeRow, run, windowsIn } from '../test/simHarness.ts';

/*
 * Message queues (brokers) and databases: asynchronous hand-off, retries and dead letters, read
 * replicas and primary failover.
 */

type ServiceParams = Extract<Doc['nodes'][number], { kind: 'service' }>['params'];
type QueueParams = Extract<Doc['nodes'][number], { kind: 'queue' }>['params'];

/** users → producer → queue → consumer. */
function brokered(rateRps: number, queue: QueueParams, consumer: ServiceParams): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps } },
      { id: 'producer', kind: 'service', params: { concurrency: 100, serviceTimeMs: constant(5) } },
      { id: 'queue', kind: 'queue', params: queue },
      { id: 'consumer', kind: 'service', params: consumer },
    ],
    edges: [edge('users', 'producer'), edge('producer', 'queue'), edge('queue', 'consumer')],
    scenario: { durationSec: 20, seed: 21 },
  };
}

describe('a message queue', () => {
  it('answers the producer on acknowledgement, without waiting for the consumer', () => {
    // Consumers take 500 ms (50 workers at 40 rps: ρ = 0.4); the producer waits only for its own 5 ms
    // and the broker's 1 ms acknowledgement — both constant, so end to end is exactly 6 ms.
    const { summary } = run(
      brokered(40, { ackLatencyMs: constant(1) }, { concurrency: 50, serviceTimeMs: constant(500) }),
    );
    expect(summary.endToEnd.errors.total).toBe(0);
    expect(summary.endToEnd.latencyMs.mean).toBeCloseTo(6, 6);
    expect(summary.endToEnd.latencyMs.max).toBeCloseTo(6, 6);
    expect(summary.nodes.consumer.latencyMs.mean).toBeCloseTo(500, 6);
    // The message's age when the consumer is done: the consumer's 500 ms (there is no waiting).
    expect(summary.nodes.queue.lagMs.mean).toBeCloseTo(500, 6);
    // Every message is delivered, bar those still with the consumer at the end (≈ 40 × 0.5 s).
    expect(summary.nodes.queue.arrivals - summary.nodes.consumer.completions).toBeLessThanOrEqual(40);
  });

  it('redelivers failed messages and dead-letters those that fail maxRetries + 1 times', () => {
    // A consumer that fails half its messages (p = 0.5), two redeliveries (r = 2): a message is
    // dead-lettered with probability p^(r+1) = 0.125, and delivered 1 + p + p² = 1.75 times on average.
    const p = 0.5;
    const r = 2;
    const { summary } = run(
      brokered(
        500,
        { maxRetries: r, retryDelayMs: 10 },
        { concurrency: 20, errorRate: p, serviceTimeMs: exponential(2) },
      ),
    );
    const messages = summary.nodes.queue.arrivals; // ≈ 10 000
    const deadLetters = summary.nodes.queue.deadLetters ?? 0;
    // Standard error of the fraction: √(0.125 · 0.875 / 10⁴) ≈ 0.0033; allow 0.015.
    expect(deadLetters / messages).toBeGreaterThan(p ** (r + 1) - 0.015);
    expect(deadLetters / messages).toBeLessThan(p ** (r + 1) + 0.015);
    const deliveries = summary.nodes.consumer.arrivals;
    expect(deliveries / messages).toBeGreaterThan(1.75 - 0.05);
    expect(deliveries / messages).toBeLessThan(1.75 + 0.05);
    // The producers never see the consumer's failures.
    expect(summary.endToEnd.errors.total).toBe(0);
  });

  it('builds up a backlog when consumers are slower than producers', () => {
    // 100 rps in, one consumer at 50 rps out: the depth grows by about 50 messages a second.
    const { summary, windows } = run(brokered(100, {}, { serviceTimeMs: constant(20) }));
    const queue = summary.nodes.queue;
    expect(queue.queueDepthMean).toBeGreaterThan(300); // ≈ 50 × 20 s / 2 = 500
    expect(queue.queueDepthMax).toBeGreaterThan(800); // ≈ 50 × 20 s = 1000
    const depth = windows.map((w) => nodeRow(w, 'queue').queueDepthMean ?? 0);
    expect(depth[15]).toBeGreaterThan(depth[5]);
    // The consumer runs flat out.
    expect(summary.nodes.consumer.utilization).toBeGreaterThan(0.99);
    // The lag grows with the backlog: old messages are acknowledged seconds after being sent.
    expect(queue.lagMs.p99).toBeGreaterThan(5000);
  });
});

/** users → db, a single shard with three instances. */
function database(rateRps: number, readRatio: number, events: Doc['scenario']['events'] = [], seed = 1): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps } },
      {
        id: 'db',
        kind: 'database',
        params: { replicasPerShard: 3, readRatio, failoverSec: 2, serviceTimeMs: constant(10) },
      },
    ],
    edges: [edge('users', 'db')],
    scenario: { durationSec: 20, seed, events },
  };
}

describe('a database', () => {
  it('spreads reads over the replicas of a shard, but sends every write to the primary', () => {
    // 150 rps of 10 ms: 1.5 workers' worth. Spread over three single-worker instances each is half
    // busy; on the primary alone it is overloaded.
    const reads = run(database(150, 1)).summary.nodes.db;
    expect(reads.utilization).toBeGreaterThan(0.45);
    expect(reads.utilization).toBeLessThan(0.55);
    expect(reads.latencyMs.p50).toBeLessThan(20);

    const writes = run(database(150, 0)).summary.nodes.db;
    // Utilization is averaged over all three instances: the primary's 100% is a third of that.
    expect(writes.utilization).toBeGreaterThan(0.32);
    expect(writes.utilization).toBeLessThan(0.34);
    expect(writes.latencyMs.p50).toBeGreaterThan(1000); // the primary's queue grows 50 per second
  });

  it('fails writes as deadInstance for the failover time after losing its primary, then recovers', () => {
    // One of the three instances dies at 10.5 s. Which one is the chaos stream's draw: when it is the
    // primary, writes fail until the election 2 s later; otherwise writes never notice. Twelve seeds
    // cover both (the primary is hit with probability 1/3 each: all miss with probability 0.8%).
    let primaryLost = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const kill = { type: 'killInstances' as const, atSec: 10.5, target: 'db', count: 1 };
      const { summary, windows } = run(database(50, 0, [kill], seed));
      const failover = summary.eventsApplied.find((a) => a.type === 'failover');
      for (const w of windowsIn(windows, 0, 10)) expect(w.endToEnd.errors.total).toBe(0);
      for (const w of windowsIn(windows, 13, 20)) expect(w.endToEnd.errors.total).toBe(0);
      if (failover === undefined) {
        // A secondary died: at most the request it was serving (it takes no writes, so none).
        expect(summary.endToEnd.errors.total).toBe(0);
        continue;
      }
      primaryLost++;
      expect(failover.atSec).toBeCloseTo(12.5, 9);
      // 2 s of writes at 50 rps fail: Poisson with mean 100 (σ = 10), in windows 10, 11 and 12. With
      // up to 12 runs checked, allow 5σ.
      const errors = summary.endToEnd.errors;
      expect(errors.deadInstance).toBe(errors.total);
      expect(errors.deadInstance).toBeGreaterThan(50);
      expect(errors.deadInstance).toBeLessThan(150);
      for (const w of windowsIn(windows, 11, 12)) expect(w.endToEnd.completions).toBe(0);
    }
    expect(primaryLost).toBeGreaterThan(0);
    expect(primaryLost).toBeLessThan(12);
  });
});
