import type { SimulationOptions } from '../api.ts';
import type { Topology, TopologyNode } from '../format/schema.ts';
import { message } from '../messages/formatMessage.ts';
import type { Message } from '../messages/Message.ts';
import { coefficientOfVariation, Sampler } from '../random/Sampler.ts';

/** Above this offered load (requests per simulated second) 'auto' sampling kicks in. */
export const SAMPLING_THRESHOLD_RPS = 100_000;

/** At most this many nodes are named one by one in the notices; the rest are counted. */
export const SAMPLED_NODES_LISTED = 20;

/** What sampling does to a run: `factor` = kept ÷ of, 1 when nothing is sampled. */
export interface SamplingPlan {
  factor: number;
  /** The factor as a fraction in lowest terms: `kept` of every `of` replicas (and of the traffic). */
  kept: number;
  of: number;
  /** What was sampled and what could not be sampled exactly, and why (`sampling.*` codes). */
  notices: Message[];
}

const NONE: SamplingPlan = { factor: 1, kept: 1, of: 1, notices: [] };

/**
 * Replica symmetry: identical replicas behind a random choice each see a Poisson share of the
 * traffic, so simulating `kept` of every `of` replicas with `kept`/`of` of the traffic gives every
 * simulated replica exactly the load of a real one, and per-replica and end-to-end statistics keep
 * their distribution at a fraction of the cost. Counts are scaled back by `of`/`kept`.
 *
 * The factor is exact: `of` divides every count that scales (each service's replicas, each database's
 * shards, each closed client's users, the counts in the scenario's events), so every tier keeps a whole
 * number of replicas carrying the same load each. Where no such factor is small enough, nothing is
 * sampled and a notice says why. What sampling cannot make exact (policies and mechanisms whose
 * behaviour depends on the fleet's size or the request rate) is run sampled and named in a notice.
 * Per-replica things are kept as they are: concurrency, waiting rooms, per-replica rate limits, pool
 * sizes (per caller instance), cache capacities, circuit breakers' settings, and a balancer's
 * token-bucket burst (only its rate scales: a bucket's rejected share depends on rate ÷ arrival rate
 * and the burst).
 *
 * Throws a RangeError for a forced factor outside (0, 1].
 */
export function planSampling(
  topology: Topology,
  mode: NonNullable<SimulationOptions['sampling']>,
): SamplingPlan {
  if (mode === 'off') return NONE;
  if (typeof mode === 'number' && !(mode > 0 && mode <= 1))
    throw new RangeError(`sampling factor must be in (0, 1], got ${mode}`);
  if (mode === 1) return NONE;
  const offeredRps = offeredLoadRps(topology);
  if (mode === 'auto' && offeredRps <= SAMPLING_THRESHOLD_RPS) return NONE;
  const wanted = mode === 'auto' ? SAMPLING_THRESHOLD_RPS / offeredRps : mode;
  const counts = scaledCounts(topology);
  const divisor = counts.reduce((g, c) => gcd(g, c.count), 0);
  // The smallest exact factor at least the one wanted: a whole number of 1/divisor steps. With no
  // count to keep whole (no service, database or closed client), any factor is exact.
  let kept: number;
  let of: number;
  if (divisor === 0) {
    of = Math.max(1, Math.floor(1 / wanted + 1e-9));
    kept = 1;
  } else {
    kept = Math.max(1, Math.ceil(wanted * divisor - 1e-9));
    of = divisor;
    const common = gcd(kept, of);
    kept /= common;
    of /= common;
  }
  const factor = kept / of;
  if (mode === 'auto' ? factor > 0.5 : factor >= 1) {
    // Sampling would not halve the work. Say so when that is the counts' doing, not the load's.
    if (mode !== 'auto' || wanted <= 0.5) return { ...NONE, notices: [notExact(counts, offeredRps, mode)] };
    return NONE;
  }
  const notices: Message[] = [
    mode === 'auto'
      ? message('sampling.applied', {
          offeredRps: Math.round(offeredRps),
          thresholdRps: SAMPLING_THRESHOLD_RPS,
          kept,
          of,
          factor,
        })
      : message('sampling.forced', { requested: mode, kept, of, factor }),
  ];
  const tiers = counts.filter((c) => c.tier);
  for (const c of tiers.slice(0, SAMPLED_NODES_LISTED))
    notices.push(
      message(c.unit === 'shards' ? 'sampling.shards' : 'sampling.replicas', {
        node: c.id,
        kept: (c.count / of) * kept,
        total: c.count,
      }),
    );
  if (tiers.length > SAMPLED_NODES_LISTED)
    notices.push(message('sampling.moreNodes', { count: tiers.length - SAMPLED_NODES_LISTED }));
  notices.push(...approximations(topology, factor));
  return { factor, kept, of, notices };
}

/** A count that must stay whole under sampling: a tier's size, a closed loop's users, an event's count. */
interface ScaledCount {
  id: string;
  count: number;
  unit: 'replicas' | 'shards' | 'users' | 'event';
  /** A tier of the fleet (a service's replicas, a database's shards), listed in the notices. */
  tier: boolean;
}

function scaledCounts(topology: Topology): ScaledCount[] {
  const out: ScaledCount[] = [];
  for (const n of topology.nodes) {
    if (n.kind === 'service') out.push({ id: n.id, count: n.params.replicas, unit: 'replicas', tier: true });
    else if (n.kind === 'database')
      out.push({ id: n.id, count: n.params.shards, unit: 'shards', tier: true });
    else if (n.kind === 'client' && n.params.arrival === 'closed' && n.params.users !== undefined)
      out.push({ id: n.id, count: n.params.users, unit: 'users', tier: false });
  }
  for (const ev of topology.scenario.events) {
    if (ev.type === 'killInstances' || ev.type === 'restoreInstances') {
      if (ev.count !== undefined) out.push({ id: ev.target, count: ev.count, unit: 'event', tier: false });
    } else if (ev.type === 'setReplicas') {
      out.push({ id: ev.target, count: ev.replicas, unit: 'event', tier: false });
    } else if (ev.type === 'rollingRestart') {
      out.push({ id: ev.target, count: ev.batch, unit: 'event', tier: false });
    }
  }
  return out;
}

/**
 * Why no exact factor at most 1/2 exists: the counts that must stay whole have too small a common
 * divisor. Names the smallest of them (they bound the divisor most).
 */
function notExact(counts: ScaledCount[], offeredRps: number, mode: number | 'auto'): Message {
  const divisor = counts.reduce((g, c) => gcd(g, c.count), 0);
  const smallest = [...counts].sort((a, b) => a.count - b.count || (a.id < b.id ? -1 : 1)).slice(0, 4);
  const params = {
    divisor,
    nodes: smallest.map((c) => c.id),
    counts: smallest.map((c) => c.count),
  };
  return mode === 'auto'
    ? message('sampling.notExact', {
        ...params,
        offeredRps: Math.round(offeredRps),
        thresholdRps: SAMPLING_THRESHOLD_RPS,
      })
    : message('sampling.forcedNotExact', { ...params, requested: mode });
}

/** Balancer policies whose choice depends on how many replicas there are, or on what each holds. */
const FLEET_POLICIES = new Set(['roundRobin', 'leastConnections', 'powerOfTwo', 'consistentHash']);

/** The mechanisms of a sampled run whose behaviour depends on the fleet's size or the request rate. */
function approximations(topology: Topology, factor: number): Message[] {
  const out: Message[] = [];
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const sampledTier = (id: string) => {
    const n = byId.get(id);
    return n?.kind === 'service' || n?.kind === 'database';
  };
  const keyed = topology.nodes.some((n) => n.kind === 'client' && n.params.keys !== undefined);
  const callers = new Map<string, TopologyNode[]>();
  for (const x of topology.edges) {
    const source = byId.get(x.source);
    if (source) callers.set(x.target, [...(callers.get(x.target) ?? []), source]);
  }
  for (const n of topology.nodes) {
    switch (n.kind) {
      case 'loadBalancer':
        if (
          FLEET_POLICIES.has(n.params.policy) &&
          topology.edges.some((x) => x.source === n.id && sampledTier(x.target))
        )
          out.push(message('sampling.approx.policy', { node: n.id, policy: n.params.policy }));
        break;
      case 'cache': {
        // A per-instance cache called only by services and databases belongs to each sampled replica,
        // which sees a real replica's rate: its TTL and its coalescing behave as in the real fleet.
        const ownInstances =
          n.params.scope === 'perInstance' &&
          (callers.get(n.id) ?? []).every((c) => c.kind === 'service' || c.kind === 'database');
        if (ownInstances) break;
        if ((n.params.ttlSec ?? 0) > 0)
          out.push(message('sampling.approx.cacheTtl', { node: n.id, ttlSec: n.params.ttlSec ?? 0 }));
        if (n.params.coalesceMisses) out.push(message('sampling.approx.coalesce', { node: n.id }));
        break;
      }
      case 'queue':
        out.push(message('sampling.approx.queue', { node: n.id }));
        break;
      case 'pool':
        // A pool belongs to each instance of a calling service; called from anything else it is one
        // pool shared by all the traffic, which sampling thins.
        if ((callers.get(n.id) ?? []).some((c) => c.kind !== 'service' && c.kind !== 'database'))
          out.push(message('sampling.approx.sharedPool', { node: n.id }));
        break;
      case 'service':
        if (n.params.autoscale) out.push(message('sampling.approx.autoscale', { node: n.id }));
        break;
      case 'database':
        if (keyed && n.params.shards * factor > 1)
          out.push(message('sampling.approx.keyedShards', { node: n.id }));
        break;
      case 'client':
        break;
      default: {
        const other: { id: string; kind: string } = n;
        out.push(message('sampling.approx.kind', { node: other.id, kind: other.kind }));
      }
    }
  }
  for (const x of topology.edges) {
    const breaker = x.params.circuitBreaker;
    // A per-instance breaker of a service or database belongs to each sampled replica, which makes a
    // real replica's calls: it opens and probes as in the real fleet. Any other breaker counts traffic
    // that sampling thins, but its minRequests and its one probe per openSec stay as they are.
    if (breaker === undefined || (breaker.scope === 'perInstance' && sampledTier(x.source))) continue;
    out.push(message('sampling.approx.breaker', { edge: x.id }));
  }
  out.push(...callShapes(topology, byId));
  topology.scenario.events.forEach((ev, index) => {
    if (ev.type !== 'killInstances' || ev.fraction === undefined) return;
    const n = byId.get(ev.target);
    const size = n?.kind === 'service' ? n.params.replicas : n?.kind === 'database' ? n.params.shards : 0;
    const sampled = ev.fraction * size * factor;
    if (Math.abs(sampled - Math.round(sampled)) > 1e-9)
      out.push(
        message('sampling.approx.fraction', { event: index, target: ev.target, fraction: ev.fraction }),
      );
  });
  return out;
}

/** Nodes a call passes on its way to a tier without leaving its timing to a queue of their own. */
const PASS_THROUGH = new Set(['loadBalancer', 'pool', 'cache']);

/**
 * Callers whose calls are not a Poisson stream, into sampled tiers. A service's calls leave when its
 * work ends, so they are spaced like its service times; a constant client's like its arrivals. Thinned
 * among a tier's replicas, such a stream comes nearer to Poisson the more replicas share it: sampled,
 * each kept replica takes a larger share of it, so it stays more even (and the replica queues less
 * than a real one) or more bursty (and it queues more). Exponential service times leave in a Poisson
 * stream at any split.
 */
function callShapes(topology: Topology, byId: Map<string, TopologyNode>): Message[] {
  const outgoing = new Map<string, string[]>();
  for (const x of topology.edges) {
    const targets = outgoing.get(x.source);
    if (targets) targets.push(x.target);
    else outgoing.set(x.source, [x.target]);
  }
  const tiersCalledBy = (from: string) => {
    const tiers: string[] = [];
    const seen = new Set([from]);
    const stack = [from];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      for (const target of outgoing.get(id) ?? []) {
        const t = byId.get(target);
        if (t === undefined || seen.has(target)) continue;
        seen.add(target);
        if (t.kind === 'service' || t.kind === 'database') tiers.push(target);
        else if (PASS_THROUGH.has(t.kind)) stack.push(target);
      }
    }
    return tiers;
  };
  const out: Message[] = [];
  for (const n of topology.nodes) {
    if (n.kind === 'client') {
      if (n.params.arrival !== 'constant') continue;
      const targets = tiersCalledBy(n.id);
      if (targets.length > 0) out.push(message('sampling.approx.constantArrivals', { node: n.id, targets }));
      continue;
    }
    if (n.kind !== 'service' && n.kind !== 'database') continue;
    const work = n.params.serviceTimeMs;
    const cv = coefficientOfVariation(work);
    if (Sampler.of(work).mean <= 0 || Math.abs(cv - 1) < 1e-9) continue;
    const targets = tiersCalledBy(n.id);
    if (targets.length === 0) continue;
    const params = { node: n.id, cv: Math.round(cv * 100) / 100, targets };
    out.push(message(cv < 1 ? 'sampling.approx.evenCalls' : 'sampling.approx.burstyCalls', params));
  }
  return out;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Peak offered open-loop load: each client's highest rate times the largest traffic multiplier. */
export function offeredLoadRps(topology: Topology): number {
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
