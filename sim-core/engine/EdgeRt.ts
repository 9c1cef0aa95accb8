import type { TimerLine } from '../kernel/TimerLine.ts';
import type { Sampler } from '../random/Sampler.ts';
import type { Breakers } from './Breaker.ts';
import type { NodeRt } from './nodes/NodeRt.ts';
import type { ScopeAcc } from './ScopeAcc.ts';

/** An edge at run time: who calls whom, and how (latency, stages, timeouts, retries, breaker). */
export class EdgeRt {
  /** Position in its source's `out` list. */
  slot = 0;
  /** NodeKind codes of the two ends, read on every attempt. */
  sourceKind = 0;
  targetKind = 0;
  /** Chaos: extra round-trip latency and error probability on every attempt. */
  addMs = 0;
  addErrorRate = 0;
  latency: Sampler | null = null;
  /** Round-trip latency between the two endpoints' regions, when they differ. */
  regionLatency: Sampler | null = null;
  /** Source and target sit in different regions: partitions apply. */
  crossRegion = false;
  weight = 1;
  stage = 0;
  probability = 1;
  count = 1;
  required = true;
  timeoutMs = 0;
  /** The attempts' timeouts, when `timeoutMs` > 0. */
  timeouts: TimerLine | null = null;
  retriesMax = 0;
  backoffMs = 0;
  backoffMultiplier = 2;
  jitter = 0;
  /** Bit set of the request classes this edge carries (all when no filter is given). */
  classMask = -1;
  /** Its circuit breaker: shared by the caller's instances, or one for each. */
  breakers: Breakers | null = null;
  /** Saga: the edge called to undo this call when a later stage fails. */
  compensation: EdgeRt | null = null;
  /** Called only as another edge's compensation, never in the stages. */
  isCompensation = false;

  constructor(
    readonly index: number,
    readonly id: string,
    readonly source: NodeRt,
    readonly target: NodeRt,
    readonly acc: ScopeAcc,
    readonly total: ScopeAcc,
  ) {}
}
