import type { TopologyInput } from '../format/schema.ts';

/**
 * An API gateway in front of a whole estate, for the benchmark: users → one load balancer with an edge
 * to every one of `services` services (weights 1 to 4), each service calling one of the shared
 * databases. What it measures is the gateway's choice among thousands of routes, and windows closing
 * over tens of thousands of mostly idle scopes; the requests themselves are two hops deep.
 */
export function gateway(services: number, durationSec: number, rateRps = 5000): TopologyInput {
  const databases = Math.max(1, Math.round(services / 500));
  type Node = TopologyInput['nodes'][number];
  type Edge = NonNullable<TopologyInput['edges']>[number];
  const nodes: Node[] = [
    { id: 'users', kind: 'client', params: { rateRps, timeoutMs: 2000 } },
    { id: 'gateway', kind: 'loadBalancer', params: { policy: 'roundRobin' } },
  ];
  const edges: Edge[] = [{ id: 'users-gateway', source: 'users', target: 'gateway' }];
  for (let d = 0; d < databases; d++)
    nodes.push({
      id: `db-${d}`,
      kind: 'database',
      params: { concurrency: 64, serviceTimeMs: { dist: 'exponential', mean: 0.5 } },
    });
  for (let i = 0; i < services; i++) {
    nodes.push({
      id: `svc-${i}`,
      kind: 'service',
      params: { replicas: 2, concurrency: 4, serviceTimeMs: { dist: 'exponential', mean: 1 } },
    });
    edges.push(
      { id: `gateway-svc-${i}`, source: 'gateway', target: `svc-${i}`, params: { weight: 1 + (i % 4) } },
      { id: `svc-${i}-db`, source: `svc-${i}`, target: `db-${i % databases}` },
    );
  }
  return {
    format: 'archsim.topology',
    version: 1,
    name: `benchmark: a gateway routing to ${services} services`,
    nodes,
    edges,
    scenario: { durationSec, warmupSec: Math.min(5, durationSec / 10), seed: 17 },
  };
}
