import { ERROR_REASONS, type ErrorReason } from '../results/types.ts';

/**
 * The small integers the hot loop switches on, each set named in words. `as const` objects, so a
 * switch over one is exhaustive and a code reads as `EventKind.workDone`, not `3`.
 */

/** Node kinds, in the order of NODE_KINDS (the file format's list). */
export const NodeKind = {
  client: 0,
  loadBalancer: 1,
  service: 2,
  pool: 3,
  cache: 4,
  queue: 5,
  database: 6,
} as const;
export type NodeKindCode = (typeof NodeKind)[keyof typeof NodeKind];

/**
 * Event kinds of the model, with their operands (a, b). 0 is the kernel's own (a timer line's front is
 * due); the three timeouts run on timer lines, the rest through the heap.
 */
export const EventKind = {
  /** An open-loop client's next request: client node, the client's arrival generation. */
  arrival: 1,
  /** A job reaches its node after the network: job, job generation. */
  deliver: 2,
  /** A server's own work on a job is done: job, gen. */
  workDone: 3,
  /** A pure delay (overhead, injected latency, cache lookup, broker ack) is over: job, gen. */
  delayOver: 4,
  /** An attempt's timeout (timer line per edge): call, call generation. */
  attemptTimeout: 6,
  /** A retry's backoff is over: call, gen. */
  retry: 7,
  /** A client's deadline for a request (timer line per client): root job, gen. */
  rootTimeout: 8,
  /** A pool's acquire timeout (timer line per pool): job, gen. */
  poolTimeout: 9,
  /** A metrics window closes: -, -. */
  windowEnd: 10,
  /** A scenario event applies (b = 0) or reverts (b = 1): event index, phase. */
  scenario: 11,
  /** A load balancer's health check: node, -. */
  healthCheck: 12,
  /** A replica finished starting: node, replica. */
  replicaUp: 13,
  /** A shard's leader election ends: node, shard. */
  electionOver: 14,
  /** An autoscaler evaluates: node, -. */
  autoscale: 15,
  /** A dead-lettered message comes back: message job, gen. */
  messageRetry: 16,
  /** A closed-loop user is ready to send: client node, -. */
  userReady: 17,
  /** A rolling restart's next batch: node, next replica. */
  rollingStep: 18,
  /** A balancer's unanswered health probes time out: node, -. */
  healthCheckTimeout: 19,
  /** A Raft message or election timer reaches a consensus member (nodes/raft.ts): node, message. */
  raft: 20,
} as const;

/** What a job is doing. */
export const JobState = {
  free: 0,
  /** On the network to its node. */
  travelling: 1,
  /** In a replica's waiting room. */
  queued: 2,
  /** A server's own work. */
  working: 3,
  /** A pure delay (overhead, injected latency, lookup, ack). */
  delayed: 4,
  /** Waiting for calls it made. */
  calling: 5,
  /** Waiting for a pool connection. */
  poolWait: 7,
  /** A message in a broker, waiting for a consumer. */
  waitingMessage: 8,
  /** A cache miss waiting behind the in-flight miss for the same key. */
  coalesced: 9,
  /** A client's request as a whole. */
  root: 10,
  /** At a consensus group without a leader, waiting for the next one (`noLeader: "wait"`). */
  awaitingLeader: 11,
} as const;

/** Replica life cycle. */
export const ReplicaState = { off: 0, starting: 1, alive: 2, draining: 3 } as const;

/** Error reasons as indices into ERROR_REASONS; 0 means success. */
export const OK = 0;
export const ErrorCode = Object.fromEntries(ERROR_REASONS.map((r, i) => [r, i + 1])) as Record<
  ErrorReason,
  number
>;
export const REASON_COUNT = ERROR_REASONS.length;

/**
 * The class of requests from a client that declares no classes: a bit of its own, so that an edge
 * filtered to declared classes never carries them (declared classes use bits 0–30).
 */
export const UNCLASSED = 31;

/** Tail-attribution phases, in PHASES order. */
export const Phase = { queue: 0, work: 1, pool: 2, network: 3, retry: 4 } as const;
