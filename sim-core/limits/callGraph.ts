import type { Topology, TopologyNode } from '../format/schema.ts';
import { Sampler } from '../random/Sampler.ts';
import { BYTES, EVENTS } from './costs.ts';

/** Sweeps of a loop (through a queue) before its work counts as unbounded. */
const LOOP_SWEEPS = 10_000;
/** Above this many events per visit a loop counts as unbounded too. */
const UNBOUNDED = 1e15;

/**
 * What one visit to each node costs downstream, in expectation: the events it causes, the time it
 * takes with no queueing (the synchronous calls it waits for), the request records it holds at once;
 * and how requests spread over the nodes. Computed per strongly connected component, children first,
 * so a 200 000-node chain costs one pass and a loop through a queue is solved on its own.
 */
export interface CallGraph {
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Incoming edges of each node. */
  into: number[][];
  /** Expected calls along each edge per visit to its source. */
  perVisit: Float64Array;
  /** Per node: events caused downstream by one visit (Infinity on an unbounded loop). */
  events: Float64Array;
  /** Per node: mean time of one visit with no queueing, ms. */
  latencyMs: Float64Array;
  /** Per node: bytes of records one visit holds at once downstream, expected and at worst. */
  records: Float64Array;
  worstRecords: Float64Array;
  /** Nodes on a loop whose work has no bound. */
  loopNodes: number[];
  /**
   * Per node: the longest chain of synchronous calls below it, in hops (a producer does not wait for a
   * queue's consumers), and the next node on that chain (-1 at its end).
   */
  depth: Int32Array;
  deeper: Int32Array;
  /** The edge with the largest `count`, or -1 without edges. */
  largestCount: number;
  /** Arrivals at each node, given the root requests of each client (in node order, clients only). */
  flows(requestsPerClient: readonly number[]): Float64Array;
}

/** Records a call holds while it is out: the call, the job at its target, its segments, one event. */
const CALL_RECORDS = BYTES.perCall + BYTES.perJob + 2 * BYTES.perSegment + BYTES.perHeapEntry;

export function callGraph(t: Topology): CallGraph {
  const n = t.nodes.length;
  const index = new Map<string, number>();
  t.nodes.forEach((node, i) => {
    index.set(node.id, i);
  });
  const compensations = new Set(t.edges.map((e) => e.params.compensation).filter((id) => id !== undefined));
  const edgeSource = Int32Array.from(t.edges, (e) => index.get(e.source) ?? -1);
  const edgeTarget = Int32Array.from(t.edges, (e) => index.get(e.target) ?? -1);
  const out: number[][] = Array.from({ length: n }, () => []);
  const into: number[][] = Array.from({ length: n }, () => []);
  t.edges.forEach((e, i) => {
    if (compensations.has(e.id) || edgeSource[i] < 0 || edgeTarget[i] < 0) return;
    out[edgeSource[i]].push(i);
    into[edgeTarget[i]].push(i);
  });
  const perVisit = multiplicities(t, out);
  const edgeLatency = Float64Array.from(t.edges, (e) =>
    e.params.latencyMs ? Sampler.of(e.params.latencyMs).mean : 0,
  );

  const latencyMs = new Float64Array(n);
  const records = new Float64Array(n);
  const worstRecords = new Float64Array(n);
  // A visit waits only for synchronous calls: without a queue's deliveries the graph has no cycle (the
  // validator refuses call cycles), so its components are single nodes, callees first.
  const sync = out.map((edges, v) => (t.nodes[v].kind === 'queue' ? [] : edges));
  const depth = new Int32Array(n);
  const deeper = new Int32Array(n).fill(-1);
  for (const [v] of stronglyConnected(n, sync, edgeTarget)) {
    for (const e of sync[v]) {
      if (1 + depth[edgeTarget[e]] <= depth[v]) continue;
      depth[v] = 1 + depth[edgeTarget[e]];
      deeper[v] = edgeTarget[e];
    }
    const local = visitCost(
      t.nodes[v],
      out[v],
      t,
      perVisit,
      edgeTarget,
      edgeLatency,
      latencyMs,
      records,
      worstRecords,
    );
    latencyMs[v] = local.latencyMs;
    records[v] = local.records;
    worstRecords[v] = local.worstRecords;
  }

  const components = stronglyConnected(n, out, edgeTarget);
  const events = new Float64Array(n);
  const loopNodes: number[] = [];
  // Children first: Tarjan's algorithm yields components in reverse topological order.
  for (const component of components) {
    const eventsOf = (v: number) => {
      let sum = 0;
      for (const e of out[v]) {
        const call = edgeLatency[e] > 0 ? EVENTS.perCall : EVENTS.perInstantCall;
        sum += perVisit[e] * (call + events[edgeTarget[e]]);
      }
      return sum;
    };
    if (!solve(component, events, eventsOf)) loopNodes.push(...component);
  }

  let largestCount = -1;
  t.edges.forEach((e, i) => {
    if (largestCount < 0 || e.params.count > t.edges[largestCount].params.count) largestCount = i;
  });

  const flows = (requestsPerClient: readonly number[]) => {
    const arrivals = new Float64Array(n);
    const roots = new Float64Array(n);
    let c = 0;
    t.nodes.forEach((node, i) => {
      if (node.kind === 'client') roots[i] = requestsPerClient[c++] ?? 0;
    });
    const arrivalsOf = (v: number) => {
      let sum = roots[v];
      for (const e of into[v]) sum += arrivals[edgeSource[e]] * perVisit[e];
      return sum;
    };
    // Callers first: the reverse of Tarjan's order.
    for (let k = components.length - 1; k >= 0; k--) solve(components[k], arrivals, arrivalsOf);
    return arrivals;
  };
  return {
    edgeSource,
    edgeTarget,
    into,
    perVisit,
    events,
    latencyMs,
    records,
    worstRecords,
    loopNodes,
    depth,
    deeper,
    largestCount,
    flows,
  };
}

/**
 * Sets `values[v] = equation(v)` for the nodes of one component. A single node is one step; a loop is
 * iterated to its fixed point. Returns false (and sets Infinity) when the loop's values grow without
 * bound: a queue whose consumers send it back at least one message per message.
 */
function solve(component: readonly number[], values: Float64Array, equation: (v: number) => number): boolean {
  if (component.length === 1) {
    values[component[0]] = equation(component[0]);
    return true;
  }
  for (let sweep = 0; sweep < LOOP_SWEEPS; sweep++) {
    let change = 0;
    let size = 0;
    for (const v of component) {
      const next = equation(v);
      change = Math.max(change, Math.abs(next - values[v]));
      size = Math.max(size, next);
      values[v] = next;
    }
    if (size > UNBOUNDED) break;
    if (change <= 1e-12 * size) return true;
  }
  for (const v of component) values[v] = Number.POSITIVE_INFINITY;
  return false;
}

/** Expected calls along each edge per visit to its source. */
function multiplicities(t: Topology, out: readonly number[][]): Float64Array {
  const perVisit = new Float64Array(t.edges.length);
  t.nodes.forEach((node, v) => {
    if (node.kind === 'service' || node.kind === 'database') {
      // Every stage's calls, each with its probability and count.
      for (const e of out[v]) perVisit[e] = t.edges[e].params.probability * t.edges[e].params.count;
      return;
    }
    // One call per visit along an edge chosen by weight (a cache only on a miss).
    let total = 0;
    for (const e of out[v]) total += t.edges[e].params.weight;
    const miss = node.kind === 'cache' && node.params.hitRatio !== undefined ? 1 - node.params.hitRatio : 1;
    for (const e of out[v]) perVisit[e] = total > 0 ? (miss * t.edges[e].params.weight) / total : 0;
  });
  return perVisit;
}

/** A node's own time per visit, ms, before its calls. */
function ownMs(node: TopologyNode): number {
  const mean = (d: Parameters<typeof Sampler.of>[0] | undefined) => (d ? Sampler.of(d).mean : 0);
  switch (node.kind) {
    case 'service':
    case 'database':
      return mean(node.params.serviceTimeMs);
    case 'loadBalancer':
      return mean(node.params.overheadMs);
    case 'cache':
      return mean(node.params.hitLatencyMs);
    case 'queue':
      return mean(node.params.ackLatencyMs);
    default:
      return 0;
  }
}

/**
 * Time and records of one visit to `node`, from its children's. A service's stages run one after
 * another, the calls of a stage at once; a queue acknowledges at once and delivers on its own, so its
 * consumers add nothing to the producer's visit.
 */
function visitCost(
  node: TopologyNode,
  edges: readonly number[],
  t: Topology,
  perVisit: Float64Array,
  edgeTarget: Int32Array,
  edgeLatency: Float64Array,
  latencyMs: Float64Array,
  records: Float64Array,
  worstRecords: Float64Array,
): { latencyMs: number; records: number; worstRecords: number } {
  const own = ownMs(node);
  if (node.kind === 'queue') return { latencyMs: own, records: 0, worstRecords: 0 };
  if (node.kind === 'service' || node.kind === 'database') {
    const stages = new Map<number, number[]>();
    for (const e of edges) {
      const stage = t.edges[e].params.stage;
      const list = stages.get(stage);
      if (list) list.push(e);
      else stages.set(stage, [e]);
    }
    let latency = own;
    let held = 0;
    let worst = 0;
    for (const stage of stages.values()) {
      let slowest = 0;
      let stageHeld = 0;
      let stageWorst = 0;
      for (const e of stage) {
        const target = edgeTarget[e];
        const p = t.edges[e].params;
        slowest = Math.max(slowest, p.probability * (edgeLatency[e] + latencyMs[target]));
        stageHeld += perVisit[e] * (CALL_RECORDS + records[target]);
        stageWorst += p.count * (CALL_RECORDS + worstRecords[target]);
      }
      latency += slowest;
      held = Math.max(held, stageHeld);
      worst = Math.max(worst, stageWorst);
    }
    return { latencyMs: latency, records: held, worstRecords: worst };
  }
  let latency = own;
  let held = 0;
  let worst = 0;
  for (const e of edges) {
    const target = edgeTarget[e];
    latency += perVisit[e] * (edgeLatency[e] + latencyMs[target]);
    held += perVisit[e] * (CALL_RECORDS + records[target]);
    worst = Math.max(worst, CALL_RECORDS + worstRecords[target]);
  }
  return { latencyMs: latency, records: held, worstRecords: worst };
}

/**
 * Tarjan's strongly connected components, without recursion (a 200 000-node chain is fine), in
 * reverse topological order: every component comes after the components it calls into.
 */
function stronglyConnected(n: number, out: readonly number[][], edgeTarget: Int32Array): number[][] {
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  const work: { v: number; next: number }[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] >= 0) continue;
    work.push({ v: root, next: 0 });
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const { v } = frame;
      if (frame.next < out[v].length) {
        const w = edgeTarget[out[v][frame.next++]];
        if (order[w] < 0) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, next: 0 });
        } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}
