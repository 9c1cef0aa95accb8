/** A call from `source` to `target`: edge number `index` of the topology. */
export interface CallEdge {
  index: number;
  source: string;
  target: string;
}

/** A cycle of synchronous calls: `nodeIds` in call order, closed by edge `edgeIndex` back to the first. */
export interface CallCycle {
  edgeIndex: number;
  nodeIds: string[];
}

/** Enough to show the user; a document with more cycles than this has a systematic mistake. */
const MAX_CYCLES = 20;

/**
 * Finds call cycles: loops of synchronous calls that would recurse forever. Edges out of a node for
 * which `isAsync` holds (a queue: the producer is done at enqueue, so the hand-off breaks the recursion)
 * are ignored, and so are self-loops, which the caller reports on their own.
 *
 * Iterative depth-first search over a compact adjacency array, O(nodes + edges): a recursive search
 * would overflow the stack on a 10 000-node chain. Each back edge closes a cycle; a cycle is reported
 * only if neither end of its back edge is already in a reported one, so overlapping loops through the
 * same nodes are reported once, and at most `MAX_CYCLES` are reported.
 */
export function findCallCycles(
  edges: readonly CallEdge[],
  isAsync: (nodeId: string) => boolean,
): CallCycle[] {
  const numberOf = new Map<string, number>();
  const names: string[] = [];
  const number = (id: string): number => {
    let n = numberOf.get(id);
    if (n === undefined) {
      n = names.length;
      numberOf.set(id, n);
      names.push(id);
    }
    return n;
  };
  const calls = edges.filter((e) => e.source !== e.target && !isAsync(e.source));
  const from = calls.map((e) => number(e.source));
  const to = calls.map((e) => number(e.target));
  const n = names.length;

  // Compressed adjacency: the calls out of node u are order[start[u] .. start[u + 1]).
  const start = new Int32Array(n + 1);
  for (const u of from) start[u + 1]++;
  for (let u = 0; u < n; u++) start[u + 1] += start[u];
  const order = new Int32Array(calls.length);
  const fill = start.slice(0, n);
  for (let e = 0; e < calls.length; e++) order[fill[from[e]]++] = e;

  const WHITE = 0;
  const ON_STACK = 1;
  const DONE = 2;
  const color = new Uint8Array(n);
  const cursor = start.slice(0, n);
  const stack = new Int32Array(n);
  const stackPos = new Int32Array(n);
  const reported = new Uint8Array(n);
  const cycles: CallCycle[] = [];

  for (let root = 0; root < n && cycles.length < MAX_CYCLES; root++) {
    if (color[root] !== WHITE) continue;
    let top = 0;
    stack[top] = root;
    stackPos[root] = top++;
    color[root] = ON_STACK;
    while (top > 0) {
      const u = stack[top - 1];
      if (cursor[u] === start[u + 1]) {
        color[u] = DONE;
        top--;
        continue;
      }
      const e = order[cursor[u]++];
      const v = to[e];
      if (color[v] === WHITE) {
        stack[top] = v;
        stackPos[v] = top++;
        color[v] = ON_STACK;
      } else if (color[v] === ON_STACK && !reported[u] && !reported[v] && cycles.length < MAX_CYCLES) {
        const nodeIds: string[] = [];
        for (let i = stackPos[v]; i < top; i++) {
          reported[stack[i]] = 1;
          nodeIds.push(names[stack[i]]);
        }
        cycles.push({ edgeIndex: calls[e].index, nodeIds });
      }
    }
  }
  return cycles;
}
