import type { Prng } from '../random/Prng.ts';
import type { Sampler } from '../random/Sampler.ts';
import type { Zipf } from '../random/Zipf.ts';
import { R } from './codes.ts';
import type { ScopeAcc } from './ScopeAcc.ts';
import { grown, IntQueue } from './tables.ts';

/**
 * Run-time state of nodes and edges. One class per behaviour, all sharing `NodeRt`'s fields in the
 * same order, so V8 keeps their shapes stable; per-replica state lives in typed arrays.
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
    readonly kind: number,
    readonly region: number,
    readonly rng: Prng,
    readonly acc: ScopeAcc,
    readonly total: ScopeAcc,
  ) {}
}

export class ClientRt extends NodeRt {
  open = true;
  constantArrivals = false;
  baseRps = 0;
  profileSec: Float64Array = new Float64Array(0);
  profileRps: Float64Array = new Float64Array(0);
  stepProfile = false;
  multiplier = 1;
  /** Traffic factors of the multiplier events in force; `multiplier` is their product. */
  factors: number[] = [];
  arrivalGen = 0;
  timeoutMs = 0;
  users = 0;
  activeUsers = 0;
  think: Sampler | null = null;
  zipf: Zipf | null = null;
  keyCount = 0;
  nextKey = 0;
  classWeights: Float64Array = new Float64Array(0);
  /** Global class index of each of this client's classes. */
  classIndex: Int32Array = new Int32Array(0);
  classAcc: ScopeAcc[] = [];
  classTotal: ScopeAcc[] = [];
  /** End-to-end accumulators this client's roots also record into. */
  e2e: ScopeAcc | null = null;
}

/** A service or a database: replicas with workers, an in-flight limit and a waiting room each. */
export class ServerRt extends NodeRt {
  concurrency = 1;
  maxInFlight = Number.POSITIVE_INFINITY;
  queueCapacity = Number.POSITIVE_INFINITY;
  serviceTime!: Sampler;
  errorRate = 0;
  startupMs = 0;
  /** A leak: each request a replica starts adds this to the own work of its later ones (`leakMsPerRequest`). */
  leakMs = 0;
  /** Requests started per replica since it last came up (kept only when `leakMs` > 0). */
  served = new Float64Array(0);
  rateLimitPerMs = 0;
  burst = 1;
  /** Replica slots allocated; `target` of them should be running. */
  slots = 0;
  target = 0;
  state = new Uint8Array(0);
  busy = new Int32Array(0);
  inFlight = new Int32Array(0);
  queues: IntQueue[] = [];
  tokens = new Float64Array(0);
  tokenTime = new Float64Array(0);
  /** Head of each replica's list of jobs present (for failing them when it is killed). */
  jobsHead = new Int32Array(0);
  /** Alive replicas as a dense list, with each replica's position in it (-1 when not alive). */
  live = new Int32Array(0);
  livePos = new Int32Array(0);
  liveCount = 0;
  /** Bumped on every change of the live set; load balancers compare it to refresh their view. */
  liveVersion = 0;
  // Databases: instance i belongs to shard floor(i / perShard); primary[shard] takes the writes.
  shards = 1;
  perShard = 1;
  readRatio = 1;
  failoverMs = 0;
  primary = new Int32Array(0);
  electing = new Uint8Array(0);
  /** Some outgoing edge has a saga compensation. */
  compensates = false;
  autoscale: { min: number; max: number; target: number; everyMs: number; provisionMs: number } | null = null;
  rollingBatch = 0;
  lastBusyIntegral = 0;
  lastWorkersIntegral = 0;

  ensureSlots(n: number): void {
    if (n <= this.slots) return;
    this.state = grown(this.state, n);
    this.busy = grown(this.busy, n);
    this.inFlight = grown(this.inFlight, n);
    this.tokens = grown(this.tokens, n);
    this.tokenTime = grown(this.tokenTime, n);
    this.served = grown(this.served, n);
    this.jobsHead = grown(this.jobsHead, n, -1);
    this.live = grown(this.live, n);
    this.livePos = grown(this.livePos, n, -1);
    for (let i = this.slots; i < n; i++) {
      this.queues.push(new IntQueue());
      this.tokens[i] = this.burst;
    }
    this.slots = n;
  }

  isAlive(r: number): boolean {
    return this.state[r] === R.alive;
  }

  markAlive(r: number): void {
    if (this.livePos[r] >= 0) return;
    this.livePos[r] = this.liveCount;
    this.live[this.liveCount++] = r;
    this.liveVersion++;
  }

  markNotAlive(r: number): void {
    const pos = this.livePos[r];
    if (pos < 0) return;
    const last = this.live[--this.liveCount];
    this.live[pos] = last;
    this.livePos[last] = pos;
    this.livePos[r] = -1;
    this.liveVersion++;
  }
}

export class BalancerRt extends NodeRt {
  policy = 0;
  overhead: Sampler | null = null;
  healthEveryMs = 0;
  rateLimitPerMs = 0;
  burst = 1;
  tokens = 0;
  tokenTime = 0;
  rr = 0;
  /** Per outgoing edge: the replicas the balancer believes alive (refreshed at health checks). */
  views: BalancerView[] = [];
}

export class BalancerView {
  replicas = new Int32Array(0);
  count = 0;
  version = -1;
}

export class PoolRt extends NodeRt {
  maxConnections = 1;
  acquireTimeoutMs = 0;
  /** Per caller replica: connections in use and the FIFO of waiting jobs. */
  used = new Int32Array(0);
  waiters: IntQueue[] = [];
  /** The instance whose waiters `poolRelease` is handing connections to, or -1. */
  releasing = -1;

  ensure(instance: number): void {
    if (instance < this.used.length) return;
    const n = Math.max(instance + 1, this.used.length * 2, 4);
    const used = new Int32Array(n);
    used.set(this.used);
    this.used = used;
    while (this.waiters.length < n) this.waiters.push(new IntQueue());
  }
}

export class CacheRt extends NodeRt {
  hitLatency: Sampler | null = null;
  hitRatio = -1;
  capacity = 0;
  ttlMs = 0;
  coalesce = false;
  /** LRU: key → slot, and slots in a doubly linked recency list (head = most recent). */
  slotOf = new Map<number, number>();
  slotKey = new Float64Array(0);
  slotTime = new Float64Array(0);
  slotPrev = new Int32Array(0);
  slotNext = new Int32Array(0);
  freeList = new Int32Array(0);
  freeSlots = 0;
  used = 0;
  head = -1;
  tail = -1;
  /** Singleflight: key → first job waiting behind the in-flight miss (linked through job.next). */
  inflight = new Map<number, number>();
}

export class QueueRt extends NodeRt {
  capacity = Number.POSITIVE_INFINITY;
  ack: Sampler | null = null;
  maxRetries = 0;
  retryDelayMs = 0;
  messages = new IntQueue();
  /** Messages out for delivery to consumers, or waiting out a retry delay. */
  outstanding = 0;
  delayed = 0;
  /** Set while `pump` runs: a delivery that fails at once re-enters it through messageChildDone. */
  pumping = false;
}

export class EdgeRt {
  /** Position in its source's `out` list. */
  slot = 0;
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
  retriesMax = 0;
  backoffMs = 0;
  backoffMultiplier = 2;
  jitter = 0;
  /** Bit set of the request classes this edge carries (all when no filter is given). */
  classMask = -1;
  breaker: Breaker | null = null;
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

/**
 * A circuit breaker over a rolling window of attempt outcomes in ten buckets. Open: calls fail fast.
 * After `openMs` one probe goes through (half-open); its success closes the breaker, its failure
 * reopens it.
 */
export class Breaker {
  state: 0 | 1 | 2 = 0; // closed, open, half-open
  openedAt = 0;
  probeOut = false;
  private readonly requests = new Float64Array(10);
  private readonly failures = new Float64Array(10);
  private bucketStart = 0;
  private bucket = 0;
  opened = 0;

  constructor(
    readonly errorRatio: number,
    readonly minRequests: number,
    readonly windowMs: number,
    readonly openMs: number,
  ) {}

  /** Whether an attempt may go now; marks the half-open probe as taken. */
  allow(now: number): boolean {
    if (this.state === 0) return true;
    if (this.state === 1 && now - this.openedAt >= this.openMs) this.state = 2;
    if (this.state === 2 && !this.probeOut) {
      this.probeOut = true;
      return true;
    }
    return false;
  }

  record(now: number, ok: boolean, probe: boolean): void {
    if (probe) {
      this.probeOut = false;
      if (ok) this.close(now);
      else this.open(now);
      return;
    }
    if (this.state !== 0) return;
    this.roll(now);
    this.requests[this.bucket]++;
    if (!ok) this.failures[this.bucket]++;
    let n = 0;
    let f = 0;
    for (let i = 0; i < 10; i++) {
      n += this.requests[i];
      f += this.failures[i];
    }
    if (n >= this.minRequests && f / n >= this.errorRatio) this.open(now);
  }

  private open(now: number): void {
    this.state = 1;
    this.openedAt = now;
    this.opened++;
  }

  private close(now: number): void {
    this.state = 0;
    this.requests.fill(0);
    this.failures.fill(0);
    this.bucketStart = now;
  }

  private roll(now: number): void {
    const width = this.windowMs / 10;
    while (now - this.bucketStart >= width) {
      this.bucket = (this.bucket + 1) % 10;
      this.requests[this.bucket] = 0;
      this.failures[this.bucket] = 0;
      this.bucketStart += width;
      if (now - this.bucketStart > this.windowMs) {
        this.requests.fill(0);
        this.failures.fill(0);
        this.bucketStart = now;
      }
    }
  }
}
