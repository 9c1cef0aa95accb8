import type { Distribution } from '../format/distribution.ts';
import type { Topology, TopologyEdge, TopologyNode } from '../format/schema.ts';
import type { Message } from '../messages/Message.ts';
import { Sampler } from '../random/Sampler.ts';
import { type MvaStation, mva } from './mva.ts';

/**
 * The instant analytic estimate: flow balance (visit ratios × offered load × mean service time ÷
 * servers) gives every node its arrival rate and utilization from the document alone, before any run.
 * Where the network is product-form (open Poisson clients, exponential FIFO servers with unbounded
 * waiting rooms, Bernoulli routing, no timeouts, retries or limits: a Jackson network) each service's
 * M/M/c mean sojourn and the end-to-end mean are exact, and are given beside the simulated ones. A
 * single closed-loop client (users who think, any think-time distribution) makes a closed network:
 * its throughput, and so every rate, come from exact mean-value analysis (`mva.ts`).
 *
 * Routing follows the engine (docs/sim-core.md, "How a request moves"): clients, balancers, pools,
 * caches and queues send each request along one edge chosen by weight; services and databases call
 * every edge, `probability` × `count` times, after their own work and only if it did not fail.
 */
export interface NodeEstimate {
  id: string;
  kind: TopologyNode['kind'];
  /** Requests per second arriving at the node. */
  arrivalRps: number;
  /** Busy share of the node's capacity, averaged over its instances (time-averaged utilization). */
  utilization: number | null;
  /** The hottest instance's utilization (a shard's primary takes the writes). */
  peakUtilization: number | null;
  /** Peak utilization ≥ 1: the node's queue grows without bound. */
  unstable: boolean;
  /**
   * Jackson M/M/c values per visit, when the network is product-form and the node is stable.
   * `responseMs` is the node's latency as the engine records it: its sojourn plus the round trips of
   * its calls (null where it calls in parallel).
   */
  jackson: { waitMs: number; sojournMs: number; responseMs: number | null } | null;
}

export interface AnalyticEstimate {
  nodes: Record<string, NodeEstimate>;
  /** True when every part of the network the clients reach is product-form (see `reasons`). */
  productForm: boolean;
  /** Why not, one message per cause (`estimate.notProductForm.*`, with `id`). */
  reasons: Message[];
  /** Exact mean end-to-end latency of a successful request (product-form without fan-out), else null. */
  endToEndMeanMs: number | null;
  /** Ids of the unstable nodes, by decreasing peak utilization. */
  unstable: string[];
}

const CHOOSE_ONE = new Set<TopologyNode['kind']>(['client', 'loadBalancer', 'pool', 'cache', 'queue']);

const meanOf = (d: Distribution | undefined): number => (d ? Sampler.of(d).mean : 0);

/** Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const waiting = term / (1 - a / c);
  return waiting / (sum + waiting);
}

export function analyticEstimate(topology: Topology): AnalyticEstimate {
  const nodes = topology.nodes;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const out: TopologyEdge[][] = nodes.map(() => []);
  for (const edge of topology.edges) {
    const from = index.get(edge.source);
    if (from !== undefined && index.has(edge.target)) out[from].push(edge);
  }
  const classes: (string | null)[] = [null];
  for (const n of nodes) {
    if (n.kind === 'client')
      for (const c of n.params.classes ?? []) if (!classes.includes(c.id)) classes.push(c.id);
  }
  const carries = (edge: TopologyEdge, c: string | null) =>
    edge.params.classes === undefined || (c !== null && edge.params.classes.includes(c));

  // rates[i][c]: class-c requests per second arriving at node i.
  const rates = nodes.map(() => new Float64Array(classes.length));
  /** Requests per second node i sends along each of its edges, for class c arriving at rate r. */
  const forward = (i: number, c: number, r: number, add: (target: number, rate: number) => void) => {
    const node = nodes[i];
    const edges = out[i].filter((e) => carries(e, classes[c]));
    if (edges.length === 0 || r === 0) return;
    if (CHOOSE_ONE.has(node.kind)) {
      const passing = node.kind === 'cache' ? r * (1 - (node.params.hitRatio ?? 0)) : r;
      const total = edges.reduce((s, e) => s + e.params.weight, 0);
      for (const e of edges) add(index.get(e.target)!, (passing * e.params.weight) / total);
    } else {
      const errorRate = 'errorRate' in node.params ? node.params.errorRate : 0;
      for (const e of edges)
        add(index.get(e.target)!, r * (1 - errorRate) * e.params.probability * e.params.count);
    }
  };
  // External arrivals: open clients' mean rates split by class weight. A network whose only client is
  // closed gets one request per second first (visit ratios), scaled by its MVA throughput below.
  const clients = nodes.filter((n) => n.kind === 'client');
  const closedNetwork =
    clients.length === 1 && clients[0].kind === 'client' && clients[0].params.arrival === 'closed';
  nodes.forEach((n, i) => {
    if (n.kind !== 'client' || (n.params.arrival === 'closed' && !closedNetwork)) return;
    const p = n.params;
    const rate = closedNetwork
      ? 1
      : (p.rateRps ?? (p.profile ? p.profile.reduce((s, x) => s + x.rps, 0) / p.profile.length : 0));
    const weights = p.classes ?? [];
    const total = weights.reduce((s, c) => s + c.weight, 0);
    if (weights.length === 0) rates[i][0] = rate;
    else for (const c of weights) rates[i][classes.indexOf(c.id)] += (rate * c.weight) / total;
  });
  propagate(nodes.length, out, index, rates, classes.length, forward);

  const reasons = productFormReasons(topology, rates);
  const productForm = reasons.length === 0;
  const residenceMs = closedNetwork ? solveClosed(topology, out, index, rates) : null;
  const estimates: Record<string, NodeEstimate> = {};
  nodes.forEach((n, i) => {
    const arrivalRps = rates[i].reduce((s, r) => s + r, 0);
    estimates[n.id] = {
      id: n.id,
      kind: n.kind,
      arrivalRps,
      ...loadOf(n, arrivalRps, productForm, residenceMs?.get(n.id)),
    };
  });
  for (const n of nodes) {
    if (n.kind === 'queue') {
      // A queue keeps up while its consumers do: its utilization is its busiest consumer's.
      const consumers = out[index.get(n.id)!].map((e) => estimates[e.target]);
      const peak = Math.max(0, ...consumers.map((c) => c.peakUtilization ?? 0));
      Object.assign(estimates[n.id], { utilization: peak, peakUtilization: peak, unstable: peak >= 1 });
    }
  }
  if (productForm) {
    // An unstable server below has no sojourn: NaN makes every response through it unknown.
    const sojourn = (id: string) => estimates[id].jackson?.sojournMs ?? Number.NaN;
    const response = responseTimes(topology, out, index, sojourn);
    nodes.forEach((n, i) => {
      const j = estimates[n.id].jackson;
      const ms = j ? response(i) : null;
      if (j) j.responseMs = ms !== null && Number.isFinite(ms) ? ms : null;
    });
  }
  const unstable = Object.values(estimates)
    .filter((e) => e.unstable)
    .sort((a, b) => (b.peakUtilization ?? 0) - (a.peakUtilization ?? 0))
    .map((e) => e.id);
  return {
    nodes: estimates,
    productForm,
    reasons,
    endToEndMeanMs:
      productForm && unstable.length === 0
        ? endToEndMean(topology, out, index, rates, (id) => estimates[id].jackson!.sojournMs)
        : null,
    unstable,
  };
}

/**
 * Pushes rates along the edges in topological order (exact, one pass); nodes on a loop (only through a
 * queue, the one asynchronous hand-off) are settled by repeated passes over what is left.
 */
function propagate(
  count: number,
  out: TopologyEdge[][],
  index: Map<string, number>,
  rates: Float64Array[],
  classCount: number,
  forward: (i: number, c: number, r: number, add: (target: number, rate: number) => void) => void,
): void {
  const indegree = new Int32Array(count);
  for (const edges of out) for (const e of edges) indegree[index.get(e.target)!]++;
  const order: number[] = [];
  for (let i = 0; i < count; i++) if (indegree[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    for (const e of out[order[k]]) {
      const t = index.get(e.target)!;
      if (--indegree[t] === 0) order.push(t);
    }
  }
  const placed = new Set(order);
  for (const i of order) {
    for (let c = 0; c < classCount; c++) forward(i, c, rates[i][c], (t, r) => (rates[t][c] += r));
  }
  const looped = Array.from({ length: count }, (_, i) => i).filter((i) => !placed.has(i));
  if (looped.length === 0) return;
  // The inflow from outside the loops is in rates now; iterate the loops' own flow to a fixed point.
  const outside = looped.map((i) => Float64Array.from(rates[i]));
  for (let round = 0; round < 500; round++) {
    const next = outside.map((r) => Float64Array.from(r));
    const slot = new Map(looped.map((i, k) => [i, k]));
    for (const i of looped) {
      for (let c = 0; c < classCount; c++)
        forward(i, c, rates[i][c], (t, r) => {
          const k = slot.get(t);
          if (k !== undefined) next[k][c] += r;
        });
    }
    let change = 0;
    looped.forEach((i, k) => {
      for (let c = 0; c < classCount; c++) change = Math.max(change, Math.abs(next[k][c] - rates[i][c]));
      rates[i] = next[k];
    });
    if (change < 1e-12) break;
  }
}

/** Utilization and, for a product-form network, the M/M/c sojourn of one node. */
function loadOf(
  n: TopologyNode,
  arrivalRps: number,
  productForm: boolean,
  closedResidenceMs?: number,
): Pick<NodeEstimate, 'utilization' | 'peakUtilization' | 'unstable' | 'jackson'> {
  if (n.kind !== 'service' && n.kind !== 'database') {
    return { utilization: null, peakUtilization: null, unstable: false, jackson: null };
  }
  const p = n.params;
  const serviceSec = meanOf(p.serviceTimeMs) / 1000;
  const c = p.concurrency;
  let instances: number;
  let peakRps: number;
  if (n.kind === 'service') {
    instances = n.params.replicas;
    peakRps = arrivalRps / instances;
  } else {
    instances = n.params.shards * n.params.replicasPerShard;
    const reads = arrivalRps * n.params.readRatio;
    // Writes go to the shard's primary; reads spread over the shard's instances.
    peakRps = reads / instances + (arrivalRps - reads) / n.params.shards;
  }
  const utilization = (arrivalRps * serviceSec) / (instances * c);
  const peakUtilization = (peakRps * serviceSec) / c;
  const unstable = peakUtilization >= 1;
  let jackson: NodeEstimate['jackson'] = null;
  if (productForm && closedResidenceMs !== undefined) {
    jackson = {
      waitMs: closedResidenceMs - serviceSec * 1000,
      sojournMs: closedResidenceMs,
      responseMs: null,
    };
  } else if (productForm && !unstable) {
    const perInstance = arrivalRps / instances;
    const mu = 1 / serviceSec;
    const a = perInstance / mu;
    const waitSec = perInstance > 0 ? erlangC(c, a) / (c * mu - perInstance) : 0;
    jackson = { waitMs: waitSec * 1000, sojournMs: (waitSec + serviceSec) * 1000, responseMs: null };
  }
  return { utilization, peakUtilization, unstable, jackson };
}

/** What keeps the reached network from being a Jackson network, one message per cause. */
function productFormReasons(topology: Topology, rates: Float64Array[]): Message[] {
  const reasons: Message[] = [];
  const why = (code: string, id: string) =>
    reasons.push({ code: `estimate.notProductForm.${code}`, params: { id } });
  const reached = new Set(topology.nodes.filter((_, i) => rates[i].some((r) => r > 0)).map((n) => n.id));
  if (topology.scenario.events.length > 0) why('events', 'scenario');
  for (const n of topology.nodes) {
    if (n.kind === 'client') {
      const p = n.params;
      const clients = topology.nodes.filter((x) => x.kind === 'client').length;
      if (p.arrival === 'closed' ? clients > 1 : p.arrival !== 'poisson' || p.profile !== undefined)
        why('arrivals', n.id);
      if (p.timeoutMs !== undefined) why('timeout', n.id);
      continue;
    }
    if (!reached.has(n.id)) continue;
    switch (n.kind) {
      case 'service':
      case 'database': {
        const p = n.params;
        if (p.serviceTimeMs.dist !== 'exponential') why('serviceTime', n.id);
        if (p.queueCapacity !== undefined || p.maxInFlight !== undefined || p.rateLimitRps !== undefined)
          why('limits', n.id);
        if (p.errorRate > 0) why('errors', n.id);
        if (n.kind === 'service' && (n.params.leakMsPerRequest > 0 || n.params.autoscale !== undefined))
          why('dynamic', n.id);
        if (n.kind === 'database' && n.params.shards * n.params.replicasPerShard > 1) why('shards', n.id);
        break;
      }
      case 'loadBalancer':
        if (n.params.policy !== 'random' || n.params.rateLimitRps !== undefined) why('balancer', n.id);
        break;
      case 'cache':
        if (n.params.hitRatio === undefined) why('lru', n.id);
        break;
      case 'pool':
      case 'queue':
        why(n.kind, n.id);
        break;
    }
  }
  for (const e of topology.edges) {
    if (!reached.has(e.target)) continue;
    const p = e.params;
    if (p.timeoutMs !== undefined || p.retries !== undefined || p.circuitBreaker !== undefined || p.count > 1)
      why('edge', e.id);
    if (p.classes !== undefined) why('classes', e.id);
  }
  return reasons;
}

/**
 * The mean end-to-end latency of a request in a product-form network: its own sojourns plus the
 * round trips of its calls along the way. Null where a node calls in parallel (a stage with more than
 * one edge): a fork-join's mean is not a sum.
 */
function endToEndMean(
  topology: Topology,
  out: TopologyEdge[][],
  index: Map<string, number>,
  rates: Float64Array[],
  sojournMs: (id: string) => number,
): number | null {
  const responseMs = responseTimes(topology, out, index, sojournMs);
  let weighted = 0;
  let total = 0;
  topology.nodes.forEach((n, i) => {
    if (n.kind !== 'client') return;
    const rate = rates[i].reduce((s, r) => s + r, 0);
    const ms = responseMs(i);
    if (ms === null) total = Number.NaN;
    weighted += rate * (ms ?? 0);
    total += rate;
  });
  return total > 0 ? weighted / total : null;
}

/**
 * The closed network of a single closed-loop client: its users think (`thinkTimeMs`), then a request
 * visits the servers `rates` (per request) times and spends the pure delays of its path (network,
 * balancer overhead, cache hits) on the way. Exact MVA gives the throughput; `rates` are scaled to it
 * in place, and each server's mean time per visit is returned, in ms, by node id.
 */
function solveClosed(
  topology: Topology,
  out: TopologyEdge[][],
  index: Map<string, number>,
  rates: Float64Array[],
): Map<string, number> {
  const client = topology.nodes.find((n) => n.kind === 'client')!;
  if (client.kind !== 'client') return new Map();
  const servers: { id: string; station: MvaStation }[] = [];
  topology.nodes.forEach((n, i) => {
    if (n.kind !== 'service' && n.kind !== 'database') return;
    const visits = rates[i].reduce((s, r) => s + r, 0);
    if (visits === 0) return;
    const copies = n.kind === 'service' ? n.params.replicas : n.params.shards * n.params.replicasPerShard;
    const serviceSec = meanOf(n.params.serviceTimeMs) / 1000;
    servers.push({
      id: n.id,
      station: { visits: visits / copies, serviceSec, servers: n.params.concurrency, copies },
    });
  });
  const delayMs = endToEndMean(topology, out, index, rates, () => 0) ?? 0;
  const thinkSec = (meanOf(client.params.thinkTimeMs) + delayMs) / 1000;
  const solved = mva(
    servers.map((s) => s.station),
    client.params.users ?? 0,
    thinkSec,
  );
  for (const r of rates) for (let c = 0; c < r.length; c++) r[c] *= solved.throughputRps;
  return new Map(servers.map((s, k) => [s.id, solved.residenceSec[k] * 1000]));
}

/**
 * Node i's mean response time, ms: its sojourn (servers) or pure delay (balancer overhead, cache hits)
 * plus the mean round trips of the calls it makes, recursively. Null where a node on the way calls in
 * parallel or the calls loop back.
 */
function responseTimes(
  topology: Topology,
  out: TopologyEdge[][],
  index: Map<string, number>,
  sojournMs: (id: string) => number,
): (i: number) => number | null {
  const memo = new Map<number, number | null>();
  const regionOf = (id: string) => topology.nodes[index.get(id)!].region;
  const edgeMs = (e: TopologyEdge) => {
    let ms = meanOf(e.params.latencyMs);
    const [a, b] = [regionOf(e.source), regionOf(e.target)];
    if (a !== undefined && b !== undefined && a !== b) {
      const pair = topology.regionLatencyMs.find(
        (x) => (x.from === a && x.to === b) || (x.from === b && x.to === a),
      );
      ms += meanOf(pair?.latencyMs);
    }
    return ms;
  };
  const responseMs = (i: number): number | null => {
    if (memo.has(i)) return memo.get(i)!;
    memo.set(i, null);
    const n = topology.nodes[i];
    const edges = out[i];
    let ms = 0;
    if (n.kind === 'service' || n.kind === 'database') {
      ms += sojournMs(n.id);
      const stages = new Set(edges.map((e) => e.params.stage));
      if (stages.size < edges.length) return null;
      for (const e of edges) {
        const below = responseMs(index.get(e.target)!);
        if (below === null) return null;
        ms += e.params.probability * (edgeMs(e) + below);
      }
    } else {
      if (n.kind === 'loadBalancer') ms += meanOf(n.params.overheadMs);
      let share = 1;
      if (n.kind === 'cache') {
        const hit = n.params.hitRatio ?? 0;
        ms += hit * meanOf(n.params.hitLatencyMs);
        share = 1 - hit;
      }
      const total = edges.reduce((s, e) => s + e.params.weight, 0);
      for (const e of edges) {
        const below = responseMs(index.get(e.target)!);
        if (below === null) return null;
        ms += (share * e.params.weight * (edgeMs(e) + below)) / total;
      }
    }
    memo.set(i, ms);
    return ms;
  };
  return responseMs;
}
