import type { Topology } from '../format/schema.ts';
import { type CallGraph, callGraph } from './callGraph.ts';
import { blame, type ClientTraffic, clientTraffic, times } from './clientTraffic.ts';
import { EVENTS } from './costs.ts';
import {
  cacheMemory,
  replicaMemory,
  requestMemory,
  scopeMemory,
  windowCount,
  windowMemory,
} from './memoryEstimate.ts';

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

// ---- work ------------------------------------------------------------------------------------------

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
