import type { TimerLine } from '../../kernel/TimerLine.ts';
import type { Sampler } from '../../random/Sampler.ts';
import type { Zipf } from '../../random/Zipf.ts';
import { makeCall, newJob, releaseJob } from '../calls.ts';
import { ErrorCode, EventKind, JobState, OK, UNCLASSED } from '../codes.ts';
import type { ScopeAcc } from '../ScopeAcc.ts';
import type { World } from '../World.ts';
import { pickEdge } from './balancer.ts';
import { NodeRt } from './NodeRt.ts';

/**
 * Clients: open arrivals (Poisson or evenly spaced, at a rate or along a profile, times the scenario's
 * traffic multiplier) or a closed loop of users who think between requests. Each arrival is a root job
 * whose single call carries the request; the client's timeout ends the root, not the work it started.
 * A client records its requests end to end (and per class) in its own scope and the run's.
 */

export class ClientRt extends NodeRt {
  open = true;
  constantArrivals = false;
  baseRps = 0;
  profileSec: Float64Array = new Float64Array(0);
  profileRps: Float64Array = new Float64Array(0);
  stepProfile = false;
  multiplier = 1;
  /** Traffic factors of the multiplier events in force; `multiplier` is their product. */
  factors: number[] = [];
  arrivalGen = 0;
  timeoutMs = 0;
  /** The requests' deadlines, when `timeoutMs` > 0. */
  deadlines: TimerLine | null = null;
  users = 0;
  activeUsers = 0;
  think: Sampler | null = null;
  zipf: Zipf | null = null;
  keyCount = 0;
  nextKey = 0;
  classWeights: Float64Array = new Float64Array(0);
  /** Global class index of each of this client's classes. */
  classIndex: Int32Array = new Int32Array(0);
  classAcc: ScopeAcc[] = [];
  classTotal: ScopeAcc[] = [];
  /** End-to-end accumulators this client's roots also record into. */
  e2e: ScopeAcc | null = null;
}

export function startClients(w: World): void {
  for (const c of w.clients) {
    if (c.open) scheduleArrival(w, c);
    else setUsers(w, c);
  }
}

/** The offered rate at time `t`, in requests per ms (before sampling and multiplier). */
function baseRateAt(c: ClientRt, t: number): number {
  const xs = c.profileSec;
  if (xs.length === 0) return c.baseRps / 1000;
  const ts = t / 1000;
  if (ts <= xs[0]) return c.profileRps[0] / 1000;
  const last = xs.length - 1;
  if (ts >= xs[last]) return c.profileRps[last] / 1000;
  let i = 1;
  while (xs[i] < ts) i++;
  if (c.stepProfile) return c.profileRps[i - 1] / 1000;
  const share = (ts - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return (c.profileRps[i - 1] + share * (c.profileRps[i] - c.profileRps[i - 1])) / 1000;
}

/** The next profile breakpoint after `t` (ms), or Infinity. */
function nextBreak(c: ClientRt, t: number): number {
  const xs = c.profileSec;
  for (let i = 0; i < xs.length; i++) if (xs[i] * 1000 > t) return xs[i] * 1000;
  return Number.POSITIVE_INFINITY;
}

/**
 * Schedules the client's next arrival. A changing rate is handled by thinning (Lewis & Shedler): draw
 * at the segment's peak rate and keep a draw with probability rate(t)/peak. Called again whenever the
 * multiplier changes; the generation makes the previously scheduled arrival stale.
 */
export function scheduleArrival(w: World, c: ClientRt): void {
  c.arrivalGen++;
  // A client in a dead region sends nothing, even if a traffic multiplier changes meanwhile; the
  // region's revert schedules its arrivals again.
  if (c.down) return;
  const k = w.k;
  const scale = c.multiplier * w.factor;
  if (c.profileSec.length === 0) {
    // Fast path: a constant rate.
    const rate = (c.baseRps / 1000) * scale;
    if (!(rate > 0)) return;
    const next = k.now + (c.constantArrivals ? 1 / rate : -Math.log(1 - c.rng.next()) / rate);
    if (next < w.endMs) k.scheduleAt(next, EventKind.arrival, c.index, c.arrivalGen);
    return;
  }
  const ramps = !c.stepProfile;
  let t = k.now;
  for (let guard = 0; guard < 1_000_000; guard++) {
    if (t >= w.endMs) return;
    const until = nextBreak(c, t);
    const rate = baseRateAt(c, t) * scale;
    // On a linear ramp the peak of a segment is at one of its ends.
    const peak = ramps ? Math.max(rate, baseRateAt(c, Math.min(until, w.endMs)) * scale) : rate;
    if (!(peak > 0)) {
      if (until === Number.POSITIVE_INFINITY) return;
      t = until;
      continue;
    }
    const next = t + (c.constantArrivals ? 1 / rate : -Math.log(1 - c.rng.next()) / peak);
    if (next > until) {
      t = until; // memoryless (Poisson): restart the draw at the breakpoint
      continue;
    }
    if (ramps && !c.constantArrivals && c.rng.next() * peak > baseRateAt(c, next) * scale) {
      t = next;
      continue;
    }
    k.scheduleAt(next, EventKind.arrival, c.index, c.arrivalGen);
    return;
  }
}

/** An open-loop arrival: a new request, and the next arrival scheduled. */
export function clientArrival(w: World, c: ClientRt, gen: number): void {
  if (gen !== c.arrivalGen) return;
  newRoot(w, c);
  scheduleArrival(w, c);
}

/** A closed-loop user finished thinking. */
export function userReady(w: World, c: ClientRt): void {
  if (c.down) {
    c.activeUsers--;
    return;
  }
  newRoot(w, c);
}

/**
 * A closed-loop user's pause before the next request. A request that failed at the very instant it
 * was sent (nothing alive to take it) is followed by at least 1 ms, as a real client spends at least
 * a connection attempt: without it a user with no think time would spin at one instant for ever.
 */
function thinkMs(c: ClientRt, instantFailure = false): number {
  const think = c.think !== null ? c.think.sample(c.rng) : 0;
  return instantFailure ? Math.max(INSTANT_FAILURE_PAUSE_MS, think) : think;
}

const INSTANT_FAILURE_PAUSE_MS = 1;

/** Sets the closed loop's user count to users × multiplier × sampling factor, starting new users now. */
export function setUsers(w: World, c: ClientRt): void {
  const target = Math.max(0, Math.round(c.users * c.multiplier * w.factor));
  while (c.activeUsers < target) {
    c.activeUsers++;
    w.k.schedule(thinkMs(c), EventKind.userReady, c.index, 0);
  }
}

function newRoot(w: World, c: ClientRt): void {
  let key: number;
  if (c.zipf !== null) key = c.zipf.sample(c.rng) - 1;
  else key = c.nextKey++;
  let klass = UNCLASSED;
  const weights = c.classWeights;
  if (weights.length > 1) {
    const u = c.rng.next() * weights[weights.length - 1];
    let i = 0;
    while (i < weights.length - 1 && u >= weights[i]) i++;
    klass = c.classIndex[i];
  } else if (weights.length === 1) klass = c.classIndex[0];
  const j = newJob(w, c, 0, key, klass);
  const jobs = w.jobs;
  jobs.state[j] = JobState.root;
  jobs.localClass[j] = weights.length > 0 ? indexOfClass(c, klass) : -1;
  count(c, jobs.localClass[j]);
  if (c.deadlines !== null) w.k.startTimer(c.deadlines, j, jobs.gen[j]);
  const edge = pickEdge(w, c, klass, false);
  if (edge === null) {
    finishRoot(w, j, ErrorCode.deadInstance, -1);
    return;
  }
  // NOTE: the call first, then the store: making it may grow the job table, and `jobs.rootCall`
  // read before the call would be the array that growth left behind.
  const call = makeCall(w, j, edge);
  jobs.rootCall[j] = call;
}

/**
 * The client's deadline for root `j` passed before its call answered: the request fails as a timeout,
 * at the client and on the edge it went out along (an edge shows the caller's view). The work goes on
 * downstream; its late answer is discarded.
 */
export function rootTimedOut(w: World, j: number): void {
  const c = w.jobs.rootCall[j];
  w.edges[w.calls.edge[c]].acc.error(ErrorCode.timeout);
  finishRoot(w, j, ErrorCode.timeout, -1);
}

function indexOfClass(c: ClientRt, klass: number): number {
  for (let i = 0; i < c.classIndex.length; i++) if (c.classIndex[i] === klass) return i;
  return -1;
}

function count(c: ClientRt, localClass: number): void {
  c.acc.arrivals++;
  c.acc.cumArrivals++;
  if (c.e2e !== null) {
    c.e2e.arrivals++;
    c.e2e.cumArrivals++;
  }
  if (localClass >= 0) {
    const acc = c.classAcc[localClass];
    acc.arrivals++;
    acc.cumArrivals++;
  }
}

/** A root request ends: end-to-end metrics, tail attribution, and the closed loop's next request. */
export function finishRoot(w: World, j: number, code: number, head: number): void {
  const jobs = w.jobs;
  const c = w.clientAt[jobs.node[j]];
  const now = w.k.now;
  const latency = now - jobs.start[j];
  const local = jobs.localClass[j];
  const classAcc = local >= 0 ? c.classAcc[local] : null;
  if (code === OK) {
    const bucket = record(c.acc, latency);
    if (c.e2e !== null) record(c.e2e, latency);
    if (classAcc !== null) record(classAcc, latency);
    if (now >= w.warmupMs) w.recorder.tail.add(w, bucket, head);
  } else {
    c.acc.error(code);
    if (c.e2e !== null) c.e2e.error(code);
    if (classAcc !== null) classAcc.error(code);
  }
  w.segs.releaseList(head);
  releaseJob(w, j);
  if (!c.open) {
    const target = Math.round(c.users * c.multiplier * w.factor);
    if (c.activeUsers > target) c.activeUsers--;
    else w.k.schedule(thinkMs(c, code !== OK && latency === 0), EventKind.userReady, c.index, 0);
  }
}

/** Counts a completion; returns the latency's histogram bucket. */
function record(acc: ScopeAcc, latency: number): number {
  acc.completions++;
  acc.cumFinished++;
  return acc.latency.record(latency);
}
