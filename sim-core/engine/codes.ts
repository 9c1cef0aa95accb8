import { ERROR_REASONS, type ErrorReason } from '../results/types.ts';

/** Node kinds as small integers for switch dispatch in the hot loop, in the order of NODE_KINDS. */
export const K = {
  client: 0,
  loadBalancer: 1,
  service: 2,
  pool: 3,
  cache: 4,
  queue: 5,
  database: 6,
} as const;
export type KindCode = (typeof K)[keyof typeof K];

/** Event kinds in the future-event list. Operands (a, b) are noted beside each. */
export const E = {
  arrival: 1, // client, client arrival generation
  deliver: 2, // job, job generation
  workDone: 3, // job, gen
  resume: 4, // job, gen: a pure delay (overhead, injected latency, cache hit, broker ack) ended
  response: 5, // job, gen: a finished job's response reaches its caller
  attemptTimeout: 6, // call, call generation
  retry: 7, // call, gen: backoff over
  rootTimeout: 8, // job, gen
  poolTimeout: 9, // job, gen
  window: 10, // -, -
  scenario: 11, // event index, 0 apply / 1 revert
  healthCheck: 12, // node, -
  replicaUp: 13, // node, replica
  failover: 14, // node, shard
  autoscale: 15, // node, -
  messageRetry: 16, // message job, gen
  think: 17, // client, -
  rolling: 18, // node, next replica to restart
} as const;

/** Job states. */
export const S = {
  free: 0,
  travelling: 1,
  queued: 2,
  working: 3,
  delayed: 4,
  calling: 5,
  responding: 6,
  poolWait: 7,
  waitingMessage: 8,
  coalesced: 9,
  root: 10,
} as const;

/** Replica states. */
export const R = { off: 0, starting: 1, alive: 2, draining: 3 } as const;

/** Error reasons as indices into ERROR_REASONS; 0 means success. */
export const OK = 0;
export const ERR = Object.fromEntries(ERROR_REASONS.map((r, i) => [r, i + 1])) as Record<ErrorReason, number>;
export const REASON_COUNT = ERROR_REASONS.length;

/**
 * The class of requests from a client that declares no classes: a bit of its own, so that an edge
 * filtered to declared classes never carries them (declared classes use bits 0–30).
 */
export const UNCLASSED = 31;

/** Tail-attribution phases, in PHASES order. */
export const P = { queue: 0, work: 1, pool: 2, network: 3, retry: 4 } as const;
