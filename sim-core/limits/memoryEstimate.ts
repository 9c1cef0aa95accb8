import type { Topology } from '../format/schema.ts';
import type { CallGraph } from './callGraph.ts';
import { type ClientTraffic, loadField, times } from './clientTraffic.ts';
import { BYTES, TABLE_GROWTH, TAIL_BUCKETS } from './costs.ts';
import type { Contribution } from './estimate.ts';

/*
 * The memory shares of a run estimate (estimate.ts): metric scopes, replica and shard slots, pool and
 * cache instances, cache entries, metric windows kept, and requests in flight.
 */

export function scopeMemory(t: Topology): Contribution[] {
  const hops = t.nodes.length + t.edges.length;
  const clients = t.nodes.filter((n) => n.kind === 'client');
  const classes = new Set(
    clients.flatMap((c) => (c.kind === 'client' ? (c.params.classes ?? []) : [])).map((k) => k.id),
  );
  const perHop = BYTES.perScope + TAIL_BUCKETS * BYTES.perTailBucketHop;
  const extraScopes = 1 + classes.size + (clients.length > 1 ? clients.length : 0);
  return [
    {
      kind: 'nodes',
      path: 'nodes',
      value: t.nodes.length,
      count: hops,
      amount: hops * perHop + extraScopes * BYTES.perExtraScope,
      nodes: [],
    },
  ];
}

/** A replica count after sampling, as `compile` makes it. */
const sampled = (count: number, factor: number) => Math.max(1, Math.round(count * factor));

/** The largest replica count a service can reach, and the field that sets it. */
function peakReplicas(t: Topology, index: number): { count: number; path: string } {
  const n = t.nodes[index];
  if (n.kind !== 'service') return { count: 0, path: '' };
  let best = { count: n.params.replicas, path: `nodes[${index}].params.replicas` };
  const max = n.params.autoscale?.max;
  if (max !== undefined && max > best.count)
    best = { count: max, path: `nodes[${index}].params.autoscale.max` };
  t.scenario.events.forEach((e, i) => {
    if (e.type === 'setReplicas' && e.target === n.id && e.replicas > best.count)
      best = { count: e.replicas, path: `scenario.events[${i}].replicas` };
  });
  return best;
}

/**
 * How many instances node `index` runs at its peak, after sampling: each keeps its own pools and
 * per-instance caches. A node that is not a service or database is one instance.
 */
function peakInstances(t: Topology, index: number, factor: number): number {
  const n = t.nodes[index];
  if (n.kind === 'service') return sampled(peakReplicas(t, index).count, factor);
  if (n.kind === 'database') return sampled(n.params.shards, factor) * n.params.replicasPerShard;
  return 1;
}

/** What an instance slot of node `n` costs: the slot, and its own breaker on each per-instance edge. */
function slotBytes(t: Topology, n: Topology['nodes'][number]): number {
  let breakers = 0;
  for (const e of t.edges)
    if (e.source === n.id && e.params.circuitBreaker?.scope === 'perInstance') breakers++;
  return BYTES.perReplica + breakers * BYTES.perInstanceBreaker;
}

export function replicaMemory(t: Topology, graph: CallGraph, factor: number): Contribution[] {
  const out: Contribution[] = [];
  const instances = new Float64Array(t.nodes.length);
  t.nodes.forEach((n, i) => {
    if (n.kind === 'service') {
      const peak = peakReplicas(t, i);
      instances[i] = peakInstances(t, i, factor);
      out.push({
        kind: 'replicas',
        path: peak.path,
        value: peak.count,
        count: instances[i],
        amount: instances[i] * slotBytes(t, n),
        nodes: [n.id],
      });
    } else if (n.kind === 'database') {
      const { shards, replicasPerShard } = n.params;
      instances[i] = peakInstances(t, i, factor);
      const path = `nodes[${i}].params.${shards >= replicasPerShard ? 'shards' : 'replicasPerShard'}`;
      out.push({
        kind: 'replicas',
        path,
        value: Math.max(shards, replicasPerShard),
        count: instances[i],
        amount: instances[i] * slotBytes(t, n),
        nodes: [n.id],
      });
    }
  });
  // A pool keeps a connection count and a waiting queue per instance of each caller.
  t.nodes.forEach((n, i) => {
    if (n.kind !== 'pool') return;
    let caller = -1;
    for (const e of graph.into[i])
      if (caller < 0 || instances[graph.edgeSource[e]] > instances[caller]) caller = graph.edgeSource[e];
    if (caller < 0 || instances[caller] <= 1) return;
    const path = peakReplicas(t, caller).path || `nodes[${caller}]`;
    out.push({
      kind: 'poolInstances',
      path,
      value: instances[caller],
      count: instances[caller],
      amount: instances[caller] * BYTES.perPoolInstance,
      nodes: [n.id, t.nodes[caller].id],
    });
  });
  return out;
}

export function cacheMemory(
  t: Topology,
  graph: CallGraph,
  traffic: ClientTraffic[],
  factor: number,
): Contribution[] {
  // Without a key space a client sends a new key with every request.
  let keys = 0;
  for (const c of traffic) keys += c.keyCount;
  const arrivals = graph.flows(traffic.map((c) => c.requests));
  const out: Contribution[] = [];
  t.nodes.forEach((n, i) => {
    if (n.kind !== 'cache' || n.params.capacity === undefined) return;
    const stores = n.params.scope === 'perInstance' ? cacheInstances(t, graph, i, factor) : null;
    // Each store holds at most the capacity and the key space; all of them, at most what reaches them.
    const copies = stores === null ? 1 : Math.min(stores.count, Math.max(1, arrivals[i]));
    const entries = Math.min(copies * n.params.capacity, copies * keys, arrivals[i]);
    out.push({
      kind: 'cacheEntries',
      path: `nodes[${i}].params.capacity`,
      value: n.params.capacity,
      count: entries,
      amount: entries * BYTES.perCacheEntry,
      nodes: [n.id],
    });
    if (stores === null || stores.count <= 1) return;
    const caller = t.nodes[stores.caller];
    const peak = peakReplicas(t, stores.caller);
    out.push({
      kind: 'cacheInstances',
      path: peak.path || `nodes[${stores.caller}]`,
      value: peak.path ? peak.count : Number.NaN,
      count: copies,
      amount: copies * BYTES.perCacheInstance,
      nodes: [n.id, caller.id],
    });
  });
  return out;
}

/**
 * The stores of per-instance cache `cache`: one per instance of each caller (a pool's instances are
 * its callers'), and the caller with the most instances.
 */
function cacheInstances(
  t: Topology,
  graph: CallGraph,
  cache: number,
  factor: number,
): { count: number; caller: number } {
  const instancesOf = (v: number): number => {
    if (t.nodes[v].kind !== 'pool') return peakInstances(t, v, factor);
    let most = 1;
    for (const e of graph.into[v]) most = Math.max(most, peakInstances(t, graph.edgeSource[e], factor));
    return most;
  };
  const callers = new Set(graph.into[cache].map((e) => graph.edgeSource[e]));
  let count = 0;
  let caller = -1;
  for (const v of callers) {
    count += instancesOf(v);
    if (caller < 0 || instancesOf(v) > instancesOf(caller)) caller = v;
  }
  return { count: Math.max(1, count), caller: Math.max(0, caller) };
}

/** Windows closed in a run of `durationSec` (one more where the warm-up ends inside a window). */
export function windowCount(t: Topology, durationSec: number): number {
  return Math.ceil(durationSec / t.scenario.windowSec) + (t.scenario.warmupSec > 0 ? 1 : 0);
}

export function windowMemory(t: Topology, durationSec: number): Contribution {
  const clients = t.nodes.filter((n) => n.kind === 'client').length;
  const classes = new Set(
    t.nodes.flatMap((n) => (n.kind === 'client' ? (n.params.classes ?? []).map((k) => k.id) : [])),
  ).size;
  const rows = 1 + clients + classes + t.nodes.length + t.edges.length;
  const windows = windowCount(t, durationSec);
  const { windowSec } = t.scenario;
  // Many windows come from a short window or from a long run: name the one that is unusual.
  const short = windowSec < 1;
  return {
    kind: 'windows',
    path: short ? 'scenario.windowSec' : 'scenario.durationSec',
    value: short ? windowSec : durationSec,
    count: windows,
    amount: windows * (BYTES.perWindow + rows * BYTES.perWindowRow),
    nodes: [],
  };
}

export function requestMemory(t: Topology, graph: CallGraph, traffic: ClientTraffic[]): Contribution[] {
  const out: Contribution[] = [];
  const root = BYTES.perJob + BYTES.perHeapEntry;
  for (const c of traffic) {
    const perRequest = root + graph.records[c.index];
    const load = loadField(t, c);
    out.push({
      kind: 'inFlight',
      path: load.path,
      value: load.value,
      count: c.peakInFlight,
      amount: times(c.peakInFlight, perRequest * TABLE_GROWTH),
      nodes: [t.nodes[c.index].id],
    });
    const worst = root + graph.worstRecords[c.index];
    const fan = graph.largestCount;
    if (fan >= 0 && t.edges[fan].params.count > 1) {
      out.push({
        kind: 'fanOut',
        path: `edges[${fan}].params.count`,
        value: t.edges[fan].params.count,
        amount: worst * TABLE_GROWTH,
        nodes: [t.nodes[c.index].id],
      });
    }
  }
  return out;
}
