import type { Prng } from '../../random/Prng.ts';
import type { EdgeRt } from '../EdgeRt.ts';
import type { ScopeAcc } from '../ScopeAcc.ts';

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
