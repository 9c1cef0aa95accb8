/**
 * Pooled records for the hot loop, kept as parallel typed arrays with a free list, so that simulating a
 * request allocates nothing and memory follows the number of requests in flight, never the number
 * simulated. A record's generation is bumped when it is freed: an event that carries (index, gen) is
 * stale, and ignored, once the record has moved on. This is how timeouts and cancellations work without
 * ever removing an event from the heap.
 */

/** A copy of `array` grown to `size`, the new tail filled with `fill`. */
export function grown<T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number, fill = 0): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  if (fill !== 0) next.fill(fill);
  next.set(array);
  return next;
}

/** A request's visit to one node. Every column has one meaning; those of one node kind say so. */
export class JobTable {
  node = new Int32Array(0);
  replica = new Int32Array(0);
  /** The call that brought this job here (-1 for roots and broker messages) and its generation then. */
  call = new Int32Array(0);
  callGen = new Int32Array(0);
  /** Roots: the call carrying the request along its client's edge, until it answers. */
  rootCall = new Int32Array(0);
  gen = new Int32Array(0);
  /** A JobState. */
  state = new Uint8Array(0);
  /** Holds a unit of its node's capacity: a service's in-flight slot, a pool's connection. */
  holding = new Uint8Array(0);
  /** On its replica's list of jobs present (services and databases), through `prev` and `next`. */
  linked = new Uint8Array(0);
  /** Databases: a read (any instance of the shard), not a write (the primary). */
  isRead = new Uint8Array(0);
  /** Arrival at the node (roots: creation). */
  start = new Float64Array(0);
  /** When the job's current phase (work, a pure delay, a coalesced wait) began. */
  phaseStart = new Float64Array(0);
  key = new Float64Array(0);
  klass = new Int32Array(0);
  /** Roots: the class's index among its client's classes, or -1. */
  localClass = new Int32Array(0);
  /** Broker messages: delivery attempts so far. */
  deliveries = new Int32Array(0);
  /** Cache jobs: the lookup hit. */
  cacheHit = new Uint8Array(0);
  /** Services and databases: the call stage under way, its calls still out, its first required error. */
  stage = new Int32Array(0);
  pending = new Int32Array(0);
  stageError = new Uint8Array(0);
  /** The job's critical path so far: a list in the segment table. */
  segHead = new Int32Array(0);
  segTail = new Int32Array(0);
  /**
   * Links in the one list the job is on at its node: its replica's jobs present (services), or the
   * misses waiting behind a cache's in-flight miss for the same key (`next` only).
   */
  prev = new Int32Array(0);
  next = new Int32Array(0);
  private free = new Int32Array(0);
  private freeCount = 0;
  capacity = 0;
  live = 0;

  /**
   * `maxLive` bounds the records in flight: growing past it calls `onFull`, which must throw (work that
   * grows without bound is stopped there, at no cost to the hot path).
   */
  constructor(
    capacity = 1024,
    private readonly maxLive = Number.POSITIVE_INFINITY,
    private readonly onFull: () => never = () => {
      throw new RangeError('job table full');
    },
  ) {
    this.grow(capacity);
  }

  alloc(): number {
    // The last growth stops at maxLive, so the records in flight never pass it.
    if (this.freeCount === 0) this.grow(Math.min(this.capacity * 2, Math.max(this.maxLive, 1)));
    const j = this.free[--this.freeCount];
    this.live++;
    return j;
  }

  release(j: number): void {
    this.gen[j] = (this.gen[j] + 1) | 0;
    this.state[j] = 0;
    this.free[this.freeCount++] = j;
    this.live--;
  }

  private grow(size: number): void {
    if (this.capacity > 0 && this.capacity >= this.maxLive) this.onFull();
    const old = this.capacity;
    this.node = grown(this.node, size);
    this.replica = grown(this.replica, size);
    this.call = grown(this.call, size);
    this.callGen = grown(this.callGen, size);
    this.rootCall = grown(this.rootCall, size);
    this.gen = grown(this.gen, size);
    this.state = grown(this.state, size);
    this.holding = grown(this.holding, size);
    this.linked = grown(this.linked, size);
    this.isRead = grown(this.isRead, size);
    this.start = grown(this.start, size);
    this.phaseStart = grown(this.phaseStart, size);
    this.key = grown(this.key, size);
    this.klass = grown(this.klass, size);
    this.localClass = grown(this.localClass, size);
    this.deliveries = grown(this.deliveries, size);
    this.cacheHit = grown(this.cacheHit, size);
    this.stage = grown(this.stage, size);
    this.pending = grown(this.pending, size);
    this.stageError = grown(this.stageError, size);
    this.segHead = grown(this.segHead, size);
    this.segTail = grown(this.segTail, size);
    this.prev = grown(this.prev, size);
    this.next = grown(this.next, size);
    this.free = grown(this.free, size);
    // Hand out low indices first: they stay warm in cache.
    for (let j = size - 1; j >= old; j--) this.free[this.freeCount++] = j;
    this.capacity = size;
  }
}

/** A caller's call along an edge, across its attempts. */
export class CallTable {
  caller = new Int32Array(0);
  callerGen = new Int32Array(0);
  edge = new Int32Array(0);
  /**
   * The caller's instance (its job's replica, 0 for a node with one instance), kept from the call's
   * start: the caller may be gone, and its job slot reused, when an attempt's outcome comes back.
   */
  instance = new Int32Array(0);
  /** Attempts made so far (1 during the first). */
  attempt = new Int32Array(0);
  /** Bumped at every attempt, backoff and release: timers and answers of an older attempt are stale. */
  gen = new Int32Array(0);
  /** The attempt is a half-open circuit breaker's probe. */
  probe = new Uint8Array(0);
  /** The attempt went into a network partition: it can only time out. */
  blackholed = new Uint8Array(0);
  /** When the call, and its current attempt, began. */
  start = new Float64Array(0);
  tryStart = new Float64Array(0);
  /** The current attempt's network round trip. */
  rtt = new Float64Array(0);
  private free = new Int32Array(0);
  private freeCount = 0;
  capacity = 0;

  constructor(capacity = 1024) {
    this.grow(capacity);
  }

  alloc(): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    return this.free[--this.freeCount];
  }

  release(c: number): void {
    this.gen[c] = (this.gen[c] + 1) | 0;
    this.free[this.freeCount++] = c;
  }

  private grow(size: number): void {
    const old = this.capacity;
    this.caller = grown(this.caller, size);
    this.callerGen = grown(this.callerGen, size);
    this.edge = grown(this.edge, size);
    this.instance = grown(this.instance, size);
    this.attempt = grown(this.attempt, size);
    this.gen = grown(this.gen, size);
    this.probe = grown(this.probe, size);
    this.blackholed = grown(this.blackholed, size);
    this.start = grown(this.start, size);
    this.tryStart = grown(this.tryStart, size);
    this.rtt = grown(this.rtt, size);
    this.free = grown(this.free, size);
    for (let c = size - 1; c >= old; c--) this.free[this.freeCount++] = c;
    this.capacity = size;
  }
}

/**
 * Segments of a request's critical path: (hop, phase, duration) in singly linked lists. A hop is a node
 * index, or -1 - edge index for network and retry time.
 */
export class SegmentTable {
  hop = new Int32Array(0);
  phase = new Uint8Array(0);
  ms = new Float64Array(0);
  next = new Int32Array(0);
  private free = new Int32Array(0);
  private freeCount = 0;
  capacity = 0;

  constructor(capacity = 4096) {
    this.grow(capacity);
  }

  alloc(hop: number, phase: number, ms: number): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    const s = this.free[--this.freeCount];
    this.hop[s] = hop;
    this.phase[s] = phase;
    this.ms[s] = ms;
    this.next[s] = -1;
    return s;
  }

  /** Frees a whole list. */
  releaseList(head: number): void {
    let s = head;
    while (s >= 0) {
      const n = this.next[s];
      this.free[this.freeCount++] = s;
      s = n;
    }
  }

  private grow(size: number): void {
    const old = this.capacity;
    this.hop = grown(this.hop, size);
    this.phase = grown(this.phase, size);
    this.ms = grown(this.ms, size);
    this.next = grown(this.next, size);
    this.free = grown(this.free, size);
    for (let s = size - 1; s >= old; s--) this.free[this.freeCount++] = s;
    this.capacity = size;
  }
}

/**
 * A growable FIFO ring of (job, generation) pairs: jobs waiting at a replica, a pool, a broker. The
 * generation lets a waiter that gave up (a pool acquire timeout) stay in the ring and be skipped later.
 */
export class IntQueue {
  private items: Int32Array;
  private gens: Int32Array;
  private head = 0;
  length = 0;
  /** Generation of the item last returned by `shift`. */
  shiftedGen = 0;

  constructor(capacity = 16) {
    this.items = new Int32Array(capacity);
    this.gens = new Int32Array(capacity);
  }

  push(x: number, gen = 0): void {
    const size = this.items.length;
    if (this.length === size) {
      const items = new Int32Array(size * 2);
      const gens = new Int32Array(size * 2);
      for (let i = 0; i < this.length; i++) {
        items[i] = this.items[(this.head + i) % size];
        gens[i] = this.gens[(this.head + i) % size];
      }
      this.items = items;
      this.gens = gens;
      this.head = 0;
    }
    const at = (this.head + this.length) % this.items.length;
    this.items[at] = x;
    this.gens[at] = gen;
    this.length++;
  }

  shift(): number {
    const x = this.items[this.head];
    this.shiftedGen = this.gens[this.head];
    this.head = (this.head + 1) % this.items.length;
    this.length--;
    return x;
  }

  /** The i-th item from the head (0 = next out). */
  at(i: number): number {
    return this.items[(this.head + i) % this.items.length];
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }
}
