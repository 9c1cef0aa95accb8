import { EventHeap } from '../kernel/EventHeap.ts';
import type { Prng } from '../random/Prng.ts';
import { balancerPick, healthCheck } from './balancer.ts';
import { childDone, deliver, resume } from './byKind.ts';
import { E, ERR, K, OK, P, S } from './codes.ts';
import type { Recorder } from './Recorder.ts';
import type { BalancerRt, ClientRt, EdgeRt, NodeRt, ServerRt } from './runtime.ts';
import { applyScenario, autoscaleTick, type EventState, rollingStep } from './scenario.ts';
import { failover, nextStage, replicaUp, serverRelease, workDone } from './servers.ts';
import { messageRetry, poolRelease, poolTimeout } from './stores.ts';
import { CallTable, JobTable, SegmentTable } from './tables.ts';
import { arrival, finishRoot, startClients, think } from './traffic.ts';

/**
 * The event loop and the life of a request: jobs (a request's visit to a node), calls (a caller's call
 * along an edge, across retries) and the critical-path segments used for tail attribution. Node
 * behaviours live in servers.ts, balancer.ts, stores.ts and traffic.ts; scenario events in scenario.ts;
 * metrics in Recorder.ts. Times are in ms internally.
 */
export class Engine {
  now = 0;
  events = 0;
  readonly heap = new EventHeap();
  readonly jobs = new JobTable();
  readonly calls = new CallTable();
  readonly segs = new SegmentTable();
  nodes: NodeRt[] = [];
  edges: EdgeRt[] = [];
  clients: ClientRt[] = [];
  /** Region pairs cut off from each other: partitioned[a * regionCount + b]. */
  partitioned = new Uint8Array(0);
  regionCount = 0;
  regionDown = new Uint8Array(0);
  warmupMs = 0;
  endMs = 0;
  /** Sampling factor f ≤ 1: traffic and replicas were multiplied by f; counts are scaled by 1/f. */
  factor = 1;
  samplingReason = '';
  seed = 0;
  recorder!: Recorder;
  scenario: EventState[] = [];
  nodeIndex = new Map<string, number>();
  regionIndex = new Map<string, number>();
  /** The stream chaos events draw from (which instances a kill takes). */
  chaos!: Prng;

  /** Processes events with time ≤ `untilMs`, at most `maxEvents`. Returns the number processed. */
  run(untilMs: number, maxEvents: number): number {
    const heap = this.heap;
    let n = 0;
    while (n < maxEvents && heap.size > 0 && heap.peekTime() <= untilMs) {
      this.now = heap.pop();
      n++;
      this.dispatch(heap.poppedKind, heap.poppedA, heap.poppedB);
    }
    if (n < maxEvents && untilMs > this.now) this.now = Math.min(untilMs, this.endMs);
    this.events += n;
    return n;
  }

  private dispatch(kind: number, a: number, b: number): void {
    const jobs = this.jobs;
    switch (kind) {
      case E.arrival:
        arrival(this, this.nodes[a] as ClientRt, b);
        return;
      case E.deliver:
        if (jobs.gen[a] === b) deliver(this, a);
        return;
      case E.workDone:
        if (jobs.gen[a] === b) workDone(this, a);
        return;
      case E.resume:
        if (jobs.gen[a] === b) resume(this, a);
        return;
      case E.response:
        if (jobs.gen[a] === b) this.childResult(a);
        return;
      case E.attemptTimeout:
        if (this.calls.gen[a] === b)
          this.attemptFailed(a, (this.calls.isProbe[a] & 2) !== 0 ? ERR.partition : ERR.timeout, true);
        return;
      case E.retry:
        if (this.calls.gen[a] === b) this.attempt(a);
        return;
      case E.rootTimeout:
        if (jobs.gen[a] === b && jobs.state[a] === S.root) finishRoot(this, a, ERR.timeout, -1);
        return;
      case E.poolTimeout:
        if (jobs.gen[a] === b) poolTimeout(this, a);
        return;
      case E.window:
        this.recorder.closeWindow(this);
        return;
      case E.scenario:
        applyScenario(this, a, b);
        return;
      case E.healthCheck:
        healthCheck(this, this.nodes[a] as BalancerRt);
        return;
      case E.replicaUp:
        replicaUp(this, this.nodes[a] as ServerRt, b);
        return;
      case E.failover:
        failover(this, this.nodes[a] as ServerRt, b);
        return;
      case E.autoscale:
        autoscaleTick(this, this.nodes[a] as ServerRt);
        return;
      case E.messageRetry:
        if (jobs.gen[a] === b) messageRetry(this, a);
        return;
      case E.think:
        think(this, this.nodes[a] as ClientRt);
        return;
      case E.rolling:
        rollingStep(this, this.nodes[a] as ServerRt, b);
        return;
    }
  }

  /** Schedules `kind` after `delayMs` (≥ 0). */
  at(delayMs: number, kind: number, a: number, b: number): void {
    this.heap.push(this.now + delayMs, kind, a, b);
  }

  /**
   * A fresh job at `node` carrying the request's key and class.
   *
   * NOTE: only the fields read before they are written are set here; the rest (mark, stage, pending,
   * result, aux, isRead) are written by the step that first uses them. Every request allocates two
   * or more jobs, so this is on the hottest path.
   */
  newJob(node: NodeRt, replica: number, key: number, klass: number): number {
    const jobs = this.jobs;
    const j = jobs.alloc();
    jobs.node[j] = node.index;
    jobs.replica[j] = replica;
    jobs.call[j] = -1;
    jobs.state[j] = S.travelling;
    jobs.holds[j] = 0;
    jobs.start[j] = this.now;
    jobs.key[j] = key;
    jobs.klass[j] = klass;
    jobs.segHead[j] = -1;
    jobs.segTail[j] = -1;
    return j;
  }

  /** Appends a segment of the critical path to job `j`'s list (skipped when empty). */
  seg(j: number, hop: number, phase: number, ms: number): void {
    if (!(ms > 0)) return;
    const s = this.segs.alloc(hop, phase, ms);
    const jobs = this.jobs;
    if (jobs.segTail[j] >= 0) this.segs.next[jobs.segTail[j]] = s;
    else jobs.segHead[j] = s;
    jobs.segTail[j] = s;
  }

  /** Appends a whole list (head..tail) to job `j`'s list. */
  appendSegs(j: number, head: number, tail: number): void {
    if (head < 0) return;
    const jobs = this.jobs;
    if (jobs.segTail[j] >= 0) this.segs.next[jobs.segTail[j]] = head;
    else jobs.segHead[j] = head;
    jobs.segTail[j] = tail;
  }

  /** Frees a job and its segments. */
  releaseJob(j: number): void {
    this.segs.releaseList(this.jobs.segHead[j]);
    this.jobs.release(j);
  }

  // ---- calls ---------------------------------------------------------------------------------------

  /** Job `j` calls along `edge`. */
  makeCall(j: number, edge: EdgeRt): void {
    const calls = this.calls;
    const c = calls.alloc();
    calls.caller[c] = j;
    calls.callerGen[c] = this.jobs.gen[j];
    calls.edge[c] = edge.index;
    calls.attempt[c] = 0;
    calls.start[c] = this.now;
    const acc = edge.acc;
    acc.calls++;
    acc.arrivals++;
    acc.cumArrivals++;
    this.attempt(c);
  }

  /** Starts the next attempt of call `c`. */
  attempt(c: number): void {
    const calls = this.calls;
    const jobs = this.jobs;
    const caller = calls.caller[c];
    if (jobs.gen[caller] !== calls.callerGen[c]) {
      // The caller is gone (it failed or timed out while this call waited to retry).
      this.callDone(c, ERR.timeout, -1, -1);
      return;
    }
    const edge = this.edges[calls.edge[c]];
    calls.attempt[c]++;
    calls.tryStart[c] = this.now;
    calls.gen[c] = (calls.gen[c] + 1) | 0;
    calls.isProbe[c] = 0;
    edge.acc.attempts++;
    const breaker = edge.breaker;
    if (breaker !== null) {
      const halfOpen = breaker.state !== 0;
      if (!breaker.allow(this.now)) {
        this.callDone(c, ERR.circuitOpen, -1, -1);
        return;
      }
      if (halfOpen) calls.isProbe[c] = 1;
    }
    const source = edge.source;
    const target = edge.target;
    // Chaos on an edge, or on a node that does no work of its own (a balancer, pool, cache or queue:
    // like a faulty or slow host), acts on the calls into it.
    const hostErrors = target.kind === K.service || target.kind === K.database ? 0 : target.addErrorRate;
    if ((edge.addErrorRate > 0 || hostErrors > 0) && source.rng.next() < edge.addErrorRate + hostErrors) {
      this.attemptFailed(c, ERR.intrinsic, true);
      return;
    }
    let rtt = edge.addMs;
    if (target.addMs > 0 && target.kind !== K.service && target.kind !== K.database) rtt += target.addMs;
    if (edge.latency !== null) rtt += edge.latency.sample(source.rng);
    if (edge.crossRegion) {
      if (edge.regionLatency !== null) rtt += edge.regionLatency.sample(source.rng);
      if (this.partitioned[source.region * this.regionCount + target.region] === 1) {
        // Packets vanish: with a timeout the caller waits it out, without one the connection resets.
        if (edge.timeoutMs > 0) {
          calls.isProbe[c] |= 2;
          this.at(edge.timeoutMs, E.attemptTimeout, c, calls.gen[c]);
        } else this.attemptFailed(c, ERR.partition, true);
        return;
      }
    }
    let replica = -1;
    if (source.kind === K.loadBalancer && target.kind === K.service) {
      replica = balancerPick(this, source as BalancerRt, edge, caller);
      if (replica < 0) {
        this.attemptFailed(c, ERR.deadInstance, true);
        return;
      }
    } else if (target.kind === K.pool) {
      // A pool belongs to its caller's instance.
      replica = Math.max(0, jobs.replica[caller]);
    }
    const child = this.newJob(target, replica, jobs.key[caller], jobs.klass[caller]);
    jobs.isRead[child] = 0;
    jobs.call[child] = c;
    jobs.callGen[child] = calls.gen[c];
    calls.rtt[c] = rtt;
    calls.back[c] = rtt / 2;
    if (edge.timeoutMs > 0) this.at(edge.timeoutMs, E.attemptTimeout, c, calls.gen[c]);
    // NOTE: with no network delay, a caller that makes a single call as its last action (a client, a
    // balancer, a pool, a cache) hands the job over at once instead of through the heap: one event less
    // per hop. Services and queues issue several calls in a loop, so theirs always go through the heap.
    if (rtt === 0 && source.kind !== K.service && source.kind !== K.database && source.kind !== K.queue)
      deliver(this, child);
    else this.at(rtt / 2, E.deliver, child, jobs.gen[child]);
  }

  /** An attempt failed with `code`: retry after backoff if allowed, else the call fails. */
  attemptFailed(c: number, code: number, retryable: boolean): void {
    const calls = this.calls;
    const edge = this.edges[calls.edge[c]];
    if (edge.breaker !== null && code !== ERR.circuitOpen)
      edge.breaker.record(this.now, false, (calls.isProbe[c] & 1) === 1);
    if (retryable && calls.attempt[c] <= edge.retriesMax) {
      let backoff = edge.backoffMs * edge.backoffMultiplier ** (calls.attempt[c] - 1);
      if (edge.jitter > 0) backoff *= 1 - edge.jitter * edge.source.rng.next();
      calls.gen[c] = (calls.gen[c] + 1) | 0;
      this.at(backoff, E.retry, c, calls.gen[c]);
      return;
    }
    this.callDone(c, code, -1, -1);
  }

  /** A child job's response has reached its caller. */
  childResult(child: number): void {
    const jobs = this.jobs;
    const calls = this.calls;
    const c = jobs.call[child];
    if (calls.gen[c] !== jobs.callGen[child]) {
      this.releaseJob(child); // its caller gave up on this attempt
      return;
    }
    const code = jobs.result[child];
    if (code !== OK) {
      this.releaseJob(child);
      this.attemptFailed(c, code, true);
      return;
    }
    const edge = this.edges[calls.edge[c]];
    if (edge.breaker !== null) edge.breaker.record(this.now, true, (calls.isProbe[c] & 1) === 1);
    // The call's critical path: time lost to earlier attempts, the network, then the child's own path.
    const hop = -1 - edge.index;
    let head = jobs.segHead[child];
    let tail = jobs.segTail[child];
    jobs.segHead[child] = -1;
    const rtt = calls.rtt[c];
    if (rtt > 0) {
      const s = this.segs.alloc(hop, P.network, rtt);
      this.segs.next[s] = head;
      if (tail < 0) tail = s;
      head = s;
    }
    const lost = calls.tryStart[c] - calls.start[c];
    if (lost > 0) {
      const s = this.segs.alloc(hop, P.retry, lost);
      this.segs.next[s] = head;
      if (tail < 0) tail = s;
      head = s;
    }
    this.jobs.release(child);
    this.callDone(c, OK, head, tail);
  }

  /** Call `c` is over (after its last attempt): metrics, then the caller learns the outcome. */
  callDone(c: number, code: number, head: number, tail: number): void {
    const calls = this.calls;
    const edge = this.edges[calls.edge[c]];
    const acc = edge.acc;
    if (code === OK) {
      acc.completions++;
      acc.cumFinished++;
      acc.latency.record(this.now - calls.start[c]);
    } else acc.error(code);
    const caller = calls.caller[c];
    const live = this.jobs.gen[caller] === calls.callerGen[c];
    const start = calls.start[c];
    calls.release(c);
    if (!live) {
      this.segs.releaseList(head);
      return;
    }
    if (code !== OK) {
      // Time spent on a failed call still counts on the caller's path (an optional call it waited for).
      head = tail = this.segs.alloc(-1 - edge.index, P.retry, this.now - start);
      if (!(this.now - start > 0)) {
        this.segs.releaseList(head);
        head = tail = -1;
      }
    }
    childDone(this, caller, edge, code, head, tail);
  }

  // ---- jobs at nodes -------------------------------------------------------------------------------

  /** Job `j` is done at its node with `code`: release what it holds, count it, answer its caller. */
  finishJob(j: number, code: number): void {
    const jobs = this.jobs;
    const node = this.nodes[jobs.node[j]];
    if (node.kind === K.service || node.kind === K.database) serverRelease(this, node as ServerRt, j);
    else if (node.kind === K.pool) poolRelease(this, node, j);
    const acc = node.acc;
    if (code === OK) {
      acc.completions++;
      acc.cumFinished++;
      acc.latency.record(this.now - jobs.start[j]);
    } else acc.error(code);
    jobs.result[j] = code;
    const c = jobs.call[j];
    if (this.calls.gen[c] !== jobs.callGen[j]) {
      this.releaseJob(j); // orphan: its caller stopped waiting, the work went on regardless
      return;
    }
    const back = this.calls.back[c];
    if (back > 0) {
      jobs.state[j] = S.responding;
      // A new generation: the job's own pending events and calls are stale from here on, so a
      // finished job can never be worked on, or finish, a second time while its answer travels.
      jobs.gen[j] = (jobs.gen[j] + 1) | 0;
      this.at(back, E.response, j, jobs.gen[j]);
    } else this.childResult(j);
  }

  /** Starts the call stages of job `j` at a service or database. */
  beginCalls(j: number): void {
    this.jobs.stage[j] = 0;
    nextStage(this, j);
  }

  /** Starts the event loop's periodic work. Called once after compile. */
  start(): void {
    startClients(this);
    this.recorder.start(this);
  }
}
