import { IntQueue } from '../../kernel/tables.ts';
import type { Sampler } from '../../random/Sampler.ts';
import { finishJob, makeCall, newJob, releaseJob } from '../calls.ts';
import { ErrorCode, EventKind, JobState, NodeKind, OK } from '../codes.ts';
import type { World } from '../World.ts';
import { pickEdge } from './balancer.ts';
import { NodeRt } from './NodeRt.ts';

/**
 * Message queues (brokers): a producer's request stores a message and is acknowledged after the ack
 * latency; the producer does not wait for consumers. Messages go to consumers while they have room
 * (live replicas × per-replica capacity); a failed delivery comes back after `retryDelayMs` up to
 * `maxRetries` times, then is dead-lettered. Records arrivals, depth, message age at the end and dead
 * letters.
 */

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

/** A producer's request: the message is stored and acknowledged; the producer does not wait for it. */
export function queueArrive(w: World, q: QueueRt, j: number): void {
  const jobs = w.jobs;
  q.acc.arrivals++;
  q.acc.cumArrivals++;
  jobs.start[j] = w.k.now;
  if (q.down) {
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  if (q.messages.length + q.outstanding + q.delayed >= q.capacity) {
    finishJob(w, j, ErrorCode.queueFull);
    return;
  }
  const m = newJob(w, q, 0, jobs.key[j], jobs.klass[j]);
  jobs.deliveries[m] = 0;
  jobs.state[m] = JobState.waitingMessage;
  q.messages.push(m, jobs.gen[m]);
  q.acc.depth.add(w.k.now, 1);
  const d = q.ack !== null ? q.ack.sample(q.rng) : 0;
  if (d > 0) {
    jobs.state[j] = JobState.delayed;
    jobs.phaseStart[j] = w.k.now;
    w.k.schedule(d, EventKind.delayOver, j, jobs.gen[j]);
  } else finishJob(w, j, OK);
  pump(w, q);
}

/** How many deliveries the consumers can take at once: live replicas × per-replica capacity. */
function consumerCapacity(w: World, q: QueueRt): number {
  let cap = 0;
  for (const edge of q.out) {
    if (edge.targetKind !== NodeKind.service && edge.targetKind !== NodeKind.database) continue;
    const s = w.servers[edge.target.index];
    const perReplica = Number.isFinite(s.maxInFlight) ? s.maxInFlight : s.concurrency;
    cap += s.liveCount * perReplica;
  }
  return cap;
}

/** Hands waiting messages to consumers while they have room. */
export function pump(w: World, q: QueueRt): void {
  // A delivery can fail at once (an open breaker, injected errors, a partition) and call back into
  // pump through messageChildDone: the loop below goes on instead, so the stack stays flat however
  // many messages wait.
  if (q.messages.length === 0 || q.pumping) return;
  q.pumping = true;
  const cap = consumerCapacity(w, q);
  const jobs = w.jobs;
  while (q.outstanding < cap && q.messages.length > 0) {
    const m = q.messages.shift();
    q.acc.depth.add(w.k.now, -1);
    const edge = pickEdge(w, q, jobs.klass[m], false);
    if (edge === null) {
      q.acc.deadLetters++;
      releaseJob(w, m);
      continue;
    }
    q.outstanding++;
    jobs.state[m] = JobState.calling;
    makeCall(w, m, edge);
  }
  q.pumping = false;
}

/** Every queue gets a chance to deliver (after consumers came up). */
export function pumpQueues(w: World): void {
  const queues = w.queueList;
  for (let i = 0; i < queues.length; i++) pump(w, queues[i]);
}

export function messageChildDone(w: World, q: QueueRt, m: number, code: number): void {
  const jobs = w.jobs;
  q.outstanding--;
  if (code === OK) {
    q.acc.lag.record(w.k.now - jobs.start[m]);
    releaseJob(w, m);
  } else if (jobs.deliveries[m] < q.maxRetries) {
    // Dead-letter with a TTL: the message comes back after the retry delay.
    jobs.deliveries[m]++;
    jobs.state[m] = JobState.delayed;
    q.delayed++;
    q.acc.depth.add(w.k.now, 1);
    w.k.schedule(q.retryDelayMs, EventKind.messageRetry, m, jobs.gen[m]);
  } else {
    q.acc.deadLetters++;
    releaseJob(w, m);
  }
  pump(w, q);
}

export function messageRetry(w: World, m: number): void {
  const q = w.queues[w.jobs.node[m]];
  q.delayed--;
  w.jobs.state[m] = JobState.waitingMessage;
  q.messages.push(m, w.jobs.gen[m]);
  pump(w, q);
}
