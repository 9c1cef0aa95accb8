import type { TimerLine } from '../../kernel/TimerLine.ts';
import { grown, IntQueue } from '../../kernel/tables.ts';
import { finishJob, makeCall, seg } from '../calls.ts';
import { ErrorCode, JobState, Phase } from '../codes.ts';
import type { World } from '../World.ts';
import { pickEdge } from './balancer.ts';
import { NodeRt } from './NodeRt.ts';

/**
 * Connection pools: `maxConnections` per caller instance (a pool belongs to the process that holds
 * it: two services calling one pool node each hold their own per instance), a FIFO of waiters with an
 * optional acquire timeout. A connection is held from acquire until the
 * call through it is answered. Records arrivals, waits and the number waiting.
 */

export class PoolRt extends NodeRt {
  maxConnections = 1;
  acquireTimeoutMs = 0;
  /** The waiters' acquire timeouts, when `acquireTimeoutMs` > 0. */
  acquireTimeouts: TimerLine | null = null;
  /** Per pool instance: connections in use and the FIFO of waiting jobs. */
  used = new Int32Array(0);
  /**
   * Per caller node index: the pool instance of each of its instances (-1 until its first call),
   * numbered across callers in the order they first call.
   */
  readonly instanceOf = new Map<number, Int32Array>();
  instances = 0;
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

/** The pool instance a call from `callerNode`'s instance `callerInstance` takes its connection from. */
export function poolInstanceFor(pool: PoolRt, callerNode: number, callerInstance: number): number {
  let ofCaller = pool.instanceOf.get(callerNode);
  if (ofCaller === undefined || callerInstance >= ofCaller.length) {
    const old = ofCaller ?? new Int32Array(0);
    ofCaller = grown(old, Math.max(callerInstance + 1, 2 * old.length, 4), -1);
    pool.instanceOf.set(callerNode, ofCaller);
  }
  if (ofCaller[callerInstance] < 0) ofCaller[callerInstance] = pool.instances++;
  return ofCaller[callerInstance];
}

/** The pool instance `callerNode`'s instance `callerInstance` has, or -1 if it has not called yet. */
export function ownedPoolInstance(pool: PoolRt, callerNode: number, callerInstance: number): number {
  const ofCaller = pool.instanceOf.get(callerNode);
  return ofCaller !== undefined && callerInstance < ofCaller.length ? ofCaller[callerInstance] : -1;
}

export function poolArrive(w: World, pool: PoolRt, j: number): void {
  const jobs = w.jobs;
  pool.acc.arrivals++;
  pool.acc.cumArrivals++;
  jobs.start[j] = w.k.now;
  if (pool.down) {
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  const inst = jobs.replica[j];
  pool.ensure(inst);
  if (pool.used[inst] < pool.maxConnections) {
    acquire(w, pool, j, inst);
    return;
  }
  jobs.state[j] = JobState.poolWait;
  pool.waiters[inst].push(j, jobs.gen[j]);
  pool.acc.queue.add(w.k.now, 1);
  if (pool.acquireTimeouts !== null) w.k.startTimer(pool.acquireTimeouts, j, jobs.gen[j]);
}

function acquire(w: World, pool: PoolRt, j: number, inst: number): void {
  const jobs = w.jobs;
  pool.used[inst]++;
  jobs.holding[j] = 1;
  const wait = w.k.now - jobs.start[j];
  pool.acc.wait.record(wait);
  seg(w, j, pool.index, Phase.pool, wait);
  const edge = pickEdge(w, pool, jobs.klass[j], false);
  if (edge === null) {
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  jobs.state[j] = JobState.calling;
  makeCall(w, j, edge);
}

export function poolTimeout(w: World, j: number): void {
  if (w.jobs.state[j] !== JobState.poolWait) return;
  const pool = w.pools[w.jobs.node[j]];
  pool.acc.queue.add(w.k.now, -1);
  pool.acc.wait.record(w.k.now - w.jobs.start[j]);
  // The entry stays in the waiters' ring; its generation marks it stale once this job is released.
  finishJob(w, j, ErrorCode.poolTimeout);
}

/** Gives the connection back and hands it to the first waiter still waiting. */
export function poolRelease(w: World, pool: PoolRt, j: number): void {
  const jobs = w.jobs;
  if (jobs.holding[j] === 0) return;
  jobs.holding[j] = 0;
  const inst = jobs.replica[j];
  pool.used[inst]--;
  // A waiter's call can fail at once (an open breaker, injected errors) and release its connection
  // from inside acquire: the loop below, further up the stack, then hands it on, so the stack stays
  // flat however many jobs wait.
  if (pool.releasing === inst) return;
  const outer = pool.releasing;
  pool.releasing = inst;
  const waiters = pool.waiters[inst];
  while (pool.used[inst] < pool.maxConnections && waiters.length > 0) {
    const next = waiters.shift();
    if (jobs.gen[next] !== waiters.shiftedGen || jobs.state[next] !== JobState.poolWait) continue;
    pool.acc.queue.add(w.k.now, -1);
    acquire(w, pool, next, inst);
  }
  pool.releasing = outer;
}
