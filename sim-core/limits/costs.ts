/**
 * What the engine's structures cost, in bytes of JavaScript heap plus typed-array memory, and what a
 * request costs in events: the constants of the resource model (`estimateRun`). Measured on the engine
 * by `memory.test.ts`, which fails when the engine's real use leaves the band documented there: whoever
 * changes what a node, a replica or a window costs updates these numbers.
 */
export const BYTES = {
  /**
   * A node or an edge: its run-time record and its two metric accumulators (the open window and the
   * run total), each with three latency histograms that allocate 64 counters an octave as values reach
   * it (measured 5–12 KB a scope: idle ones share an empty histogram; twice the busy figure here).
   */
  perScope: 24_000,
  /** A client, request class or the end-to-end scope beyond the nodes': the same two accumulators. */
  perExtraScope: 24_000,
  /** A service or database instance slot: its typed-array columns, its waiting room, balancer views. */
  perReplica: 650,
  /**
   * A per-instance circuit breaker of one caller instance on one edge: its record and its two windows
   * of ten buckets (measured 670 bytes), made when that instance first calls.
   */
  perInstanceBreaker: 700,
  /** A caller instance of a connection pool: its connection count and queue of waiters. */
  perPoolInstance: 400,
  /** An LRU cache entry: the key's map entry and its slot in the recency list. */
  perCacheEntry: 80,
  /**
   * A per-instance cache's store for one caller instance: its record, its two maps and the first 64
   * slots of its recency list (measured 3.5 KB with ten entries).
   */
  perCacheInstance: 3_500,
  /**
   * A closed metric window (kept for the whole run): its record, and a scope's numbers in its compact
   * Float64Array (up to 32 float64s).
   */
  perWindow: 300,
  perWindowRow: 200,
  /** Tail attribution: per latency bucket touched after warm-up, five phases per hop (node or edge). */
  perTailBucketHop: 40,
  /** A request record at one hop (a job), a call along an edge, a critical-path segment, a heap entry. */
  perJob: 90,
  perCall: 66,
  perSegment: 22,
  perHeapEntry: 28,
} as const;

/**
 * Tables grow by doubling, and a grow holds the old and the new arrays at once: live records cost up to
 * this many times their size.
 */
export const TABLE_GROWTH = 3;

/** Coarse latency buckets the tail attribution is expected to touch (eight per octave: 1 ms … 256 ms). */
export const TAIL_BUCKETS = 64;

/** Events per request, by what it does. Calibrated on the presets (see `estimate.test.ts`). */
export const EVENTS = {
  /** A root request: its arrival (or a closed-loop user's end of thinking). */
  perRequest: 1,
  /** A call along an edge with a network latency: delivery, the work or wait at its target, the response. */
  perCall: 3,
  /** A call along an edge without one: handed over at once, only the work at its target is an event. */
  perInstantCall: 1,
} as const;
