import type { Prng } from '../../random/Prng.ts';
import type { EdgeRt } from '../EdgeRt.ts';
import type { ScopeAcc } from '../ScopeAcc.ts';

/**
 * What a balancer's choice of target edge depends on, as one number: bumped whenever a replica starts
 * or stops being alive, a node's region goes down or comes back, or a balancer's health checks change
 * what it believes. A choice remembered at one version is still right while the version stands.
 */
export class Liveness {
  version = 0;
}

/**
 * The outgoing edges of one node that carry one request class (and, at a balancer, look alive), with
 * the running sum of their weights: a weighted choice among thousands of edges is a binary search.
 */
export class EdgeChoice {
  constructor(
    /** The `Liveness` version it was made at (0 for a node that is no balancer: it never changes). */
    readonly version: number,
    readonly edges: EdgeRt[],
    readonly sums: Float64Array,
  ) {}
}

/**
 * What every node has at run time. Each kind extends it in its own file (`client.ts`, `server.ts`, …)
 * with its parameters and state; per-replica state lives in typed arrays. The hot loop reaches a
 * kind's nodes through that kind's own array (`World.servers[i]`), so property reads stay monomorphic.
 */
export class NodeRt {
  /** Set when the node's region is down: every arrival fails as a dead instance. */
  down = false;
  /** Chaos: extra latency after the own work, and an extra error probability. */
  addMs = 0;
  addErrorRate = 0;
  /** Outgoing edges, and the same grouped by stage in stage order (services, databases). */
  out: EdgeRt[] = [];
  stages: EdgeRt[][] = [];
  /** Sum of outgoing edge weights, for weighted choice. */
  outWeight = 0;
  /** Per request class, the choice among `out` once it is too long to scan (see `pickEdge`). */
  choices: (EdgeChoice | undefined)[] | null = null;

  constructor(
    readonly index: number,
    readonly id: string,
    /** A NodeKind code. */
    readonly kind: number,
    readonly region: number,
    /** The node's own random stream: every draw the node makes comes from here. */
    readonly rng: Prng,
    /** Metrics of the current window, and of the run after warm-up. */
    readonly acc: ScopeAcc,
    readonly total: ScopeAcc,
  ) {}
}
