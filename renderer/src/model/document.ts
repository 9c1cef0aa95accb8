import { NODE_KINDS, type NodeKind, type TopologyInput } from '../../../sim-core/format/schema.ts';

/** The editor's document: exactly the file format (defaults may be left out). */
export type Doc = TopologyInput;
export type DocNode = Doc['nodes'][number];
export type DocEdge = NonNullable<Doc['edges']>[number];
export type DocRegion = NonNullable<Doc['regions']>[number];

/** The palette offers every node kind, in the file format's order. */
export const PALETTE_KINDS = NODE_KINDS;
export type PaletteKind = NodeKind | 'region';

/** Parameters a new node of each kind starts with: a small, working system. */
export function defaultParams(kind: NodeKind): DocNode['params'] {
  switch (kind) {
    case 'client':
      return { arrival: 'poisson', rateRps: 200, timeoutMs: 5000 };
    case 'loadBalancer':
      return {
        policy: 'roundRobin',
        healthCheckIntervalSec: 5,
        overheadMs: { dist: 'constant', value: 0.5 },
      };
    case 'service':
      return { replicas: 2, concurrency: 4, serviceTimeMs: { dist: 'lognormal', p50: 8, p99: 40 } };
    case 'pool':
      return { maxConnections: 50, acquireTimeoutMs: 1000 };
    case 'cache':
      return { hitRatio: 0.9, hitLatencyMs: { dist: 'constant', value: 1 } };
    case 'queue':
      return { ackLatencyMs: { dist: 'constant', value: 2 }, maxRetries: 3, retryDelayMs: 3000 };
    case 'database':
      return {
        shards: 1,
        replicasPerShard: 2,
        readRatio: 0.8,
        concurrency: 16,
        serviceTimeMs: { dist: 'lognormal', p50: 3, p99: 25 },
      };
  }
}

export function emptyDoc(): Doc {
  return {
    format: 'archsim.topology',
    version: 1,
    // No name: the inspector shows "Untitled" in the UI language until the user gives one.
    regions: [],
    regionLatencyMs: [],
    nodes: [],
    edges: [],
    scenario: { durationSec: 120, warmupSec: 10, seed: 1, events: [] },
  };
}

/** A fresh id like `service-3` that no node, edge or region uses yet. */
export function freshId(doc: Doc, prefix: string): string {
  const taken = new Set<string>([
    ...doc.nodes.map((n) => n.id),
    ...(doc.edges ?? []).map((e) => e.id),
    ...(doc.regions ?? []).map((r) => r.id),
  ]);
  for (let i = 1; ; i++) {
    const id = `${prefix}-${i}`;
    if (!taken.has(id)) return id;
  }
}

export { textOf } from '../../../sim-core/messages/textOf.ts';
