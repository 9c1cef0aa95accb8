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

/**
 * What sets each node's instance count at its peak: its replicas, its autoscaler's maximum or the
 * largest `setReplicas` event aimed at it, whichever is largest. Built once per estimate, in one pass
 * over the nodes and one over the scenario, so a large estate with many events stays linear.
 */
class Peaks {
  private readonly count: Float64Array;
  private readonly path: string[];

  constructor(
    private readonly t: Topology,
    private readonly factor: number,
  ) {
    const index = new Map<string, number>();
    this.count = new Float64Array(t.nodes.length);
    this.path = t.nodes.map((n, i) => {
      index.set(n.id, i);
      if (n.kind !== 'service') return '';
      this.count[i] = n.params.replicas;
      const max = n.params.autoscale?.max;
      if (max === undefined || max <= n.params.replicas) return `nodes[${i}].params.replicas`;
      this.count[i] = max;
      return `nodes[${i}].params.autoscale.max`;
    });
    t.scenario.events.forEach((e, k) => {
      if (e.type !== 'setReplicas') return;
      const i = index.get(e.target);
      if (i === undefined || t.nodes[i].kind !== 'service' || !(e.replicas > this.count[i])) return;
      this.count[i] = e.replicas;
      this.path[i] = `scenario.events[${k}].replicas`;
    });
  }

  /** The largest replica count service `index` can reach, and the field that sets it (0 and '' otherwise). */
  replicas(index: number): { count: number; path: string } {
    return { count: this.count[index], path: this.path[index] };
  }

  /**
   * How many instances node `index` runs at its peak, after sampling: each keeps its own pools and
   * per-instance caches. A node that is not a service or database is one instance.
   */
  instances(index: number): number {
    const n = this.t.nodes[index];
    if (n.kind === 'service') return sampled(this.count[index], this.factor);
    if (n.kind === 'database') return sampled(n.params.shards, this.factor) * n.params.replicasPerShard;
    return 1;
  }
}

export function replicaMemory(t: Topology, graph: CallGraph, factor: number): Contribution[] {
  const out: Contribution[] = [];
  const peaks = new Peaks(t, factor);
  // What an instance slot of each node costs: the slot, and its own breaker on each per-instance edge.
  const slotBytes = new Float64Array(t.nodes.length).fill(BYTES.perReplica);
  t.edges.forEach((e, i) => {
    if (e.params.circuitBreaker?.scope === 'perInstance' && graph.edgeSource[i] >= 0)
      slotBytes[graph.edgeSource[i]] += BYTES.perInstanceBreaker;
  });
  const instances = new Float64Array(t.nodes.length);
  t.nodes.forEach((n, i) => {
    if (n.kind === 'service') {
      const peak = peaks.replicas(i);
      instances[i] = peaks.instances(i);
      out.push({
        kind: 'replicas',
        path: peak.path,
        value: peak.count,
        count: instances[i],
        amount: instances[i] * slotBytes[i],
        nodes: [n.id],
      });
    } else if (n.kind === 'database') {
      const { shards, replicasPerShard } = n.params;
      instances[i] = peaks.instances(i);
      const path = `nodes[${i}].params.${shards >= replicasPerShard ? 'shards' : 'replicasPerShard'}`;
      out.push({
        kind: 'replicas',
        path,
        value: Math.max(shards, replicasPerShard),
        count: instances[i],
        amount: instances[i] * slotBytes[i],
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
    const path = peaks.replicas(caller).path || `nodes[${caller}]`;
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
  const peaks = new Peaks(t, factor);
  t.nodes.forEach((n, i) => {
    if (n.kind !== 'cache' || n.params.capacity === undefined) return;
    const stores = n.params.scope === 'perInstance' ? cacheInstances(t, graph, i, peaks) : null;
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
    const peak = peaks.replicas(stores.caller);
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
  peaks: Peaks,
): { count: number; caller: number } {
  const instancesOf = (v: number): number => {
    if (t.nodes[v].kind !== 'pool') return peaks.instances(v);
    let most = 1;
    for (const e of graph.into[v]) most = Math.max(most, peaks.instances(graph.edgeSource[e]));
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
