import { pickEdge } from './balancer.ts';
import { E, ERR, OK, S, UNCLASSED } from './codes.ts';
import type { Engine } from './Engine.ts';
import type { ClientRt } from './runtime.ts';

/**
 * Clients: open arrivals (Poisson or evenly spaced, at a rate or along a profile, times the scenario's
 * traffic multiplier) or a closed loop of users who think between requests. Each arrival is a root job
 * whose single call carries the request; the client's timeout ends the root, not the work it started.
 */

export function startClients(e: Engine): void {
  for (const c of e.clients) {
    if (c.open) scheduleArrival(e, c);
    else setUsers(e, c);
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
  const w = (ts - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return (c.profileRps[i - 1] + w * (c.profileRps[i] - c.profileRps[i - 1])) / 1000;
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
export function scheduleArrival(e: Engine, c: ClientRt): void {
  c.arrivalGen++;
  // A client in a dead region sends nothing, even if a traffic multiplier changes meanwhile; the
  // region's revert schedules its arrivals again.
  if (c.down) return;
  const scale = c.multiplier * e.factor;
  if (c.profileSec.length === 0) {
    // Fast path: a constant rate.
    const rate = (c.baseRps / 1000) * scale;
    if (!(rate > 0)) return;
    const next = e.now + (c.constantArrivals ? 1 / rate : -Math.log(1 - c.rng.next()) / rate);
    if (next < e.endMs) e.heap.push(next, E.arrival, c.index, c.arrivalGen);
    return;
  }
  const ramps = c.profileSec.length > 0 && !c.stepProfile;
  let t = e.now;
  for (let guard = 0; guard < 1_000_000; guard++) {
    if (t >= e.endMs) return;
    const until = nextBreak(c, t);
    const rate = baseRateAt(c, t) * scale;
    // On a linear ramp the peak of a segment is at one of its ends.
    const peak = ramps ? Math.max(rate, baseRateAt(c, Math.min(until, e.endMs)) * scale) : rate;
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
    e.heap.push(next, E.arrival, c.index, c.arrivalGen);
    return;
  }
}

export function arrival(e: Engine, c: ClientRt, gen: number): void {
  if (gen !== c.arrivalGen) return;
  newRoot(e, c);
  scheduleArrival(e, c);
}

/** A closed-loop user finished thinking. */
export function think(e: Engine, c: ClientRt): void {
  if (c.down) {
    c.activeUsers--;
    return;
  }
  newRoot(e, c);
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
export function setUsers(e: Engine, c: ClientRt): void {
  const target = Math.max(0, Math.round(c.users * c.multiplier * e.factor));
  while (c.activeUsers < target) {
    c.activeUsers++;
    e.at(thinkMs(c), E.think, c.index, 0);
  }
}

function newRoot(e: Engine, c: ClientRt): void {
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
  const j = e.newJob(c, 0, key, klass);
  const jobs = e.jobs;
  jobs.state[j] = S.root;
  jobs.aux[j] = weights.length > 0 ? indexOfClass(c, klass) : -1;
  count(c, jobs.aux[j]);
  if (c.timeoutMs > 0) e.at(c.timeoutMs, E.rootTimeout, j, jobs.gen[j]);
  const edge = pickEdge(e, c, klass, false);
  if (edge === null) {
    finishRoot(e, j, ERR.deadInstance, -1);
    return;
  }
  e.makeCall(j, edge);
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
export function finishRoot(e: Engine, j: number, code: number, head: number): void {
  const jobs = e.jobs;
  const c = e.nodes[jobs.node[j]] as ClientRt;
  const latency = e.now - jobs.start[j];
  const local = jobs.aux[j];
  const classAcc = local >= 0 ? c.classAcc[local] : null;
  if (code === OK) {
    const bucket = record(c.acc, latency);
    if (c.e2e !== null) record(c.e2e, latency);
    if (classAcc !== null) record(classAcc, latency);
    if (e.now >= e.warmupMs) e.recorder.tail.add(e, bucket, head);
  } else {
    c.acc.error(code);
    if (c.e2e !== null) c.e2e.error(code);
    if (classAcc !== null) classAcc.error(code);
  }
  e.segs.releaseList(head);
  e.releaseJob(j);
  if (!c.open) {
    const target = Math.round(c.users * c.multiplier * e.factor);
    if (c.activeUsers > target) c.activeUsers--;
    else e.at(thinkMs(c, code !== OK && latency === 0), E.think, c.index, 0);
  }
}

/** Counts a completion; returns the latency's histogram bucket. */
function record(acc: ClientRt['acc'], latency: number): number {
  acc.completions++;
  acc.cumFinished++;
  return acc.latency.record(latency);
}
