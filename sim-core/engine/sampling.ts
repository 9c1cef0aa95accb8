import type { SimulationOptions } from '../api.ts';
import type { Topology } from '../format/schema.ts';

/** Above this offered load (requests per simulated second) 'auto' sampling kicks in. */
export const SAMPLING_THRESHOLD_RPS = 100_000;

/**
 * Replica symmetry: identical replicas behind a random or round-robin balancer each see the same
 * arrival process, so simulating a fraction f of the replicas with a fraction f of the traffic gives
 * every replica the same load — per-replica and end-to-end statistics keep their distribution — at a
 * fraction of the cost. Counts are scaled back by 1/f. The factor is limited so that every service
 * keeps at least one replica (and every database one shard); caches keep their capacity, since an LRU's
 * hit ratio depends on the key distribution, not on the request rate.
 */
export function planSampling(
  topology: Topology,
  mode: NonNullable<SimulationOptions['sampling']>,
): { factor: number; reason: string } {
  if (mode === 'off') return { factor: 1, reason: '' };
  if (typeof mode === 'number') {
    if (!(mode > 0 && mode <= 1)) throw new RangeError(`sampling factor must be in (0, 1], got ${mode}`);
    return { factor: mode, reason: mode < 1 ? `sampling factor ${mode} requested` : '' };
  }
  const offered = offeredRps(topology);
  if (offered <= SAMPLING_THRESHOLD_RPS) return { factor: 1, reason: '' };
  let factor = SAMPLING_THRESHOLD_RPS / offered;
  let smallest = Number.POSITIVE_INFINITY;
  let smallestId = '';
  for (const n of topology.nodes) {
    const units =
      n.kind === 'service'
        ? n.params.replicas
        : n.kind === 'database'
          ? n.params.shards
          : Number.POSITIVE_INFINITY;
    if (units < smallest) {
      smallest = units;
      smallestId = n.id;
    }
  }
  let limitedBy = '';
  if (factor * smallest < 1) {
    factor = 1 / smallest;
    limitedBy = `; limited by "${smallestId}" (${smallest} replica${smallest === 1 ? '' : 's'}/shards)`;
  }
  if (factor > 0.5) return { factor: 1, reason: '' };
  const skewed = topology.nodes.some(
    (n) =>
      n.kind === 'loadBalancer' &&
      (n.params.policy === 'leastConnections' || n.params.policy === 'consistentHash'),
  );
  const reason =
    `offered load about ${Math.round(offered).toLocaleString('en-US')} rps: simulated 1/${Math.round(1 / factor)} of the replicas ` +
    `with 1/${Math.round(1 / factor)} of the traffic, counts scaled back${limitedBy}` +
    (skewed ? '; least-connections and consistent-hash balancing are approximated under sampling' : '');
  return { factor, reason };
}

/** Peak offered open-loop load: each client's highest rate times the largest traffic multiplier. */
function offeredRps(topology: Topology): number {
  let total = 0;
  for (const n of topology.nodes) {
    if (n.kind !== 'client' || n.params.arrival === 'closed') continue;
    let peak = n.params.rateRps ?? 0;
    for (const point of n.params.profile ?? []) peak = Math.max(peak, point.rps);
    let multiplier = 1;
    for (const ev of topology.scenario.events) {
      if (ev.type === 'trafficMultiplier' && (ev.target === 'all' || ev.target === n.id))
        multiplier *= Math.max(1, ev.factor);
    }
    total += peak * multiplier;
  }
  return total;
}
