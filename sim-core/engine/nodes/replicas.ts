import { message } from '../../messages/formatMessage.ts';
import { finishJob } from '../calls.ts';
import { ErrorCode, EventKind, NodeKind, ReplicaState } from '../codes.ts';
import type { World } from '../World.ts';
import { flushInstance, ownedStore } from './cache.ts';
import type { NodeRt } from './NodeRt.ts';
import { ownedPoolInstance } from './pool.ts';
import { pumpQueues } from './queue.ts';
import { raftMemberLost, raftMemberUp } from './raft.ts';
import { dispatchReplica, type ServerRt } from './server.ts';

/**
 * The life of a server's replicas: kills (every job present fails), draining (work in hand finishes),
 * starts after the start-up time, scaling to a target, rolling restarts, and a shard's leader election
 * when its primary is lost. The autoscaler, which decides the target, is in `autoscale.ts`.
 */

/** Kills replica `r`: every job present fails as a dead instance (its connections reset). */
export function killReplica(w: World, s: ServerRt, r: number): void {
  const prior = s.state[r];
  if (prior === ReplicaState.off) return;
  s.state[r] = ReplicaState.off;
  s.markNotAlive(r);
  if (prior === ReplicaState.alive) s.acc.instances.add(w.k.now, -1);
  uncount(w, s, r);
  const jobs = w.jobs;
  const q = s.queues[r];
  if (q.length > 0) {
    s.acc.queue.add(w.k.now, -q.length);
    q.clear();
  }
  if (s.busy[r] > 0) {
    s.acc.busy.add(w.k.now, -s.busy[r]);
    s.busy[r] = 0;
  }
  for (let j = s.jobsHead[r]; j >= 0; ) {
    const next = jobs.next[j];
    jobs.holding[j] = 0;
    finishJob(w, j, ErrorCode.deadInstance);
    j = next;
  }
  s.inFlight[r] = 0;
  s.jobsHead[r] = -1;
  if (s.grouped) onInstanceLost(w, s, r);
}

/**
 * A replica's workers count as capacity (the denominator of utilization) from the moment it is up
 * until it has nothing left in hand: a draining or restarting replica still finishing work keeps them,
 * so busy workers never exceed capacity and utilization stays ≤ 1.
 */
function uncount(w: World, s: ServerRt, r: number): void {
  if (s.counted[r] === 0) return;
  s.counted[r] = 0;
  s.acc.workers.add(w.k.now, -s.concurrency);
}

/** A replica out of rotation gives its capacity back once no work is left on it. */
export function releaseIfIdle(w: World, s: ServerRt, r: number): void {
  if (s.counted[r] === 1 && s.state[r] !== ReplicaState.alive && s.busy[r] === 0) {
    if (s.state[r] !== ReplicaState.draining || s.queues[r].length === 0) uncount(w, s, r);
  }
}

/** Takes replica `r` out of rotation but lets the work on it finish (scale-in, rolling restart). */
export function drainReplica(w: World, s: ServerRt, r: number): void {
  if (s.state[r] !== ReplicaState.alive && s.state[r] !== ReplicaState.starting) return;
  if (s.state[r] === ReplicaState.alive) s.acc.instances.add(w.k.now, -1);
  s.state[r] = ReplicaState.draining;
  s.markNotAlive(r);
  releaseIfIdle(w, s, r);
  if (s.grouped) onInstanceLost(w, s, r);
}

/** Brings replica `r` up after the service's start-up time. */
export function startReplica(w: World, s: ServerRt, r: number, delayMs = s.startupMs): void {
  s.ensureSlots(r + 1);
  // A draining replica restarts too; whatever it still has in flight finishes normally.
  if (s.state[r] === ReplicaState.alive || s.state[r] === ReplicaState.starting) return;
  s.state[r] = ReplicaState.starting;
  w.k.schedule(delayMs, EventKind.replicaUp, s.index, r);
}

export function replicaUp(w: World, s: ServerRt, r: number): void {
  if (s.state[r] !== ReplicaState.starting) return;
  s.state[r] = ReplicaState.alive;
  s.markAlive(r);
  s.served[r] = 0;
  s.tokens[r] = s.burst;
  s.tokenTime[r] = w.k.now;
  if (s.counted[r] === 0) {
    s.counted[r] = 1;
    s.acc.workers.add(w.k.now, s.concurrency);
  }
  s.acc.instances.add(w.k.now, 1);
  freshProcess(w, s, r, w.kindOf.length);
  if (s.raft !== null) raftMemberUp(w, s, r);
  else if (s.grouped) {
    const shard = Math.floor(r / s.perShard);
    const p = s.primary[shard];
    if (s.electing[shard] === 0 && (p < 0 || s.state[p] !== ReplicaState.alive)) s.primary[shard] = r;
  }
  // Requests that waited in its room while it restarted are served now.
  dispatchReplica(w, s, r);
  pumpQueues(w);
}

/**
 * Instance `instance` of `node` is a new process: its in-process caches start empty and its own
 * circuit breakers closed. A pool and a per-instance cache belong to their caller's process, so the
 * instance of one that this process owns starts afresh too: the breakers on its calls and the caches
 * it reaches, node after node (`depth` bounds a chain that loops).
 */
function freshProcess(w: World, node: NodeRt, instance: number, depth: number): void {
  for (const cache of w.instanceCaches) flushInstance(cache, node.index, instance);
  for (const edge of node.out) {
    edge.breakers?.restart(instance, w.k.now);
    if (depth === 0) continue;
    const target = edge.target.index;
    let owned = -1;
    if (edge.targetKind === NodeKind.pool) owned = ownedPoolInstance(w.pools[target], node.index, instance);
    else if (edge.targetKind === NodeKind.cache) owned = ownedStore(w.caches[target], node.index, instance);
    if (owned >= 0) freshProcess(w, edge.target, owned, depth - 1);
  }
}

function onInstanceLost(w: World, s: ServerRt, r: number): void {
  if (s.raft !== null) {
    raftMemberLost(w, s, r);
    return;
  }
  const shard = Math.floor(r / s.perShard);
  if (s.primary[shard] !== r || s.electing[shard] === 1) return;
  s.electing[shard] = 1;
  w.k.schedule(s.failoverMs, EventKind.electionOver, s.index, shard);
}

/** A leader election ends: the first live instance of the shard becomes its primary. */
export function electionOver(w: World, s: ServerRt, shard: number): void {
  s.electing[shard] = 0;
  const base = shard * s.perShard;
  for (let i = 0; i < s.perShard; i++) {
    if (s.state[base + i] === ReplicaState.alive) {
      s.primary[shard] = base + i;
      w.recorder.log(
        w,
        'failover',
        s.id,
        '',
        message('event.failoverElected', { shard, instance: base + i }),
      );
      return;
    }
  }
  w.recorder.log(w, 'failover', s.id, '', message('event.failoverNone', { shard }));
}

/** Scale to `to` replicas: start stopped slots (or new ones), or drain the highest-numbered ones. */
export function scaleTo(w: World, s: ServerRt, to: number, delayMs = s.startupMs): void {
  s.target = to;
  s.ensureSlots(to);
  let running = 0;
  for (let r = 0; r < s.slots; r++)
    if (s.state[r] === ReplicaState.alive || s.state[r] === ReplicaState.starting) running++;
  for (let r = 0; r < s.slots && running < to; r++) {
    if (s.state[r] === ReplicaState.off || s.state[r] === ReplicaState.draining) {
      startReplica(w, s, r, delayMs);
      running++;
    }
  }
  for (let r = s.slots - 1; r >= 0 && running > to; r--) {
    if (s.state[r] === ReplicaState.alive || s.state[r] === ReplicaState.starting) {
      if (s.state[r] === ReplicaState.starting) s.state[r] = ReplicaState.off;
      else drainReplica(w, s, r);
      running--;
    }
  }
  pumpQueues(w);
}

/** Restarts the next batch of replicas from `from`, then waits for them before the next batch. */
export function rollingStep(w: World, s: ServerRt, from: number): void {
  let r = from;
  let restarted = 0;
  while (r < s.target && restarted < s.rollingBatch) {
    if (s.state[r] === ReplicaState.alive) {
      drainReplica(w, s, r);
      startReplica(w, s, r);
      restarted++;
    }
    r++;
  }
  if (r < s.target) w.k.schedule(s.startupMs, EventKind.rollingStep, s.index, r);
}
