import { LB_POLICIES } from '../format/schema.ts';
import { mix32 } from '../random/Prng.ts';
import { E, ERR, K, S } from './codes.ts';
import type { Engine } from './Engine.ts';
import type { BalancerRt, EdgeRt, NodeRt, ServerRt } from './runtime.ts';

/**
 * Load balancers and gateways: a rate limit, an overhead, then a target edge by weight among the
 * targets believed alive, and a replica by policy. The balancer's belief is refreshed only at its
 * health checks: a dead backend keeps receiving traffic until the next one.
 */
export const POLICY = Object.fromEntries(LB_POLICIES.map((p, i) => [p, i])) as Record<
  (typeof LB_POLICIES)[number],
  number
>;

export function balancerArrive(e: Engine, lb: BalancerRt, j: number): void {
  const jobs = e.jobs;
  lb.acc.arrivals++;
  lb.acc.cumArrivals++;
  jobs.start[j] = e.now;
  if (lb.down) {
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  if (lb.rateLimitPerMs > 0) {
    const tokens = Math.min(lb.burst, lb.tokens + (e.now - lb.tokenTime) * lb.rateLimitPerMs);
    lb.tokenTime = e.now;
    if (tokens < 1) {
      lb.tokens = tokens;
      e.finishJob(j, ERR.rateLimited);
      return;
    }
    lb.tokens = tokens - 1;
  }
  if (lb.overhead !== null) {
    const d = lb.overhead.sample(lb.rng);
    if (d > 0) {
      jobs.state[j] = S.delayed;
      jobs.mark[j] = e.now;
      e.at(d, E.resume, j, jobs.gen[j]);
      return;
    }
  }
  balancerRoute(e, lb, j);
}

/** Picks a target edge by weight among those that carry this request's class and look alive. */
export function balancerRoute(e: Engine, lb: BalancerRt, j: number): void {
  const edge = pickEdge(e, lb, e.jobs.klass[j], true);
  if (edge === null) {
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  e.jobs.state[j] = S.calling;
  e.makeCall(j, edge);
}

/**
 * Weighted choice among `node`'s outgoing edges that carry class `klass`; with `aliveOnly`, edges whose
 * target the balancer believes dead are skipped (multi-region failover).
 */
export function pickEdge(e: Engine, node: NodeRt, klass: number, aliveOnly: boolean): EdgeRt | null {
  const out = node.out;
  if (out.length === 1) {
    const only = out[0];
    return (only.classMask & (1 << klass)) !== 0 ? only : null;
  }
  const bit = 1 << klass;
  let total = 0;
  for (let i = 0; i < out.length; i++) {
    const edge = out[i];
    if ((edge.classMask & bit) !== 0 && (!aliveOnly || believedAlive(e, node as BalancerRt, edge)))
      total += edge.weight;
  }
  if (total <= 0) return null;
  let u = node.rng.next() * total;
  for (let i = 0; i < out.length; i++) {
    const edge = out[i];
    if ((edge.classMask & bit) === 0 || (aliveOnly && !believedAlive(e, node as BalancerRt, edge))) continue;
    u -= edge.weight;
    if (u < 0) return edge;
  }
  return null;
}

function believedAlive(e: Engine, lb: BalancerRt, edge: EdgeRt): boolean {
  const target = edge.target;
  if (target.kind !== K.service && target.kind !== K.database) return !target.down;
  return viewOf(e, lb, edge).count > 0;
}

/** The balancer's view of `edge`'s target replicas: live truth, or the last health check's snapshot. */
function viewOf(_e: Engine, lb: BalancerRt, edge: EdgeRt) {
  const view = lb.views[edge.slot];
  if (lb.healthEveryMs === 0) {
    const s = edge.target as ServerRt;
    if (view.version !== s.liveVersion) refreshView(lb, edge);
  }
  return view;
}

function refreshView(lb: BalancerRt, edge: EdgeRt): boolean {
  const s = edge.target as ServerRt;
  const view = lb.views[edge.slot];
  if (view.version === s.liveVersion) return false;
  if (view.replicas.length < s.liveCount)
    view.replicas = new Int32Array(Math.max(s.liveCount, view.replicas.length * 2));
  // Sorted, so that round robin and hashing walk replicas in a stable order.
  const sorted = s.live.slice(0, s.liveCount).sort();
  view.replicas.set(sorted);
  view.count = s.liveCount;
  view.version = s.liveVersion;
  return true;
}

/** A health check: the balancer's views catch up with which replicas are alive. */
export function healthCheck(e: Engine, lb: BalancerRt): void {
  let changed = 0;
  for (const edge of lb.out) {
    const kind = edge.target.kind;
    if ((kind === K.service || kind === K.database) && refreshView(lb, edge)) changed++;
  }
  if (changed > 0) e.recorder.log(e, 'healthCheck', lb.id, '', `view of ${changed} backend(s) updated`);
  e.at(lb.healthEveryMs, E.healthCheck, lb.index, 0);
}

/** The replica of `edge`'s target that balancer `lb` sends job `j` to, or -1 if it knows none. */
export function balancerPick(e: Engine, lb: BalancerRt, edge: EdgeRt, j: number): number {
  const view = viewOf(e, lb, edge);
  const n = view.count;
  if (n === 0) return -1;
  const replicas = view.replicas;
  const s = edge.target as ServerRt;
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
      return replicas[jumpHash(mix32(e.jobs.key[j] % 4294967296), n)];
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
