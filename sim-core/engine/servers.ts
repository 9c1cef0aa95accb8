import { mix32 } from '../random/Prng.ts';
import { E, ERR, OK, P, R, S } from './codes.ts';
import type { Engine } from './Engine.ts';
import type { EdgeRt, ServerRt } from './runtime.ts';
import { pumpQueues } from './stores.ts';

/**
 * Services and databases. Each replica has `concurrency` workers for the own work, an in-flight limit
 * held from the start of the own work until the response (through the downstream calls), and a FIFO
 * waiting room of `queueCapacity`. A database is the same server with instances grouped in shards.
 */

const HOLDS_SLOT = 1;
const LINKED = 2;

export function serverArrive(e: Engine, s: ServerRt, j: number): void {
  const jobs = e.jobs;
  const acc = s.acc;
  acc.arrivals++;
  acc.cumArrivals++;
  jobs.start[j] = e.now;
  if (s.down) {
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  let r = jobs.replica[j];
  if (r < 0) {
    r =
      s.shards > 1 || s.perShard > 1
        ? pickInstance(e, s, j)
        : s.liveCount > 0
          ? s.live[(s.rng.next() * s.liveCount) | 0]
          : -1;
    jobs.replica[j] = r;
  }
  if (r < 0 || s.state[r] !== R.alive) {
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  if (s.rateLimitPerMs > 0) {
    const tokens = Math.min(s.burst, s.tokens[r] + (e.now - s.tokenTime[r]) * s.rateLimitPerMs);
    s.tokenTime[r] = e.now;
    if (tokens < 1) {
      s.tokens[r] = tokens;
      e.finishJob(j, ERR.rateLimited);
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
  jobs.holds[j] = LINKED;
  if (s.busy[r] < s.concurrency && s.inFlight[r] < s.maxInFlight) startWork(e, s, j, r);
  else if (s.queues[r].length < s.queueCapacity) {
    jobs.state[j] = S.queued;
    s.queues[r].push(j);
    acc.queue.add(e.now, 1);
  } else e.finishJob(j, ERR.queueFull);
}

function startWork(e: Engine, s: ServerRt, j: number, r: number): void {
  const jobs = e.jobs;
  const wait = e.now - jobs.start[j];
  s.acc.wait.record(wait);
  e.seg(j, s.index, P.queue, wait);
  s.busy[r]++;
  s.inFlight[r]++;
  jobs.holds[j] |= HOLDS_SLOT;
  s.acc.busy.add(e.now, 1);
  jobs.state[j] = S.working;
  jobs.mark[j] = e.now;
  let workMs = s.serviceTime.sample(s.rng);
  // A leak slows the replica by a fixed amount per request it has started since it came up: linear
  // in its traffic, undone only by a restart (replicaUp). Two array accesses; nothing allocated.
  if (s.leakMs > 0) workMs += s.leakMs * s.served[r]++;
  e.at(workMs, E.workDone, j, jobs.gen[j]);
}

export function workDone(e: Engine, j: number): void {
  const jobs = e.jobs;
  const s = e.nodes[jobs.node[j]] as ServerRt;
  const r = jobs.replica[j];
  s.busy[r]--;
  s.acc.busy.add(e.now, -1);
  e.seg(j, s.index, P.work, e.now - jobs.mark[j]);
  dispatchReplica(e, s, r);
  const errorRate = s.errorRate + s.addErrorRate;
  if (errorRate > 0 && s.rng.next() < errorRate) {
    e.finishJob(j, ERR.intrinsic);
    return;
  }
  if (s.addMs > 0) {
    jobs.state[j] = S.delayed;
    jobs.mark[j] = e.now;
    e.at(s.addMs, E.resume, j, jobs.gen[j]);
    return;
  }
  e.beginCalls(j);
}

/** After the own work and any injected delay: the downstream calls. */
export function afterWork(e: Engine, _s: ServerRt, j: number): void {
  e.beginCalls(j);
}

/** Starts waiting jobs while a worker and an in-flight slot are free. */
function dispatchReplica(e: Engine, s: ServerRt, r: number): void {
  const q = s.queues[r];
  // A draining replica takes no new requests but still serves the ones already waiting in it.
  const serving = s.state[r] === R.alive || s.state[r] === R.draining;
  while (serving && q.length > 0 && s.busy[r] < s.concurrency && s.inFlight[r] < s.maxInFlight) {
    s.acc.queue.add(e.now, -1);
    startWork(e, s, q.shift(), r);
  }
}

/** Releases what a finishing job holds at its replica. */
export function serverRelease(e: Engine, s: ServerRt, j: number): void {
  const jobs = e.jobs;
  const holds = jobs.holds[j];
  if (holds === 0) return;
  const r = jobs.replica[j];
  jobs.holds[j] = 0;
  if ((holds & LINKED) !== 0) {
    const prev = jobs.prev[j];
    const next = jobs.next[j];
    if (prev >= 0) jobs.next[prev] = next;
    else s.jobsHead[r] = next;
    if (next >= 0) jobs.prev[next] = prev;
  }
  if ((holds & HOLDS_SLOT) !== 0) {
    s.inFlight[r]--;
    // Only an in-flight limit can hold a waiting job back once a worker is free (workDone already
    // dispatched for the worker), so without one there is nothing to start here.
    if (s.maxInFlight !== Number.POSITIVE_INFINITY) dispatchReplica(e, s, r);
  }
}

/**
 * Issues the calls of the job's current stage (all its edges in parallel), moving on past stages with
 * nothing to call; after the last stage the job succeeds.
 */
export function nextStage(e: Engine, j: number): void {
  const jobs = e.jobs;
  const s = e.nodes[jobs.node[j]] as ServerRt;
  const stages = s.stages;
  const gen = jobs.gen[j];
  const classBit = 1 << jobs.klass[j];
  for (let st = jobs.stage[j]; st < stages.length; st++) {
    jobs.stage[j] = st;
    jobs.stageError[j] = OK;
    // A sentinel count, so that calls failing at once cannot complete the stage while it is issued.
    jobs.pending[j] = 1;
    jobs.state[j] = S.calling;
    const edges = stages[st];
    for (let k = 0; k < edges.length; k++) {
      const edge = edges[k];
      if ((edge.classMask & classBit) === 0) continue;
      if (edge.probability < 1 && s.rng.next() >= edge.probability) continue;
      for (let n = 0; n < edge.count; n++) {
        jobs.pending[j]++;
        e.makeCall(j, edge);
        if (jobs.gen[j] !== gen) return; // a required call failed at once and failed the job
      }
    }
    if (--jobs.pending[j] > 0) return;
  }
  e.finishJob(j, OK);
}

export function stageChildDone(
  e: Engine,
  j: number,
  edge: EdgeRt,
  code: number,
  head: number,
  tail: number,
): void {
  const jobs = e.jobs;
  if (edge.isCompensation) {
    // An undo call of a failing saga: the job fails with the original error once all are answered.
    e.segs.releaseList(head);
    if (--jobs.pending[j] === 0) e.finishJob(j, jobs.stageError[j]);
    return;
  }
  if (code !== OK && edge.required) {
    e.segs.releaseList(head);
    if (jobs.stage[j] > 0 && (e.nodes[jobs.node[j]] as ServerRt).compensates) compensate(e, j, code);
    else e.finishJob(j, code);
    return;
  }
  if (--jobs.pending[j] > 0) {
    e.segs.releaseList(head); // not the last to finish: off the critical path
    return;
  }
  e.appendSegs(j, head, tail);
  jobs.stage[j]++;
  nextStage(e, j);
}

/**
 * A required call of stage k failed: call the compensations of the earlier stages' calls (all of which
 * succeeded, or the job would have failed there), in parallel, then fail with `code`. Calls still out
 * in stage k are abandoned: a new job generation turns their answers away.
 */
function compensate(e: Engine, j: number, code: number): void {
  const jobs = e.jobs;
  const s = e.nodes[jobs.node[j]] as ServerRt;
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
        e.makeCall(j, undo);
        if (jobs.gen[j] !== gen) return;
      }
    }
  }
  if (--jobs.pending[j] === 0) e.finishJob(j, code);
}

// ---- instances -------------------------------------------------------------------------------------

/** Database routing: hash the key to a shard; reads go to any live instance of it, writes to the primary. */
function pickInstance(e: Engine, s: ServerRt, j: number): number {
  const jobs = e.jobs;
  const shard = mix32(jobs.key[j] % 4294967296) % s.shards;
  const base = shard * s.perShard;
  if (s.readRatio > 0 && (s.readRatio >= 1 || s.rng.next() < s.readRatio)) {
    jobs.isRead[j] = 1;
    const offset = (s.rng.next() * s.perShard) | 0;
    for (let i = 0; i < s.perShard; i++) {
      const r = base + ((offset + i) % s.perShard);
      if (s.state[r] === R.alive) return r;
    }
    return -1;
  }
  const p = s.primary[shard];
  return s.electing[shard] === 0 && p >= 0 && s.state[p] === R.alive ? p : -1;
}

/** Kills replica `r`: every job present fails as a dead instance (its connections reset). */
export function killReplica(e: Engine, s: ServerRt, r: number): void {
  const prior = s.state[r];
  if (prior === R.off) return;
  s.state[r] = R.off;
  s.markNotAlive(r);
  if (prior === R.alive) {
    s.acc.workers.add(e.now, -s.concurrency);
    s.acc.instances.add(e.now, -1);
  }
  const jobs = e.jobs;
  const q = s.queues[r];
  if (q.length > 0) {
    s.acc.queue.add(e.now, -q.length);
    q.clear();
  }
  if (s.busy[r] > 0) {
    s.acc.busy.add(e.now, -s.busy[r]);
    s.busy[r] = 0;
  }
  for (let j = s.jobsHead[r]; j >= 0; ) {
    const next = jobs.next[j];
    jobs.holds[j] &= ~HOLDS_SLOT;
    e.finishJob(j, ERR.deadInstance);
    j = next;
  }
  s.inFlight[r] = 0;
  s.jobsHead[r] = -1;
  if (s.perShard > 1 || s.shards > 1) onInstanceLost(e, s, r);
}

/** Takes replica `r` out of rotation but lets the work on it finish (scale-in, rolling restart). */
export function drainReplica(e: Engine, s: ServerRt, r: number): void {
  if (s.state[r] !== R.alive && s.state[r] !== R.starting) return;
  if (s.state[r] === R.alive) {
    s.acc.workers.add(e.now, -s.concurrency);
    s.acc.instances.add(e.now, -1);
  }
  s.state[r] = R.draining;
  s.markNotAlive(r);
  if (s.perShard > 1 || s.shards > 1) onInstanceLost(e, s, r);
}

/** Brings replica `r` up after the service's start-up time. */
export function startReplica(e: Engine, s: ServerRt, r: number, delayMs = s.startupMs): void {
  s.ensureSlots(r + 1);
  // A draining replica restarts too; whatever it still has in flight finishes normally.
  if (s.state[r] === R.alive || s.state[r] === R.starting) return;
  s.state[r] = R.starting;
  e.at(delayMs, E.replicaUp, s.index, r);
}

export function replicaUp(e: Engine, s: ServerRt, r: number): void {
  if (s.state[r] !== R.starting) return;
  s.state[r] = R.alive;
  s.markAlive(r);
  s.served[r] = 0;
  s.tokens[r] = s.burst;
  s.tokenTime[r] = e.now;
  s.acc.workers.add(e.now, s.concurrency);
  s.acc.instances.add(e.now, 1);
  if (s.perShard > 1 || s.shards > 1) {
    const shard = Math.floor(r / s.perShard);
    const p = s.primary[shard];
    if (s.electing[shard] === 0 && (p < 0 || s.state[p] !== R.alive)) s.primary[shard] = r;
  }
  // Requests that waited in its room while it restarted are served now.
  dispatchReplica(e, s, r);
  pumpQueues(e);
}

function onInstanceLost(e: Engine, s: ServerRt, r: number): void {
  const shard = Math.floor(r / s.perShard);
  if (s.primary[shard] !== r || s.electing[shard] === 1) return;
  s.electing[shard] = 1;
  e.at(s.failoverMs, E.failover, s.index, shard);
}

/** A leader election ends: the first live instance of the shard becomes its primary. */
export function failover(e: Engine, s: ServerRt, shard: number): void {
  s.electing[shard] = 0;
  const base = shard * s.perShard;
  for (let i = 0; i < s.perShard; i++) {
    if (s.state[base + i] === R.alive) {
      s.primary[shard] = base + i;
      e.recorder.log(e, 'failover', s.id, '', `shard ${shard}: instance ${base + i} elected primary`);
      return;
    }
  }
  e.recorder.log(e, 'failover', s.id, '', `shard ${shard}: no live instance to elect`);
}
