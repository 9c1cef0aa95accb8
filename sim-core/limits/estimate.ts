import type { ScenarioEvent, Topology } from '../format/schema.ts';
import { Sampler } from '../random/Sampler.ts';
import { type CallGraph, callGraph } from './callGraph.ts';
import { BYTES, EVENTS, TABLE_GROWTH, TAIL_BUCKETS } from './costs.ts';

/** What a share of an estimate is made of; the words of a budget message depend on it. */
export type ContributionKind =
  | 'nodes'
  | 'replicas'
  | 'poolInstances'
  | 'cacheEntries'
  | 'cacheInstances'
  | 'windows'
  | 'inFlight'
  | 'fanOut'
  | 'requests'
  | 'healthChecks'
  | 'autoscale';

/**
 * Why a run would never end, whatever its budget: a closed loop of users whose requests take no time
 * (`zeroTime`, at the client's think time), or a queue that feeds itself one or more messages per
 * message (`loop`, at the queue). `nodes`: where the loop turns.
 */
export interface NeverEnds {
  kind: 'zeroTime' | 'loop';
  path: string;
  nodes: readonly string[];
}

/** One share of an estimate: what it is, the document field behind it, and its amount. */
export interface Contribution {
  kind: ContributionKind;
  /** The field that drives it (`nodes[4].params.replicas`), or the list (`nodes`). */
  path: string;
  /**
   * The field's value (a count, a rate, seconds); for `nodes` the number of nodes and edges; NaN where
   * the field is a node (a loop's queue) or absent (a think time not given).
   */
  value: number;
  /** Bytes (memory) or events (work). */
  amount: number;
  /** The nodes it concerns. */
  nodes: readonly string[];
  /** How many of the thing: replica slots, cache entries, windows, requests in flight. */
  count?: number;
  /** For client traffic: requests over the run (after sampling) and events per request. */
  requests?: number;
  eventsPerRequest?: number;
}

export interface RunEstimate {
  memoryBytes: number;
  events: number;
  /**
   * The longest chain of synchronous calls: its length in hops, where it starts (`nodes[3]`) and the
   * nodes at its two ends. An answer travels back up such a chain in one step of the engine.
   */
  callChain: { depth: number; path: string; nodes: readonly string[] };
  /** Largest first. */
  memory: Contribution[];
  work: Contribution[];
  /** Set when the run would never end (then `events` is Infinity): no budget makes it end. */
  neverEnds: NeverEnds | null;
  /** The sampling factor the estimate assumed. */
  factor: number;
  durationSec: number;
}

/**
 * Typical values, only to tell which of a client's fields stands out when its traffic is too much work:
 * the one furthest above its typical value is named (a rate of 1e12 rps, a run of 1e9 s, a ×1e6 spike).
 */
const TYPICAL = { rateRps: 1000, users: 100, durationSec: 600, eventsPerRequest: 100 } as const;

/**
 * Estimates what a run of `topology` needs: memory (nodes, edges, replica and shard slots, metric windows
 * kept, cache entries, requests in flight) and work (events), from the validated topology alone. The run
 * lasts `durationSec` and simulates a fraction `factor` of the traffic and replicas (see
 * `planSampling`). An estimate, not a bound: requests that pile up in an overloaded queue, retries and
 * zero-time loops are the kernel's guards' business (`sim-core/kernel/Kernel.ts`).
 */
export function estimateRun(topology: Topology, durationSec: number, factor: number): RunEstimate {
  const graph = callGraph(topology);
  const traffic = clientTraffic(topology, graph, durationSec, factor);
  const memory = [
    ...scopeMemory(topology),
    ...replicaMemory(topology, graph, factor),
    ...cacheMemory(topology, graph, traffic, factor),
    windowMemory(topology, durationSec),
    ...requestMemory(topology, graph, traffic),
  ];
  const never: NeverEnds[] = [];
  const work = [
    ...trafficWork(topology, graph, traffic, durationSec, never),
    ...periodicWork(topology, durationSec),
  ];
  const byAmount = (a: Contribution, b: Contribution) => b.amount - a.amount;
  memory.sort(byAmount);
  work.sort(byAmount);
  return {
    memoryBytes: sum(memory),
    events: never.length > 0 ? Number.POSITIVE_INFINITY : sum(work),
    callChain: longestChain(topology, graph),
    memory,
    work,
    neverEnds: never[0] ?? null,
    factor,
    durationSec,
  };
}

function longestChain(t: Topology, graph: CallGraph): RunEstimate['callChain'] {
  let top = -1;
  for (let v = 0; v < t.nodes.length; v++) if (top < 0 || graph.depth[v] > graph.depth[top]) top = v;
  if (top < 0) return { depth: 0, path: 'nodes', nodes: [] };
  let bottom = top;
  while (graph.deeper[bottom] >= 0) bottom = graph.deeper[bottom];
  return { depth: graph.depth[top], path: `nodes[${top}]`, nodes: [t.nodes[top].id, t.nodes[bottom].id] };
}

function sum(list: readonly Contribution[]): number {
  let total = 0;
  for (const c of list) total += c.amount;
  return total;
}

// ---- memory ------------------------------------------------------------------------------------------

function scopeMemory(t: Topology): Contribution[] {
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

function replicaMemory(t: Topology, graph: CallGraph, factor: number): Contribution[] {
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

function cacheMemory(
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

function windowMemory(t: Topology, durationSec: number): Contribution {
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

function requestMemory(t: Topology, graph: CallGraph, traffic: ClientTraffic[]): Contribution[] {
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

// ---- traffic -----------------------------------------------------------------------------------------

/** A field that sets a client's traffic, with its value. */
interface Field {
  path: string;
  value: number;
}

interface ClientTraffic {
  index: number;
  /** Root requests over the run, after sampling. */
  requests: number;
  /** Requests in flight at the busiest moment (Little's law with no queueing), after sampling. */
  peakInFlight: number;
  /** Distinct keys it sends (Infinity without a key space). */
  keyCount: number;
  /** A closed loop whose users neither think nor wait: its requests take no simulated time at all. */
  zeroTime: boolean;
  blame: { rate: Field; multiplier: Field | null; multiplierPeak: number };
}

function clientTraffic(t: Topology, graph: CallGraph, durationSec: number, factor: number): ClientTraffic[] {
  const out: ClientTraffic[] = [];
  t.nodes.forEach((n, index) => {
    if (n.kind !== 'client') return;
    const p = n.params;
    const multipliers = multiplierSegments(t.scenario.events, n.id, durationSec);
    const strongest = strongestMultiplier(t.scenario.events, n.id);
    const latencySec = graph.latencyMs[index] / 1000;
    let requests: number;
    let peakInFlight: number;
    let rate: Field;
    let zeroTime = false;
    if (p.arrival === 'closed') {
      const users = p.users ?? 0;
      const thinkSec = p.thinkTimeMs ? Sampler.of(p.thinkTimeMs).mean / 1000 : 0;
      const userSec = users * factor * integral(multipliers, CONSTANT_ONE);
      // Each user sends a request, waits for it, thinks. With no time to think or wait, simulated
      // time would never advance: a loop of zero-time steps, refused before it starts.
      const cycleSec = thinkSec + latencySec;
      zeroTime = cycleSec === 0 && userSec > 0;
      requests = zeroTime ? Number.POSITIVE_INFINITY : cycleSec > 0 ? userSec / cycleSec : 0;
      peakInFlight = users * factor * peakOf(multipliers);
      rate = { path: `nodes[${index}].params.users`, value: users };
    } else {
      const at = profileRate(p.profile, p.interpolation === 'step', p.rateRps ?? 0);
      requests = factor * integral(multipliers, at);
      let peakRps = 0;
      for (const s of multipliers)
        peakRps = Math.max(
          peakRps,
          times(s.factor, Math.max(at.rate(s.from), at.rate(s.to), at.peakIn(s.from, s.to))),
        );
      peakInFlight = times(peakRps * factor, latencySec);
      rate = at.field(index);
    }
    out.push({
      index,
      requests,
      peakInFlight,
      keyCount: p.keys ? p.keys.count : Number.POSITIVE_INFINITY,
      zeroTime,
      blame: { rate, multiplier: strongest.field, multiplierPeak: peakOf(multipliers) },
    });
  });
  return out;
}

/** A stretch of the run during which the traffic multiplier of one client is constant. */
interface Segment {
  from: number;
  to: number;
  factor: number;
}

/**
 * The product of the `trafficMultiplier` events in force for `clientId`, piecewise over [0, end].
 * Sums logs, so a product of factors of 1e308 is Infinity rather than a wrong finite number.
 */
function multiplierSegments(events: readonly ScenarioEvent[], clientId: string, end: number): Segment[] {
  const changes: { at: number; log: number; zeros: number }[] = [];
  for (const e of events) {
    if (e.type !== 'trafficMultiplier' || (e.target !== 'all' && e.target !== clientId) || e.atSec >= end)
      continue;
    const log = e.factor > 0 ? Math.log(e.factor) : 0;
    const zeros = e.factor > 0 ? 0 : 1;
    changes.push({ at: e.atSec, log, zeros });
    if (e.durationSec !== undefined) changes.push({ at: e.atSec + e.durationSec, log: -log, zeros: -zeros });
  }
  changes.sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  let from = 0;
  let log = 0;
  let zeros = 0;
  for (const c of changes) {
    const at = Math.min(c.at, end);
    if (at > from) out.push({ from, to: at, factor: zeros > 0 ? 0 : Math.exp(log) });
    from = Math.max(from, at);
    log += c.log;
    zeros += c.zeros;
  }
  if (end > from) out.push({ from, to: end, factor: zeros > 0 ? 0 : Math.exp(log) });
  return out;
}

function strongestMultiplier(events: readonly ScenarioEvent[], clientId: string): { field: Field | null } {
  let field: Field | null = null;
  events.forEach((e, i) => {
    if (e.type !== 'trafficMultiplier' || (e.target !== 'all' && e.target !== clientId)) return;
    if (e.factor > (field?.value ?? 1)) field = { path: `scenario.events[${i}].factor`, value: e.factor };
  });
  return { field };
}

const peakOf = (segments: readonly Segment[]) => segments.reduce((m, s) => Math.max(m, s.factor), 0);

/** A client's offered rate over time: its value, its breakpoints and its exact integral between them. */
interface Rate {
  rate(t: number): number;
  breaks: readonly number[];
  /** ∫ rate over [a, b], with no breakpoint inside. */
  piece(a: number, b: number): number;
  peakIn(a: number, b: number): number;
}

const CONSTANT_ONE: Rate = { rate: () => 1, breaks: [], piece: (a, b) => b - a, peakIn: () => 1 };

/** ∫ rate(t) · multiplier(t) dt over the run. */
function integral(segments: readonly Segment[], rate: Rate): number {
  let total = 0;
  for (const s of segments) {
    if (s.factor === 0) continue;
    let a = s.from;
    for (const x of rate.breaks) {
      if (x <= a || x >= s.to) continue;
      total += times(s.factor, rate.piece(a, x));
      a = x;
    }
    total += times(s.factor, rate.piece(a, s.to));
  }
  return total;
}

/** A client's offered rate over time (rps, before sampling and multipliers), as the engine applies it. */
function profileRate(
  profile: readonly { atSec: number; rps: number }[] | undefined,
  step: boolean,
  rateRps: number,
): Rate & { field(index: number): Field } {
  if (!profile) {
    return {
      rate: () => rateRps,
      breaks: [],
      piece: (a, b) => times(rateRps, b - a),
      peakIn: () => rateRps,
      field: (index: number): Field => ({ path: `nodes[${index}].params.rateRps`, value: rateRps }),
    };
  }
  const last = profile.length - 1;
  const rate = (t: number): number => {
    if (t <= profile[0].atSec) return profile[0].rps;
    if (t >= profile[last].atSec) return profile[last].rps;
    let i = 1;
    while (profile[i].atSec < t) i++;
    if (step) return profile[i - 1].rps;
    const w = (t - profile[i - 1].atSec) / (profile[i].atSec - profile[i - 1].atSec);
    return profile[i - 1].rps + w * (profile[i].rps - profile[i - 1].rps);
  };
  let peak = 0;
  for (let i = 1; i <= last; i++) if (profile[i].rps > profile[peak].rps) peak = i;
  return {
    rate,
    breaks: profile.map((x) => x.atSec),
    // Linear between breakpoints: the trapezoid is exact; a step is constant: its middle is.
    piece: (a, b) => (step ? rate((a + b) / 2) : (rate(a) + rate(b)) / 2) * (b - a),
    peakIn: (a: number, b: number) => {
      let m = 0;
      for (const x of profile) if (x.atSec >= a && x.atSec <= b) m = Math.max(m, x.rps);
      return m;
    },
    field: (index: number): Field => ({
      path: `nodes[${index}].params.profile[${peak}].rps`,
      value: profile[peak].rps,
    }),
  };
}

// ---- work --------------------------------------------------------------------------------------------

function trafficWork(
  t: Topology,
  graph: CallGraph,
  traffic: ClientTraffic[],
  durationSec: number,
  never: NeverEnds[],
): Contribution[] {
  const out: Contribution[] = [];
  const loop = graph.loopNodes.map((v) => t.nodes[v].id);
  for (const c of traffic) {
    const id = t.nodes[c.index].id;
    if (c.requests === 0) continue;
    const perRequest = EVENTS.perRequest + graph.events[c.index];
    if (c.zeroTime) {
      // The nodes its requests visit: where the loop turns.
      const arrivals = graph.flows(traffic.map((x) => (x === c ? 1 : 0)));
      const nodes = [id, ...t.nodes.filter((_n, i) => i !== c.index && arrivals[i] > 0).map((n) => n.id)];
      const path = `nodes[${c.index}].params.thinkTimeMs`;
      never.push({ kind: 'zeroTime', path, nodes });
      continue;
    }
    if (perRequest === Number.POSITIVE_INFINITY) {
      const queue = graph.loopNodes.find((v) => t.nodes[v].kind === 'queue') ?? graph.loopNodes[0];
      // The queue first (where the work piles up, as the kernel's guard names it), the client last.
      const nodes = [t.nodes[queue].id, ...loop.filter((x) => x !== t.nodes[queue].id), id];
      never.push({ kind: 'loop', path: `nodes[${queue}]`, nodes });
      continue;
    }
    out.push({
      kind: 'requests',
      ...blame(t, graph, c, perRequest, durationSec),
      amount: times(c.requests, perRequest),
      nodes: [id],
      requests: c.requests,
      eventsPerRequest: perRequest,
    });
  }
  return out;
}

/** Of a client's rate (or users) and its strongest traffic multiplier, the one further above typical. */
function loadField(t: Topology, c: ClientTraffic): Field {
  return c.blame.multiplier && c.blame.multiplierPeak > rateExcess(t, c) ? c.blame.multiplier : c.blame.rate;
}

/** How far a client's rate (or, closed-loop, its users) is above the typical one. */
function rateExcess(t: Topology, c: ClientTraffic): number {
  const closed = t.nodes[c.index].kind === 'client' && c.blame.rate.path.endsWith('.users');
  return c.blame.rate.value / (closed ? TYPICAL.users : TYPICAL.rateRps);
}

/** Of the fields behind a client's work, the one furthest above its typical value. */
function blame(
  t: Topology,
  graph: CallGraph,
  c: ClientTraffic,
  perRequest: number,
  durationSec: number,
): Field {
  const candidates: { field: Field; excess: number }[] = [
    { field: c.blame.rate, excess: rateExcess(t, c) },
    {
      field: { path: 'scenario.durationSec', value: durationSec },
      excess: durationSec / TYPICAL.durationSec,
    },
  ];
  if (c.blame.multiplier) candidates.push({ field: c.blame.multiplier, excess: c.blame.multiplierPeak });
  const fan = graph.largestCount;
  if (fan >= 0 && t.edges[fan].params.count > 1) {
    candidates.push({
      field: { path: `edges[${fan}].params.count`, value: t.edges[fan].params.count },
      excess: perRequest / TYPICAL.eventsPerRequest,
    });
  }
  return candidates.reduce((best, x) => (x.excess > best.excess ? x : best)).field;
}

function periodicWork(t: Topology, durationSec: number): Contribution[] {
  const windows = windowMemory(t, durationSec);
  const out: Contribution[] = [
    {
      kind: 'windows',
      path: windows.path,
      value: windows.value,
      count: windows.count,
      amount: windowCount(t, durationSec),
      nodes: [],
    },
  ];
  t.nodes.forEach((n, i) => {
    if (n.kind === 'loadBalancer' && n.params.healthCheckIntervalSec > 0) {
      const every = n.params.healthCheckIntervalSec;
      out.push({
        kind: 'healthChecks',
        path: `nodes[${i}].params.healthCheckIntervalSec`,
        value: every,
        amount: Math.ceil(durationSec / every),
        nodes: [n.id],
      });
    }
    // An evaluation is one event under either policy; the predictive one's forecast (at most
    // MAX_FORECAST_POINTS points, 16 KB) is left inside the node's scope allowance.
    if (n.kind === 'service' && n.params.autoscale) {
      const every = n.params.autoscale.evaluateEverySec;
      out.push({
        kind: 'autoscale',
        path: `nodes[${i}].params.autoscale.evaluateEverySec`,
        value: every,
        amount: Math.ceil(durationSec / every),
        nodes: [n.id],
      });
    }
  });
  return out;
}

/** a · b, where 0 · ∞ is 0 (no traffic stays no traffic under an infinite multiplier). */
function times(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}
