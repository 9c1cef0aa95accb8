import { LB_POLICIES } from '../../format/schema.ts';
import { mix32 } from '../../random/Prng.ts';
import type { Sampler } from '../../random/Sampler.ts';
import { finishJob, makeCall } from '../calls.ts';
import { ErrorCode, EventKind, JobState } from '../codes.ts';
import type { EdgeRt } from '../EdgeRt.ts';
import type { World } from '../World.ts';
import { type BalancerView, checksReplicas } from './healthCheck.ts';
import { EdgeChoice, NodeRt } from './NodeRt.ts';
import type { ServerRt } from './server.ts';

/**
 * Load balancers and gateways: a rate limit, an overhead, then a target edge by weight among the
 * targets believed alive, and a replica by policy. The balancer's belief comes from its health
 * checks (`healthCheck.ts`): a dead backend keeps receiving traffic until they take it out. Records arrivals (and,
 * through `finishJob`, completions and errors) in its scope.
 */
export const POLICY = Object.fromEntries(LB_POLICIES.map((p, i) => [p, i])) as Record<
  (typeof LB_POLICIES)[number],
  number
>;

export class BalancerRt extends NodeRt {
  policy = 0;
  overhead: Sampler | null = null;
  /** Health checks (healthCheck.ts): every `healthEveryMs` (0: the balancer knows at once). */
  healthEveryMs = 0;
  healthTimeoutMs = 0;
  unhealthyThreshold = 1;
  healthyThreshold = 1;
  rateLimitPerMs = 0;
  burst = 1;
  tokens = 0;
  tokenTime = 0;
  rr = 0;
  /** Per outgoing edge: the replicas the balancer believes alive (refreshed at health checks). */
  views: BalancerView[] = [];
}

export function balancerArrive(w: World, lb: BalancerRt, j: number): void {
  const jobs = w.jobs;
  const now = w.k.now;
  lb.acc.arrivals++;
  lb.acc.cumArrivals++;
  jobs.start[j] = now;
  if (lb.down) {
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  if (lb.rateLimitPerMs > 0) {
    const tokens = Math.min(lb.burst, lb.tokens + (now - lb.tokenTime) * lb.rateLimitPerMs);
    lb.tokenTime = now;
    if (tokens < 1) {
      lb.tokens = tokens;
      finishJob(w, j, ErrorCode.rateLimited);
      return;
    }
    lb.tokens = tokens - 1;
  }
  if (lb.overhead !== null) {
    const d = lb.overhead.sample(lb.rng);
    if (d > 0) {
      jobs.state[j] = JobState.delayed;
      jobs.phaseStart[j] = now;
      w.k.schedule(d, EventKind.delayOver, j, jobs.gen[j]);
      return;
    }
  }
  balancerRoute(w, lb, j);
}

/** Picks a target edge by weight among those that carry this request's class and look alive. */
export function balancerRoute(w: World, lb: BalancerRt, j: number): void {
  const edge = pickEdge(w, lb, w.jobs.klass[j], true);
  if (edge === null) {
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  w.jobs.state[j] = JobState.calling;
  makeCall(w, j, edge);
}

/** Outgoing edges up to which `pickEdge` scans them all; past it, it keeps an `EdgeChoice` per class. */
const SCANNED_EDGES = 32;

/**
 * Weighted choice among `node`'s outgoing edges that carry class `klass`; with `aliveOnly` (a
 * balancer), edges whose target the balancer believes dead are skipped (multi-region failover).
 *
 * NOTE: small on purpose: every request's first hop inlines it (a single edge is the common case),
 * and a larger body used up the inlining budget of its caller (`newRoot` then called `newJob`).
 */
export function pickEdge(w: World, node: NodeRt, klass: number, aliveOnly: boolean): EdgeRt | null {
  const out = node.out;
  if (out.length === 1) {
    const only = out[0];
    return (only.classMask & (1 << klass)) !== 0 ? only : null;
  }
  const lb = aliveOnly ? w.balancers[node.index] : null;
  return out.length > SCANNED_EDGES ? pickAmong(w, node, klass, lb) : scanEdges(w, node, klass, lb);
}

/** `pickEdge` over a few edges: their eligible weights summed, then the draw walked down them. */
function scanEdges(w: World, node: NodeRt, klass: number, lb: BalancerRt | null): EdgeRt | null {
  const out = node.out;
  const bit = 1 << klass;
  let total = 0;
  for (let i = 0; i < out.length; i++) {
    const edge = out[i];
    if ((edge.classMask & bit) !== 0 && (lb === null || believedAlive(w, lb, edge))) total += edge.weight;
  }
  if (total <= 0) return null;
  let u = node.rng.next() * total;
  for (let i = 0; i < out.length; i++) {
    const edge = out[i];
    if ((edge.classMask & bit) === 0 || (lb !== null && !believedAlive(w, lb, edge))) continue;
    u -= edge.weight;
    if (u < 0) return edge;
  }
  return null;
}

/**
 * `pickEdge` for a node with many edges (a gateway in front of a whole estate): a binary search in the
 * running sums of the eligible edges' weights, made once per class, and again at a balancer whenever
 * what it believes alive may have changed.
 *
 * NOTE: with integer weights whose total is below 2^53 every sum and every step of the scan is exact,
 * so the same draw picks the same edge as `scanEdges`. Otherwise a sum can round (a weight 10^17 times
 * smaller than the others vanishes into it), and a draw landing exactly on such a blurred boundary may
 * go to the neighbouring edge: the search follows the sums, the scan its own rounded subtractions.
 */
function pickAmong(w: World, node: NodeRt, klass: number, lb: BalancerRt | null): EdgeRt | null {
  const version = lb === null ? 0 : w.liveness.version;
  node.choices ??= [];
  let choice = node.choices[klass];
  if (choice === undefined || choice.version !== version) {
    choice = choiceOf(w, node, klass, lb, version);
    node.choices[klass] = choice;
  }
  const { edges, sums } = choice;
  const n = edges.length;
  if (n === 0) return null;
  // Summed in edge order, as the scan sums them: the same total, so the same draw.
  const u = node.rng.next() * sums[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sums[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return sums[lo] > u ? edges[lo] : null;
}

function choiceOf(w: World, node: NodeRt, klass: number, lb: BalancerRt | null, version: number): EdgeChoice {
  const bit = 1 << klass;
  const edges: EdgeRt[] = [];
  const running: number[] = [];
  let total = 0;
  for (const edge of node.out) {
    if ((edge.classMask & bit) === 0 || (lb !== null && !believedAlive(w, lb, edge))) continue;
    total += edge.weight;
    edges.push(edge);
    running.push(total);
  }
  return new EdgeChoice(version, edges, Float64Array.from(running));
}

function believedAlive(w: World, lb: BalancerRt, edge: EdgeRt): boolean {
  if (!checksReplicas(edge)) return !edge.target.down;
  return viewOf(w, lb, edge).count > 0;
}

/** The balancer's view of `edge`'s target replicas: live truth, or what its health checks found. */
function viewOf(w: World, lb: BalancerRt, edge: EdgeRt): BalancerView {
  const view = lb.views[edge.slot];
  if (lb.healthEveryMs === 0 && view.version !== w.servers[edge.target.index].liveVersion)
    knowAtOnce(w.servers[edge.target.index], view);
  return view;
}

/** Without health checks the balancer knows at once: its view is the live set, sorted. */
function knowAtOnce(s: ServerRt, view: BalancerView): void {
  if (view.replicas.length < s.liveCount)
    view.replicas = new Int32Array(Math.max(s.liveCount, view.replicas.length * 2));
  // Sorted, so that round robin and hashing walk replicas in a stable order.
  view.replicas.set(s.live.slice(0, s.liveCount).sort());
  view.count = s.liveCount;
  view.version = s.liveVersion;
}

/** The replica of `edge`'s target that balancer `lb` sends job `j` to, or -1 if it knows none. */
export function balancerPick(w: World, lb: BalancerRt, edge: EdgeRt, j: number): number {
  const view = viewOf(w, lb, edge);
  const n = view.count;
  if (n === 0) return -1;
  const replicas = view.replicas;
  const s = w.servers[edge.target.index];
  switch (lb.policy) {
    case POLICY.roundRobin:
      lb.rr = (lb.rr + 1) % n;
      return replicas[lb.rr];
    case POLICY.leastConnections: {
      let best = replicas[0];
      let bestLoad = load(s, best);
      for (let i = 1; i < n; i++) {
        const r = replicas[i];
        const l = load(s, r);
        if (l < bestLoad) {
          best = r;
          bestLoad = l;
        }
      }
      return best;
    }
    case POLICY.powerOfTwo: {
      const a = replicas[(lb.rng.next() * n) | 0];
      const b = replicas[(lb.rng.next() * n) | 0];
      return load(s, b) < load(s, a) ? b : a;
    }
    case POLICY.consistentHash:
      return replicas[jumpHash(mix32(w.jobs.key[j] % 4294967296), n)];
    default:
      return replicas[(lb.rng.next() * n) | 0];
  }
}

function load(s: ServerRt, r: number): number {
  return r < s.slots ? s.inFlight[r] + s.queues[r].length : 0;
}

/** Jump consistent hash (Lamping & Veach, 2014) of a 32-bit key into n buckets. */
function jumpHash(key: number, n: number): number {
  let b = -1;
  let j = 0;
  let k = key >>> 0;
  while (j < n) {
    b = j;
    k = (Math.imul(k, 2862933555) + 1) >>> 0;
    j = Math.floor((b + 1) * (2147483648 / ((k >>> 1) + 1)));
  }
  return b;
}
