import { type Dispatcher, Kernel, KernelStop, STUCK_EVENTS } from '../kernel/Kernel.ts';
import { SimulationError } from '../messages/Message.ts';
import type { Prng } from '../random/Prng.ts';
import { attempt, attemptFailed } from './calls.ts';
import { ErrorCode, EventKind, JobState } from './codes.ts';
import type { EdgeRt } from './EdgeRt.ts';
import { autoscaleTick } from './nodes/autoscale.ts';
import type { BalancerRt } from './nodes/balancer.ts';
import type { CacheRt } from './nodes/cache.ts';
import { type ClientRt, clientArrival, rootTimedOut, userReady } from './nodes/client.ts';
import { healthCheck, healthCheckTimeout } from './nodes/healthCheck.ts';
import { delayOver, deliver } from './nodes/kinds.ts';
import { Liveness, type NodeRt } from './nodes/NodeRt.ts';
import { type PoolRt, poolTimeout } from './nodes/pool.ts';
import { messageRetry, type QueueRt } from './nodes/queue.ts';
import { raftMessage } from './nodes/raft.ts';
import { electionOver, replicaUp, rollingStep } from './nodes/replicas.ts';
import { type ServerRt, workDone } from './nodes/server.ts';
import type { Recorder } from './Recorder.ts';
import type { ScopeAcc } from './ScopeAcc.ts';
import { applyScenario, type EventState } from './scenario.ts';

/**
 * The simulated system at run time: its nodes, edges and regions, the kernel it runs on and the
 * recorder of its metrics. It holds state, not behaviour: what a request does at each kind of node
 * lives in `nodes/*.ts`, the life of a call in `calls.ts`, scenario events in `scenario.ts`. Its one
 * method of substance is the event table, `dispatch`. Times are in ms.
 */
export class World implements Dispatcher {
  readonly k: Kernel;
  /** The kernel's tables, here for short paths in the hot loop. */
  readonly jobs;
  readonly calls;
  readonly segs;
  nodes: NodeRt[] = [];
  /**
   * Each node's NodeKind and metrics, by node index. NOTE: the hot path reads these instead of
   * `nodes[i].kind` and `nodes[i].acc`: the nodes are of seven classes, so a read through them is a
   * megamorphic property load at every hop; a typed array and an array of one class are not.
   */
  kindOf = new Uint8Array(0);
  accOf: ScopeAcc[] = [];
  /**
   * The nodes again, one array per kind, indexed by node index (holes elsewhere): a kind's code reads
   * its own class only, so V8 keeps its property reads monomorphic.
   */
  clientAt: ClientRt[] = [];
  balancers: BalancerRt[] = [];
  servers: ServerRt[] = [];
  pools: PoolRt[] = [];
  caches: CacheRt[] = [];
  queues: QueueRt[] = [];
  /** Dense lists, for the things done to every client or queue. */
  clients: ClientRt[] = [];
  queueList: QueueRt[] = [];
  /** The per-instance caches: a caller replica that restarts empties its own stores in them. */
  instanceCaches: CacheRt[] = [];
  edges: EdgeRt[] = [];
  /** What balancers' choices of target edge depend on; every server shares it (see `Liveness`). */
  readonly liveness = new Liveness();
  /** Region pairs cut off from each other: partitioned[a * regionCount + b]. */
  partitioned = new Uint8Array(0);
  regionCount = 0;
  regionDown = new Uint8Array(0);
  warmupMs = 0;
  endMs = 0;
  /** Sampling factor f ≤ 1: traffic and replicas were multiplied by f; counts are scaled by 1/f. */
  factor = 1;
  /** The factor as a fraction in lowest terms: kept of every `of` replicas. */
  sampledKept = 1;
  sampledOf = 1;
  seed = 0;
  recorder!: Recorder;
  scenario: EventState[] = [];
  nodeIndex = new Map<string, number>();
  regionIndex = new Map<string, number>();
  /** The stream chaos events draw from (which instances a kill takes). */
  chaos!: Prng;
  /** Set once a guard stopped the run: the world is in no state to go on. */
  failure: SimulationError | null = null;

  constructor(maxJobs = Number.POSITIVE_INFINITY) {
    this.k = new Kernel(maxJobs);
    this.jobs = this.k.jobs;
    this.calls = this.k.calls;
    this.segs = this.k.segs;
  }

  get now(): number {
    return this.k.now;
  }

  /**
   * Processes events up to `untilMs` (at most `maxEvents`). Throws a SimulationError, and keeps
   * throwing it, once a guard stopped the run: a zero-time loop, work growing without bound, the
   * event budget.
   */
  run(untilMs: number, maxEvents: number): number {
    if (this.failure) throw this.failure;
    try {
      return this.k.run(Math.min(untilMs, this.endMs), maxEvents, this);
    } catch (error) {
      if (!(error instanceof KernelStop)) throw error;
      this.failure = this.explain(error);
      throw this.failure;
    }
  }

  dispatch(kind: number, a: number, b: number): void {
    const jobs = this.jobs;
    switch (kind) {
      case EventKind.arrival:
        clientArrival(this, this.clientAt[a], b);
        return;
      case EventKind.deliver:
        if (jobs.gen[a] === b) deliver(this, a);
        return;
      case EventKind.workDone:
        if (jobs.gen[a] === b) workDone(this, a);
        return;
      case EventKind.delayOver:
        if (jobs.gen[a] === b) delayOver(this, a);
        return;
      case EventKind.attemptTimeout:
        if (this.calls.gen[a] === b)
          attemptFailed(
            this,
            a,
            this.calls.blackholed[a] === 1 ? ErrorCode.partition : ErrorCode.timeout,
            true,
          );
        return;
      case EventKind.retry:
        if (this.calls.gen[a] === b) attempt(this, a);
        return;
      case EventKind.rootTimeout:
        if (jobs.gen[a] === b && jobs.state[a] === JobState.root) rootTimedOut(this, a);
        return;
      case EventKind.poolTimeout:
        if (jobs.gen[a] === b) poolTimeout(this, a);
        return;
      case EventKind.windowEnd:
        this.recorder.closeWindow(this);
        return;
      case EventKind.scenario:
        applyScenario(this, a, b);
        return;
      case EventKind.healthCheck:
        healthCheck(this, this.balancers[a]);
        return;
      case EventKind.healthCheckTimeout:
        healthCheckTimeout(this, this.balancers[a]);
        return;
      case EventKind.raft:
        raftMessage(this, this.servers[a], b);
        return;
      case EventKind.replicaUp:
        replicaUp(this, this.servers[a], b);
        return;
      case EventKind.electionOver:
        electionOver(this, this.servers[a], b);
        return;
      case EventKind.autoscale:
        autoscaleTick(this, this.servers[a]);
        return;
      case EventKind.messageRetry:
        if (jobs.gen[a] === b) messageRetry(this, a);
        return;
      case EventKind.userReady:
        userReady(this, this.clientAt[a]);
        return;
      case EventKind.rollingStep:
        rollingStep(this, this.servers[a], b);
        return;
    }
  }

  /** The node an event acts at, or -1 (a window, a scenario event). */
  private nodeOf(kind: number, a: number): number {
    switch (kind) {
      case EventKind.attemptTimeout:
      case EventKind.retry:
        return this.edges[this.calls.edge[a]].source.index;
      case EventKind.windowEnd:
      case EventKind.scenario:
        return -1;
      case EventKind.arrival:
      case EventKind.userReady:
      case EventKind.healthCheck:
      case EventKind.healthCheckTimeout:
      case EventKind.raft:
      case EventKind.replicaUp:
      case EventKind.electionOver:
      case EventKind.autoscale:
      case EventKind.rollingStep:
        return a;
      default:
        return this.jobs.node[a];
    }
  }

  /** A guard's stop as the user reads it: what happened, and the nodes involved, busiest first. */
  private explain(stopped: KernelStop): SimulationError {
    let stop = stopped;
    const atSec = this.k.now / 1000;
    if (stop.reason === 'eventBudget') {
      // Where the work went: the nodes with the most arrivals.
      const nodes = this.nodes
        .filter((n) => n.acc.cumArrivals > 0)
        .sort((x, y) => y.acc.cumArrivals - x.acc.cumArrivals || x.index - y.index)
        .slice(0, 3)
        .map((n) => n.id);
      return new SimulationError({
        code: 'budget.eventsExceeded',
        params: { maxEvents: this.k.maxEvents, atSec, durationSec: this.endMs / 1000, nodes },
        nodes,
      });
    }
    if (stop.reason === 'invalidTime') {
      const node = this.nodeOf(this.k.currentKind, this.k.currentA);
      const nodes = node >= 0 ? [this.nodes[node].id] : [];
      return new SimulationError({ code: 'engine.invalidTime', params: { atSec, nodes }, nodes });
    }
    const counts = new Map<number, number>();
    if (stop.reason === 'zeroTimeLoop') {
      const s = stop.sample;
      for (let i = 0; i < s.length; i += 3) {
        const node = this.nodeOf(s[i], s[i + 1]);
        if (node >= 0) counts.set(node, (counts.get(node) ?? 0) + 1);
      }
    } else {
      // Where the work piles up: jobs waiting for room (a waiting room, a pool, a broker), not the
      // callers and roots upstream that wait for them — unless time is stuck too, when the roots'
      // clients are the ones spinning.
      const jobs = this.jobs;
      const spinning = this.k.sameCount > STUCK_EVENTS / 4;
      for (let j = 0; j < jobs.capacity; j++) {
        const state = jobs.state[j];
        if (state === JobState.free || state === JobState.calling) continue;
        if (state === JobState.root && !spinning) continue;
        counts.set(jobs.node[j], (counts.get(jobs.node[j]) ?? 0) + 1);
      }
      if (spinning) stop = new KernelStop('zeroTimeLoop');
    }
    const nodes = [...counts.entries()]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, 12)
      .map(([n]) => this.nodes[n].id);
    if (stop.reason === 'zeroTimeLoop')
      return new SimulationError({ code: 'watchdog.zeroTimeLoop', params: { atSec, nodes }, nodes });
    return new SimulationError({
      code: 'watchdog.unboundedWork',
      params: { atSec, inFlight: this.jobs.live, nodes },
      nodes,
    });
  }
}
