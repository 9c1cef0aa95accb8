import { MAX_DURATION_VALUE } from '../format/distribution.ts';
import type { Breakers } from './Breaker.ts';
import { ErrorCode, EventKind, JobState, NodeKind, OK, Phase } from './codes.ts';
import type { EdgeRt } from './EdgeRt.ts';
import { balancerPick } from './nodes/balancer.ts';
import { cacheStoreFor } from './nodes/cache.ts';
import { childDone, deliver, release } from './nodes/kinds.ts';
import type { NodeRt } from './nodes/NodeRt.ts';
import { poolInstanceFor } from './nodes/pool.ts';
import type { World } from './World.ts';

/**
 * The life of a request between nodes. A request is a tree of jobs (its visit to each node); a job
 * reaches another node through a call along an edge, which makes one attempt after another (retries,
 * backoff, timeouts, the circuit breaker) until one succeeds or none is left. Node kinds use four
 * things from here: `newJob`, `makeCall`, `finishJob`, and the critical-path segments (`seg`,
 * `appendSegs`); the kind switch in `nodes/kinds.ts` is how calls hand jobs and outcomes back to nodes.
 */

/**
 * A fresh job at `node` carrying the request's key and class.
 *
 * NOTE: only the fields read before they are written are set here; the rest (phaseStart, stage,
 * pending, localClass, isRead) are written by the step that first uses them. Every request
 * allocates two or more jobs, so this is on the hottest path.
 */
export function newJob(w: World, node: NodeRt, replica: number, key: number, klass: number): number {
  const jobs = w.jobs;
  const j = jobs.alloc();
  jobs.node[j] = node.index;
  jobs.replica[j] = replica;
  jobs.call[j] = -1;
  jobs.state[j] = JobState.travelling;
  jobs.holding[j] = 0;
  jobs.linked[j] = 0;
  jobs.start[j] = w.k.now;
  jobs.key[j] = key;
  jobs.klass[j] = klass;
  jobs.segHead[j] = -1;
  jobs.segTail[j] = -1;
  return j;
}

/** Appends a segment of the critical path to job `j`'s list (skipped when empty). */
export function seg(w: World, j: number, hop: number, phase: number, ms: number): void {
  if (!(ms > 0)) return;
  const s = w.segs.alloc(hop, phase, ms);
  const jobs = w.jobs;
  if (jobs.segTail[j] >= 0) w.segs.next[jobs.segTail[j]] = s;
  else jobs.segHead[j] = s;
  jobs.segTail[j] = s;
}

/** Appends a whole list (head..tail) to job `j`'s list. */
export function appendSegs(w: World, j: number, head: number, tail: number): void {
  if (head < 0) return;
  const jobs = w.jobs;
  if (jobs.segTail[j] >= 0) w.segs.next[jobs.segTail[j]] = head;
  else jobs.segHead[j] = head;
  jobs.segTail[j] = tail;
}

/** Frees a job and its segments. */
export function releaseJob(w: World, j: number): void {
  w.segs.releaseList(w.jobs.segHead[j]);
  w.jobs.release(j);
}

/** Job `j` calls along `edge`; returns the call. */
export function makeCall(w: World, j: number, edge: EdgeRt): number {
  const calls = w.calls;
  const c = calls.alloc();
  calls.caller[c] = j;
  calls.callerGen[c] = w.jobs.gen[j];
  calls.edge[c] = edge.index;
  // The instance its pool, per-instance cache and per-instance breaker belong to.
  calls.instance[c] = Math.max(0, w.jobs.replica[j]);
  calls.attempt[c] = 0;
  calls.start[c] = w.k.now;
  const acc = edge.acc;
  acc.calls++;
  acc.arrivals++;
  acc.cumArrivals++;
  attempt(w, c);
  return c;
}

/** Starts the next attempt of call `c`. */
export function attempt(w: World, c: number): void {
  const calls = w.calls;
  const jobs = w.jobs;
  const k = w.k;
  const caller = calls.caller[c];
  if (jobs.gen[caller] !== calls.callerGen[c]) {
    // The caller is gone (it failed or timed out while this call waited to retry).
    callDone(w, c, ErrorCode.timeout, -1, -1);
    return;
  }
  const edge = w.edges[calls.edge[c]];
  calls.attempt[c]++;
  calls.tryStart[c] = k.now;
  calls.gen[c] = (calls.gen[c] + 1) | 0;
  calls.probe[c] = 0;
  calls.blackholed[c] = 0;
  edge.acc.attempts++;
  if (edge.breakers !== null) {
    const breaker = edge.breakers.of(calls.instance[c], k.now);
    const halfOpen = breaker.state !== 0;
    if (!breaker.allow(k.now)) {
      callDone(w, c, ErrorCode.circuitOpen, -1, -1);
      return;
    }
    if (halfOpen) calls.probe[c] = 1;
  }
  const source = edge.source;
  const target = edge.target;
  const targetKind = edge.targetKind;
  const targetWorks = targetKind === NodeKind.service || targetKind === NodeKind.database;
  // Chaos on an edge, or on a node that does no work of its own (a balancer, pool, cache or queue:
  // like a faulty or slow host), acts on the calls into it.
  const hostErrors = targetWorks ? 0 : target.addErrorRate;
  if ((edge.addErrorRate > 0 || hostErrors > 0) && source.rng.next() < edge.addErrorRate + hostErrors) {
    attemptFailed(w, c, ErrorCode.intrinsic, true);
    return;
  }
  let rtt = edge.addMs;
  if (target.addMs > 0 && !targetWorks) rtt += target.addMs;
  if (edge.latency !== null) rtt += edge.latency.sample(source.rng);
  if (edge.crossRegion) {
    if (edge.regionLatency !== null) rtt += edge.regionLatency.sample(source.rng);
    if (w.partitioned[source.region * w.regionCount + target.region] === 1) {
      // Packets vanish: with a timeout the caller waits it out, without one the connection resets.
      if (edge.timeouts !== null) {
        calls.blackholed[c] = 1;
        k.startTimer(edge.timeouts, c, calls.gen[c]);
      } else attemptFailed(w, c, ErrorCode.partition, true);
      return;
    }
  }
  let replica = -1;
  if (edge.sourceKind === NodeKind.loadBalancer && targetKind === NodeKind.service) {
    replica = balancerPick(w, w.balancers[source.index], edge, caller);
    if (replica < 0) {
      attemptFailed(w, c, ErrorCode.deadInstance, true);
      return;
    }
  } else if (targetKind === NodeKind.pool) {
    // A pool belongs to its caller's instance.
    replica = poolInstanceFor(w.pools[target.index], source.index, calls.instance[c]);
  } else if (targetKind === NodeKind.cache) {
    // A per-instance cache lives in its caller's process: the job looks up that instance's store.
    replica = cacheStoreFor(w.caches[target.index], source.index, calls.instance[c]);
  }
  const child = newJob(w, target, replica, jobs.key[caller], jobs.klass[caller]);
  jobs.isRead[child] = 0;
  jobs.call[child] = c;
  jobs.callGen[child] = calls.gen[c];
  calls.rtt[c] = rtt;
  if (edge.timeouts !== null) k.startTimer(edge.timeouts, c, calls.gen[c]);
  // NOTE: the attempt's whole round trip is spent on the way there; the answer is back with the caller
  // the instant the child finishes (finishJob). The caller sees the same latency as with half each
  // way, and the target the same arrivals a constant rtt/2 later, but a call costs one network event
  // instead of two. With no network delay the job is handed over at once, without an event at all.
  if (rtt === 0) deliver(w, child);
  else k.schedule(rtt, EventKind.deliver, child, jobs.gen[child]);
}

/** An attempt failed with `code`: retry after backoff if allowed, else the call fails. */
export function attemptFailed(w: World, c: number, code: number, retryable: boolean): void {
  const calls = w.calls;
  const edge = w.edges[calls.edge[c]];
  if (edge.breakers !== null && code !== ErrorCode.circuitOpen) recordAttempt(w, c, edge.breakers, false);
  if (retryable && calls.attempt[c] <= edge.retriesMax) {
    // Capped, and 0 without a base: past ~1000 attempts the growth overflows, and 0 × Infinity is NaN.
    let backoff =
      edge.backoffMs === 0
        ? 0
        : Math.min(edge.backoffMs * edge.backoffMultiplier ** (calls.attempt[c] - 1), MAX_DURATION_VALUE);
    if (edge.jitter > 0) backoff *= 1 - edge.jitter * edge.source.rng.next();
    calls.gen[c] = (calls.gen[c] + 1) | 0;
    w.k.schedule(backoff, EventKind.retry, c, calls.gen[c]);
    return;
  }
  callDone(w, c, code, -1, -1);
}

/** The breaker call `c`'s attempt went through learns how it ended. */
function recordAttempt(w: World, c: number, breakers: Breakers, ok: boolean): void {
  const calls = w.calls;
  const breaker = breakers.of(calls.instance[c], w.k.now);
  // An attempt made before its caller's process restarted is no news to the new process's breaker.
  if (calls.tryStart[c] >= breaker.sinceMs) breaker.record(w.k.now, ok, calls.probe[c] === 1);
}

/** A child job's answer reaches its caller, whose call is still waiting for it: success, or this attempt failed. */
function answer(w: World, child: number, code: number): void {
  const jobs = w.jobs;
  const calls = w.calls;
  const c = jobs.call[child];
  if (code !== OK) {
    releaseJob(w, child);
    attemptFailed(w, c, code, true);
    return;
  }
  const edge = w.edges[calls.edge[c]];
  if (edge.breakers !== null) recordAttempt(w, c, edge.breakers, true);
  // The call's critical path: time lost to earlier attempts, the network, then the child's own path.
  const segs = w.segs;
  const hop = -1 - edge.index;
  let head = jobs.segHead[child];
  let tail = jobs.segTail[child];
  jobs.segHead[child] = -1;
  const rtt = calls.rtt[c];
  if (rtt > 0) {
    const s = segs.alloc(hop, Phase.network, rtt);
    segs.next[s] = head;
    if (tail < 0) tail = s;
    head = s;
  }
  const lost = calls.tryStart[c] - calls.start[c];
  if (lost > 0) {
    const s = segs.alloc(hop, Phase.retry, lost);
    segs.next[s] = head;
    if (tail < 0) tail = s;
    head = s;
  }
  jobs.release(child);
  callDone(w, c, OK, head, tail);
}

/** Call `c` is over (after its last attempt): metrics, then the caller learns the outcome. */
function callDone(w: World, c: number, code: number, head: number, tail: number): void {
  const calls = w.calls;
  const now = w.k.now;
  const edge = w.edges[calls.edge[c]];
  const acc = edge.acc;
  const caller = calls.caller[c];
  const live = w.jobs.gen[caller] === calls.callerGen[c];
  // An edge shows its caller's view. A client's call outlived by its root was counted as the root's
  // timeout when the client gave up (`rootTimedOut`): what comes back later is no news to the caller.
  if (live || edge.sourceKind !== NodeKind.client) {
    if (code === OK) {
      acc.completions++;
      acc.cumFinished++;
      acc.latency.record(now - calls.start[c]);
    } else acc.error(code);
  }
  const start = calls.start[c];
  calls.release(c);
  if (!live) {
    w.segs.releaseList(head);
    return;
  }
  if (code !== OK) {
    // Time spent on a failed call still counts on the caller's path (an optional call it waited for).
    if (now - start > 0) head = tail = w.segs.alloc(-1 - edge.index, Phase.retry, now - start);
    else head = tail = -1;
  }
  childDone(w, caller, edge, code, head, tail);
}

/** Job `j` is done at its node with `code`: release what it holds, count it, answer its caller. */
export function finishJob(w: World, j: number, code: number): void {
  const jobs = w.jobs;
  const index = jobs.node[j];
  release(w, index, j);
  const acc = w.accOf[index];
  if (code === OK) {
    acc.completions++;
    acc.cumFinished++;
    acc.latency.record(w.k.now - jobs.start[j]);
  } else acc.error(code);
  const c = jobs.call[j];
  if (w.calls.gen[c] !== jobs.callGen[j]) {
    releaseJob(w, j); // orphan: its caller stopped waiting, the work went on regardless
    return;
  }
  answer(w, j, code);
}
