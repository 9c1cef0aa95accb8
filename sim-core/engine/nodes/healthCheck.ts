import { message } from '../../messages/formatMessage.ts';
import { EventKind, NodeKind, ReplicaState } from '../codes.ts';
import type { EdgeRt } from '../EdgeRt.ts';
import type { World } from '../World.ts';
import type { BalancerRt } from './balancer.ts';
import type { Liveness } from './NodeRt.ts';

/**
 * A balancer's active health checks, as Envoy, an AWS target group or a Kubernetes probe run them:
 * every `healthCheckIntervalSec` the balancer probes each replica of its server targets (all replicas
 * at the same instants, one checker loop per balancer). A live replica answers at once; a dead,
 * starting or draining one does not, and that failure is known when the probe's timeout expires
 * (`healthCheckTimeoutMs`; 0: at once, a refused connection). A replica leaves rotation after
 * `unhealthyThreshold` consecutive failed probes and comes back after `healthyThreshold` consecutive
 * successes. A probe's outcome is decided when it is sent.
 *
 * So a replica that dies at a uniformly random instant is taken out of rotation
 * (threshold − 1) × interval + timeout + U × interval after its death, U uniform on (0, 1]: the delay
 * the health-check theory test checks.
 */

/** Per outgoing edge: the replicas of its target the balancer believes healthy, and the probe counts. */
export class BalancerView {
  /** Replicas believed healthy, sorted (round robin and hashing walk them in a stable order). */
  replicas = new Int32Array(0);
  count = 0;
  /** The target's `liveVersion` when the view was last refreshed. */
  version = -1;
  /** Per replica slot of the target: believed healthy (1) or not (0), and consecutive probe outcomes. */
  healthy = new Uint8Array(0);
  fails = new Int32Array(0);
  oks = new Int32Array(0);
  /** Replicas whose last probe went unanswered: they fail when the probe's timeout expires. */
  unanswered = new Int32Array(0);
  unansweredCount = 0;
  /** Every replica's belief matches its state and no count is under way: a check can change nothing. */
  settled = false;

  ensure(slots: number): void {
    if (this.healthy.length >= slots) return;
    const n = Math.max(slots, this.healthy.length * 2);
    const healthy = new Uint8Array(n);
    healthy.set(this.healthy);
    this.healthy = healthy;
    const fails = new Int32Array(n);
    fails.set(this.fails);
    this.fails = fails;
    const oks = new Int32Array(n);
    oks.set(this.oks);
    this.oks = oks;
    const unanswered = new Int32Array(n);
    unanswered.set(this.unanswered.subarray(0, this.unansweredCount));
    this.unanswered = unanswered;
    if (this.replicas.length < n) {
      const replicas = new Int32Array(n);
      replicas.set(this.replicas.subarray(0, this.count));
      this.replicas = replicas;
    }
  }

  /** Rebuilds the sorted list of replicas believed healthy; what the balancer believes has changed. */
  rebuild(liveness: Liveness): void {
    let n = 0;
    for (let r = 0; r < this.healthy.length; r++) if (this.healthy[r] === 1) this.replicas[n++] = r;
    this.count = n;
    liveness.version++;
  }
}

/** Whether `edge` leads to replicas a balancer checks (a service or a database). */
export function checksReplicas(edge: EdgeRt): boolean {
  return edge.targetKind === NodeKind.service || edge.targetKind === NodeKind.database;
}

/** Starts the balancer's health checks, its view accurate at the start. */
export function startHealthChecks(w: World, lb: BalancerRt): void {
  if (lb.healthEveryMs <= 0) return;
  for (const edge of lb.out) {
    if (!checksReplicas(edge)) continue;
    const s = w.servers[edge.target.index];
    const view = lb.views[edge.slot];
    view.ensure(s.slots);
    for (let r = 0; r < s.slots; r++) view.healthy[r] = s.state[r] === ReplicaState.alive ? 1 : 0;
    view.rebuild(w.liveness);
    view.version = s.liveVersion;
    view.settled = true;
  }
  w.k.scheduleAt(lb.healthEveryMs, EventKind.healthCheck, lb.index, 0);
}

/** A round of probes: every replica of every server target is probed now. */
export function healthCheck(w: World, lb: BalancerRt): void {
  let changed = 0;
  let unanswered = 0;
  for (const edge of lb.out) {
    if (!checksReplicas(edge)) continue;
    const s = w.servers[edge.target.index];
    const view = lb.views[edge.slot];
    if (view.settled && view.version === s.liveVersion) continue;
    view.ensure(s.slots);
    view.version = s.liveVersion;
    let settled = true;
    let moved = false;
    for (let r = 0; r < s.slots; r++) {
      if (s.state[r] === ReplicaState.alive) {
        view.fails[r] = 0;
        if (view.healthy[r] === 1) continue;
        if (++view.oks[r] >= lb.healthyThreshold) {
          view.healthy[r] = 1;
          view.oks[r] = 0;
          moved = true;
        } else settled = false;
      } else {
        view.oks[r] = 0;
        if (view.healthy[r] === 0) continue;
        settled = false;
        if (lb.healthTimeoutMs > 0) view.unanswered[view.unansweredCount++] = r;
        else if (probeFailed(lb, view, r)) moved = true;
      }
    }
    view.settled = settled;
    unanswered += view.unansweredCount;
    if (moved) {
      view.rebuild(w.liveness);
      changed++;
    }
  }
  if (changed > 0)
    w.recorder.log(w, 'healthCheck', lb.id, '', message('event.healthCheck', { backends: changed }));
  if (unanswered > 0) w.k.schedule(lb.healthTimeoutMs, EventKind.healthCheckTimeout, lb.index, 0);
  w.k.schedule(lb.healthEveryMs, EventKind.healthCheck, lb.index, 0);
}

/** The probes of the last round that went unanswered time out: each counts as a failure. */
export function healthCheckTimeout(w: World, lb: BalancerRt): void {
  let changed = 0;
  for (const edge of lb.out) {
    if (!checksReplicas(edge)) continue;
    const view = lb.views[edge.slot];
    let moved = false;
    for (let i = 0; i < view.unansweredCount; i++)
      if (probeFailed(lb, view, view.unanswered[i])) moved = true;
    view.unansweredCount = 0;
    if (moved) {
      view.rebuild(w.liveness);
      changed++;
    }
  }
  if (changed > 0)
    w.recorder.log(w, 'healthCheck', lb.id, '', message('event.healthCheck', { backends: changed }));
}

/** Counts a failed probe of replica `r`; true when it takes the replica out of rotation. */
function probeFailed(lb: BalancerRt, view: BalancerView, r: number): boolean {
  if (++view.fails[r] < lb.unhealthyThreshold) return false;
  view.healthy[r] = 0;
  view.fails[r] = 0;
  return true;
}
