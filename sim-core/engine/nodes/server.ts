import { grown, IntQueue } from '../../kernel/tables.ts';
import { mix32 } from '../../random/Prng.ts';
import type { Sampler } from '../../random/Sampler.ts';
import { appendSegs, finishJob, makeCall, seg } from '../calls.ts';
import { ErrorCode, EventKind, JobState, OK, Phase, ReplicaState } from '../codes.ts';
import type { EdgeRt } from '../EdgeRt.ts';
import type { World } from '../World.ts';
import type { AutoscaleRt } from './autoscale.ts';
import { type Liveness, NodeRt } from './NodeRt.ts';
import { commitMs, leaderOf, PARKED, type RaftRt } from './raft.ts';
import { releaseIfIdle } from './replicas.ts';

/**
 * Services and databases. Each replica has `concurrency` workers for the own work, an in-flight limit
 * held from the start of the own work until the response (through the downstream calls), and a FIFO
 * waiting room of `queueCapacity`. A database is the same server with instances grouped in shards.
 * Its calls run in stages: a stage's edges in parallel, the next stage once every required call of
 * this one is answered. Records arrivals, waits, the queue, busy workers and live instances; replica
 * life (kills, restarts, scaling, elections) is in `replicas.ts`.
 */

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
  /** 1 while the replica's workers count as capacity (see replicas.ts: up, or still finishing work). */
  counted = new Uint8Array(0);
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
  /** The world's liveness, bumped with `liveVersion` (set by compile). */
  liveness!: Liveness;
  // Databases: instance i belongs to shard floor(i / perShard); primary[shard] takes the writes.
  shards = 1;
  perShard = 1;
  readRatio = 1;
  failoverMs = 0;
  primary = new Int32Array(0);
  electing = new Uint8Array(0);
  /** A database with `consensus`: each shard a Raft group electing its primary (raft.ts). */
  raft: RaftRt | null = null;
  /** Instances routed by shard and role (a database with several, or a Raft group): `pickInstance`. */
  grouped = false;
  /** Some outgoing edge has a saga compensation. */
  compensates = false;
  autoscale: AutoscaleRt | null = null;
  rollingBatch = 0;
  lastBusyIntegral = 0;
  lastWorkersIntegral = 0;

  ensureSlots(n: number): void {
    if (n <= this.slots) return;
    this.state = grown(this.state, n);
    this.counted = grown(this.counted, n);
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
    return this.state[r] === ReplicaState.alive;
  }

  markAlive(r: number): void {
    if (this.livePos[r] >= 0) return;
    this.livePos[r] = this.liveCount;
    this.live[this.liveCount++] = r;
    this.liveVersion++;
    this.liveness.version++;
  }

  markNotAlive(r: number): void {
    const pos = this.livePos[r];
    if (pos < 0) return;
    const last = this.live[--this.liveCount];
    this.live[pos] = last;
    this.livePos[last] = pos;
    this.livePos[r] = -1;
    this.liveVersion++;
    this.liveness.version++;
  }
}

export function serverArrive(w: World, s: ServerRt, j: number): void {
  const jobs = w.jobs;
  const acc = s.acc;
  acc.arrivals++;
  acc.cumArrivals++;
  jobs.start[j] = w.k.now;
  if (s.down) {
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  let r = jobs.replica[j];
  if (r < 0) {
    r = s.grouped ? pickInstance(w, s, j) : s.liveCount > 0 ? s.live[(s.rng.next() * s.liveCount) | 0] : -1;
    if (r === PARKED) return; // it waits for its Raft group's next leader
    jobs.replica[j] = r;
  }
  if (r < 0 || s.state[r] !== ReplicaState.alive) {
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  admit(w, s, j, r);
}

/** Admits job `j` at live replica `r`: its rate limit, then a worker, the waiting room or a refusal. */
export function admit(w: World, s: ServerRt, j: number, r: number): void {
  const jobs = w.jobs;
  const acc = s.acc;
  if (s.rateLimitPerMs > 0) {
    const tokens = Math.min(s.burst, s.tokens[r] + (w.k.now - s.tokenTime[r]) * s.rateLimitPerMs);
    s.tokenTime[r] = w.k.now;
    if (tokens < 1) {
      s.tokens[r] = tokens;
      finishJob(w, j, ErrorCode.rateLimited);
      return;
    }
    s.tokens[r] = tokens - 1;
  }
  // Link into the replica's list of present jobs, so that killing the replica can fail them.
  const head = s.jobsHead[r];
  jobs.prev[j] = -1;
  jobs.next[j] = head;
  if (head >= 0) jobs.prev[head] = j;
  s.jobsHead[r] = j;
  jobs.linked[j] = 1;
  if (s.busy[r] < s.concurrency && s.inFlight[r] < s.maxInFlight) startWork(w, s, j, r);
  else if (s.queues[r].length < s.queueCapacity) {
    jobs.state[j] = JobState.queued;
    s.queues[r].push(j);
    acc.queue.add(w.k.now, 1);
  } else finishJob(w, j, ErrorCode.queueFull);
}

function startWork(w: World, s: ServerRt, j: number, r: number): void {
  const jobs = w.jobs;
  const wait = w.k.now - jobs.start[j];
  s.acc.wait.record(wait);
  seg(w, j, s.index, Phase.queue, wait);
  s.busy[r]++;
  s.inFlight[r]++;
  jobs.holding[j] = 1;
  s.acc.busy.add(w.k.now, 1);
  jobs.state[j] = JobState.working;
  jobs.phaseStart[j] = w.k.now;
  let workMs = s.serviceTime.sample(s.rng);
  // A leak slows the replica by a fixed amount per request it has started since it came up: linear
  // in its traffic, undone only by a restart (replicaUp). Two array accesses; nothing allocated.
  if (s.leakMs > 0) workMs += s.leakMs * s.served[r]++;
  w.k.schedule(workMs, EventKind.workDone, j, jobs.gen[j]);
}

export function workDone(w: World, j: number): void {
  const jobs = w.jobs;
  const s = w.servers[jobs.node[j]];
  const r = jobs.replica[j];
  s.busy[r]--;
  s.acc.busy.add(w.k.now, -1);
  seg(w, j, s.index, Phase.work, w.k.now - jobs.phaseStart[j]);
  dispatchReplica(w, s, r);
  if (s.state[r] !== ReplicaState.alive) releaseIfIdle(w, s, r);
  const errorRate = s.errorRate + s.addErrorRate;
  if (errorRate > 0 && s.rng.next() < errorRate) {
    finishJob(w, j, ErrorCode.intrinsic);
    return;
  }
  let delayMs = s.addMs;
  if (s.raft !== null && jobs.isRead[j] === 0) {
    // A write commits once a majority of the group has it: the leader waits for its followers.
    const commit = commitMs(s, r);
    if (commit < 0) {
      finishJob(w, j, ErrorCode.deadInstance);
      return;
    }
    delayMs += commit;
  }
  if (delayMs > 0) {
    jobs.state[j] = JobState.delayed;
    jobs.phaseStart[j] = w.k.now;
    w.k.schedule(delayMs, EventKind.delayOver, j, jobs.gen[j]);
    return;
  }
  beginCalls(w, j);
}

/** After the own work and any injected delay: the downstream calls. */
export function afterWork(w: World, j: number): void {
  beginCalls(w, j);
}

/** Starts the call stages of job `j`. */
function beginCalls(w: World, j: number): void {
  w.jobs.stage[j] = 0;
  nextStage(w, j);
}

/** Starts waiting jobs while a worker and an in-flight slot are free. */
export function dispatchReplica(w: World, s: ServerRt, r: number): void {
  const q = s.queues[r];
  // A draining replica takes no new requests but still serves the ones already waiting in it.
  const serving = s.state[r] === ReplicaState.alive || s.state[r] === ReplicaState.draining;
  while (serving && q.length > 0 && s.busy[r] < s.concurrency && s.inFlight[r] < s.maxInFlight) {
    s.acc.queue.add(w.k.now, -1);
    startWork(w, s, q.shift(), r);
  }
}

/** Releases what a finishing job holds at its replica. */
export function serverRelease(w: World, s: ServerRt, j: number): void {
  const jobs = w.jobs;
  const r = jobs.replica[j];
  if (jobs.linked[j] === 1) {
    jobs.linked[j] = 0;
    const prev = jobs.prev[j];
    const next = jobs.next[j];
    if (prev >= 0) jobs.next[prev] = next;
    else s.jobsHead[r] = next;
    if (next >= 0) jobs.prev[next] = prev;
  }
  if (jobs.holding[j] === 1) {
    jobs.holding[j] = 0;
    s.inFlight[r]--;
    // Only an in-flight limit can hold a waiting job back once a worker is free (workDone already
    // dispatched for the worker), so without one there is nothing to start here.
    if (s.maxInFlight !== Number.POSITIVE_INFINITY) dispatchReplica(w, s, r);
  }
}

/**
 * Issues the calls of the job's current stage (all its edges in parallel), moving on past stages with
 * nothing to call; after the last stage the job succeeds.
 */
export function nextStage(w: World, j: number): void {
  const jobs = w.jobs;
  const s = w.servers[jobs.node[j]];
  const stages = s.stages;
  const gen = jobs.gen[j];
  const classBit = 1 << jobs.klass[j];
  for (let st = jobs.stage[j]; st < stages.length; st++) {
    jobs.stage[j] = st;
    jobs.stageError[j] = OK;
    // A sentinel count, so that calls failing at once cannot complete the stage while it is issued.
    jobs.pending[j] = 1;
    jobs.state[j] = JobState.calling;
    const edges = stages[st];
    for (let k = 0; k < edges.length; k++) {
      const edge = edges[k];
      if ((edge.classMask & classBit) === 0) continue;
      if (edge.probability < 1 && s.rng.next() >= edge.probability) continue;
      for (let n = 0; n < edge.count; n++) {
        jobs.pending[j]++;
        makeCall(w, j, edge);
        if (jobs.gen[j] !== gen) return; // a required call failed at once and failed the job
      }
    }
    if (--jobs.pending[j] > 0) return;
  }
  finishJob(w, j, OK);
}

export function stageChildDone(
  w: World,
  j: number,
  edge: EdgeRt,
  code: number,
  head: number,
  tail: number,
): void {
  const jobs = w.jobs;
  if (edge.isCompensation) {
    // An undo call of a failing saga: the job fails with the original error once all are answered.
    w.segs.releaseList(head);
    if (--jobs.pending[j] === 0) finishJob(w, j, jobs.stageError[j]);
    return;
  }
  if (code !== OK && edge.required) {
    w.segs.releaseList(head);
    if (jobs.stage[j] > 0 && w.servers[jobs.node[j]].compensates) compensate(w, j, code);
    else finishJob(w, j, code);
    return;
  }
  if (--jobs.pending[j] > 0) {
    w.segs.releaseList(head); // not the last to finish: off the critical path
    return;
  }
  appendSegs(w, j, head, tail);
  jobs.stage[j]++;
  nextStage(w, j);
}

/**
 * A required call of stage k failed: call the compensations of the earlier stages' calls (all of which
 * succeeded, or the job would have failed there), in parallel, then fail with `code`. Calls still out
 * in stage k are abandoned: a new job generation turns their answers away.
 */
function compensate(w: World, j: number, code: number): void {
  const jobs = w.jobs;
  const s = w.servers[jobs.node[j]];
  const failed = jobs.stage[j];
  jobs.gen[j] = (jobs.gen[j] + 1) | 0;
  const gen = jobs.gen[j];
  jobs.stageError[j] = code;
  jobs.pending[j] = 1; // a sentinel while the calls are issued, as in nextStage
  const classBit = 1 << jobs.klass[j];
  for (let st = 0; st < failed; st++) {
    const edges = s.stages[st];
    for (let k = 0; k < edges.length; k++) {
      const undo = edges[k].compensation;
      if (undo === null || (edges[k].classMask & classBit) === 0) continue;
      for (let n = 0; n < edges[k].count; n++) {
        jobs.pending[j]++;
        makeCall(w, j, undo);
        if (jobs.gen[j] !== gen) return;
      }
    }
  }
  if (--jobs.pending[j] === 0) finishJob(w, j, code);
}

/**
 * Database routing: hash the key to a shard; reads go to any live instance of it, writes to the
 * primary. In a Raft group, writes and (with `readPolicy: "leader"`) reads go to the leader, or wait
 * for the next one: PARKED.
 */
function pickInstance(w: World, s: ServerRt, j: number): number {
  const jobs = w.jobs;
  const shard = mix32(jobs.key[j] % 4294967296) % s.shards;
  const base = shard * s.perShard;
  const read = s.readRatio > 0 && (s.readRatio >= 1 || s.rng.next() < s.readRatio);
  if (read) jobs.isRead[j] = 1;
  if (s.raft !== null && (!read || !s.raft.readAny)) return leaderOf(w, s, j, shard);
  if (read) {
    const offset = (s.rng.next() * s.perShard) | 0;
    for (let i = 0; i < s.perShard; i++) {
      const r = base + ((offset + i) % s.perShard);
      if (s.state[r] === ReplicaState.alive) return r;
    }
    return -1;
  }
  const p = s.primary[shard];
  return s.electing[shard] === 0 && p >= 0 && s.state[p] === ReplicaState.alive ? p : -1;
}
