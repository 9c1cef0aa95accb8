import type { TopologyInput } from '../format/schema.ts';

/**
 * A generated service estate of `services` services, for the benchmark and the memory tests: what a
 * large company's back end looks like (thousands of services, each owned by a team, calling a few
 * others), at a realistic size per request.
 *
 * Shape: users → a gateway → one of the entry services (2% of them), then layer by layer down to the
 * data tier. Each service calls one service of the next layer, and a second with probability 1/2, so a
 * request visits about 15–25 services whatever the estate's size, and every service sees traffic.
 * The bottom layer's services read from one of the caches (each in front of a database) and write
 * through their pool. Replicas, service times and latencies vary by service, deterministically: the
 * same `services` always gives the same document.
 */
export function estate(services: number, durationSec: number, rateRps = 5000): TopologyInput {
  const random = lcg(services);
  const layers = 6;
  const entry = Math.max(1, Math.round(services * 0.02));
  const perLayer = Math.max(1, Math.ceil((services - entry) / (layers - 1)));
  const layerOf = (i: number) => (i < entry ? 0 : 1 + Math.floor((i - entry) / perLayer));
  const stores = Math.max(1, Math.round(services / 200));
  type Node = TopologyInput['nodes'][number];
  type Edge = NonNullable<TopologyInput['edges']>[number];
  const nodes: Node[] = [
    {
      id: 'users',
      kind: 'client',
      params: { rateRps, timeoutMs: 5000, keys: { count: 1_000_000, zipfS: 0.8 } },
    },
    { id: 'gateway', kind: 'loadBalancer', params: { policy: 'roundRobin' } },
  ];
  const edges: Edge[] = [{ id: 'users-gateway', source: 'users', target: 'gateway' }];
  const name = (i: number) => `svc-${i}`;
  const inLayer: number[][] = Array.from({ length: layers }, () => []);
  for (let i = 0; i < services; i++) inLayer[Math.min(layers - 1, layerOf(i))].push(i);
  for (let i = 0; i < services; i++) {
    nodes.push({
      id: name(i),
      kind: 'service',
      params: {
        replicas: 2 + Math.floor(random() * 3),
        concurrency: 8,
        serviceTimeMs: { dist: 'exponential', mean: 0.5 + random() * 2 },
      },
    });
  }
  for (let s = 0; s < stores; s++) {
    nodes.push(
      {
        id: `cache-${s}`,
        kind: 'cache',
        params: { hitRatio: 0.9, hitLatencyMs: { dist: 'constant', value: 0.2 } },
      },
      {
        id: `db-${s}`,
        kind: 'database',
        params: {
          shards: 4,
          replicasPerShard: 2,
          concurrency: 16,
          serviceTimeMs: { dist: 'lognormal', p50: 2, p99: 20 },
        },
      },
      { id: `pool-${s}`, kind: 'pool', params: { maxConnections: 20 } },
    );
    edges.push(
      { id: `cache-${s}-db`, source: `cache-${s}`, target: `db-${s}` },
      { id: `pool-${s}-db`, source: `pool-${s}`, target: `db-${s}` },
    );
  }
  const hop = (latencyMs: number) => ({
    latencyMs: { dist: 'constant' as const, value: latencyMs },
    timeoutMs: 1000,
  });
  for (const i of inLayer[0]) edges.push({ id: `gateway-${name(i)}`, source: 'gateway', target: name(i) });
  for (let layer = 0; layer < layers; layer++) {
    for (const i of inLayer[layer]) {
      if (layer === layers - 1 || inLayer[layer + 1].length === 0) {
        const s = Math.floor(random() * stores);
        edges.push(
          { id: `${name(i)}-read`, source: name(i), target: `cache-${s}`, params: hop(0.3) },
          {
            id: `${name(i)}-write`,
            source: name(i),
            target: `pool-${s}`,
            params: { ...hop(0.3), probability: 0.2 },
          },
        );
        continue;
      }
      const next = inLayer[layer + 1];
      const first = next[Math.floor(random() * next.length)];
      edges.push({ id: `${name(i)}-a`, source: name(i), target: name(first), params: hop(0.2 + random()) });
      const second = next[Math.floor(random() * next.length)];
      if (second !== first)
        edges.push({
          id: `${name(i)}-b`,
          source: name(i),
          target: name(second),
          params: { ...hop(0.2 + random()), probability: 0.5 },
        });
    }
  }
  return {
    format: 'archsim.topology',
    version: 1,
    name: `benchmark: an estate of ${services} services`,
    nodes,
    edges,
    scenario: { durationSec, warmupSec: Math.min(5, durationSec / 10), seed: 11 },
  };
}

/** A small deterministic generator (a 32-bit LCG): the same estate for the same size, on every machine. */
function lcg(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
}
