import type { TopologyInput } from '../format/schema.ts';

/**
 * A 20-node microservice topology for the benchmark: a gateway in front of a fan-out of services, a
 * pool, a cache over a database and a queue with consumers — every node kind on the hot path.
 */
export function microservices(durationSec: number): TopologyInput {
  const svc = (id: string, replicas: number, meanMs: number) => ({
    id,
    kind: 'service' as const,
    params: { replicas, concurrency: 4, serviceTimeMs: { dist: 'exponential' as const, mean: meanMs } },
  });
  const call = (id: string, source: string, target: string, stage = 0) => ({
    id,
    source,
    target,
    params: {
      stage,
      latencyMs: { dist: 'constant' as const, value: 0.5 },
      timeoutMs: 1000,
      retries: { max: 1, backoffMs: 5 },
    },
  });
  return {
    format: 'archsim.topology',
    version: 1,
    name: 'benchmark: 20-node microservices',
    nodes: [
      {
        id: 'users',
        kind: 'client',
        params: { arrival: 'poisson', rateRps: 2000, timeoutMs: 2000, keys: { count: 100000, zipfS: 0.9 } },
      },
      {
        id: 'gateway',
        kind: 'loadBalancer',
        params: { policy: 'roundRobin', overheadMs: { dist: 'constant', value: 0.2 } },
      },
      svc('api', 8, 1),
      svc('auth', 4, 0.5),
      svc('orders', 6, 2),
      svc('inventory', 4, 1),
      svc('pricing', 4, 1),
      svc('payments', 4, 3),
      svc('shipping', 4, 2),
      svc('users-svc', 4, 1),
      svc('search', 4, 2),
      svc('reco', 4, 3),
      svc('notify', 4, 1),
      svc('audit', 2, 0.5),
      { id: 'pool', kind: 'pool', params: { maxConnections: 50 } },
      {
        id: 'cache',
        kind: 'cache',
        params: { capacity: 20000, ttlSec: 30, hitLatencyMs: { dist: 'constant', value: 0.3 } },
      },
      {
        id: 'db',
        kind: 'database',
        params: {
          shards: 4,
          replicasPerShard: 2,
          readRatio: 0.8,
          concurrency: 8,
          serviceTimeMs: { dist: 'lognormal', p50: 2, p99: 15 },
        },
      },
      { id: 'events', kind: 'queue', params: { ackLatencyMs: { dist: 'constant', value: 0.5 } } },
      svc('worker', 4, 2),
      svc('ledger', 2, 1),
    ],
    edges: [
      { id: 'e-users', source: 'users', target: 'gateway' },
      { id: 'e-gw', source: 'gateway', target: 'api' },
      call('e-auth', 'api', 'auth', 0),
      call('e-orders', 'api', 'orders', 1),
      call('e-search', 'api', 'search', 1),
      call('e-inv', 'orders', 'inventory', 0),
      call('e-price', 'orders', 'pricing', 0),
      call('e-pay', 'orders', 'payments', 1),
      call('e-ship', 'orders', 'shipping', 2),
      call('e-users-svc', 'auth', 'users-svc', 0),
      call('e-reco', 'search', 'reco', 0),
      call('e-notify', 'shipping', 'notify', 0),
      call('e-audit', 'payments', 'audit', 0),
      call('e-pool', 'inventory', 'pool', 0),
      call('e-pool-db', 'pool', 'cache', 0),
      call('e-cache-db', 'cache', 'db', 0),
      call('e-ledger', 'payments', 'ledger', 0),
      call('e-events', 'notify', 'events', 0),
      { id: 'e-worker', source: 'events', target: 'worker' },
    ],
    scenario: { durationSec, warmupSec: 5, seed: 7 },
  };
}
