import { EventHeap } from './EventHeap.ts';
import { type Generations, TimerLine } from './TimerLine.ts';
import { CallTable, JobTable, SegmentTable } from './tables.ts';

/** What the kernel's loop hands each event to: one object, so the call site stays monomorphic. */
export interface Dispatcher {
  /** Runs event `kind` with operands (a, b) at the kernel's `now`. */
  dispatch(kind: number, a: number, b: number): void;
}

/** The heap event kind of "a timer line's front timer is due"; models number their kinds from 1. */
export const TIMER_LINE_EVENT = 0;

/**
 * Why the kernel stopped a run instead of going on. Thrown out of `run`; the engine turns it into a
 * user-facing error naming the nodes involved.
 */
export class KernelStop extends Error {
  constructor(
    readonly reason: 'zeroTimeLoop' | 'unboundedWork' | 'eventBudget' | 'invalidTime',
    /** For a zero-time loop: the events dispatched at the stuck instant, as (kind, a, b) triples. */
    readonly sample: Int32Array = new Int32Array(0),
  ) {
    super(reason);
  }
}

/**
 * Events at one instant above which time counts as stuck, once they also exceed this many per record
 * in flight: a burst at one instant is bounded by the work in flight (every job takes a few steps), a
 * zero-time loop is not.
 */
export const STUCK_EVENTS = 2_000_000;
const STUCK_EVENTS_PER_JOB = 256;
/** Events sampled at a stuck instant to name what loops there. */
const STUCK_SAMPLE = 4096;

/**
 * The simulation kernel: simulated time, the future-event list, fixed-duration timer lines and the
 * pooled records a model's requests live in. It knows nothing of node kinds: a model numbers its event
 * kinds from 1 and handles them in its `Dispatcher`.
 *
 * Like SimPy's `Environment`: `now` only moves forward, events at the same time run in the order they
 * were scheduled, `run(until)` processes everything due by `until`. Unlike it, events are plain numbers
 * (a kind and two operands, usually a record index and its generation), so nothing is allocated per
 * event, and a stale event (its record has moved on) is skipped by the model's generation check.
 *
 * Guards, checked without a per-event cost beyond one comparison: simulated time that stops advancing
 * (a loop of zero-time steps), records in flight past `maxJobs` (work that grows without bound), and
 * events past `maxEvents` (the run's budget). Each stops the run with a `KernelStop`.
 */
export class Kernel {
  /** Simulated time, ms. */
  now = 0;
  /** The event being dispatched (kind, first operand): what a stop thrown from inside it is about. */
  currentKind = 0;
  currentA = 0;
  /** Events processed (popped from the heap), including stale ones. */
  events = 0;
  readonly heap = new EventHeap();
  readonly jobs: JobTable;
  readonly calls = new CallTable();
  readonly segs = new SegmentTable();
  readonly lines: TimerLine[] = [];
  /** Processing stops with a KernelStop once this many events were processed. */
  maxEvents = Number.POSITIVE_INFINITY;
  private sameTime = Number.NaN;
  /** Events processed since simulated time last moved. */
  sameCount = 0;

  constructor(maxJobs = Number.POSITIVE_INFINITY) {
    this.jobs = new JobTable(1024, maxJobs, () => {
      throw new KernelStop('unboundedWork');
    });
  }

  /**
   * Schedules event `kind` (≥ 1) after `delayMs`. A delay that is negative or not a number (a sampler
   * gone wrong) stops the run with a KernelStop: one would corrupt the heap's order or run time
   * backwards.
   */
  schedule(delayMs: number, kind: number, a: number, b: number): void {
    if (!(delayMs >= 0)) throw new KernelStop('invalidTime');
    this.heap.push(this.now + delayMs, kind, a, b);
  }

  /** Schedules event `kind` at absolute time `atMs` (≥ now; else, or for NaN, a KernelStop). */
  scheduleAt(atMs: number, kind: number, a: number, b: number): void {
    if (!(atMs >= this.now)) throw new KernelStop('invalidTime');
    this.heap.push(atMs, kind, a, b);
  }

  /** A new line of timers lasting `durationMs`, each dispatched as `kind` while `table.gen[a] === b`. */
  timerLine(durationMs: number, kind: number, table: Generations): TimerLine {
    const line = new TimerLine(this.lines.length, durationMs, kind, table);
    this.lines.push(line);
    return line;
  }

  /** Starts a timer on `line` now, for record `a` at generation `b`. */
  startTimer(line: TimerLine, a: number, b: number): void {
    line.start(this.heap, this.now, a, b, TIMER_LINE_EVENT);
  }

  /** Time of the earliest pending event; Infinity when none. */
  nextTime(): number {
    return this.heap.peekTime();
  }

  /**
   * Processes events due by `untilMs`, at most `maxEvents` of them, then moves `now` to `untilMs` (if
   * it stopped for time, not for the count). Returns the number processed. Throws a KernelStop when a
   * guard trips; the model is then in no state to go on.
   */
  run(untilMs: number, maxEvents: number, model: Dispatcher): number {
    const heap = this.heap;
    const budget = this.maxEvents - this.events;
    const limit = Math.min(maxEvents, budget);
    let n = 0;
    while (n < limit && heap.size > 0 && heap.peekTime() <= untilMs) {
      const t = heap.pop();
      n++;
      this.now = t;
      const kind = heap.poppedKind;
      if (kind === TIMER_LINE_EVENT) {
        const line = this.lines[heap.poppedA];
        if (line.fire(heap, TIMER_LINE_EVENT)) {
          this.currentKind = line.kind;
          this.currentA = line.firedA;
          model.dispatch(line.kind, line.firedA, line.firedB);
        }
      } else {
        this.currentKind = kind;
        this.currentA = heap.poppedA;
        model.dispatch(kind, heap.poppedA, heap.poppedB);
      }
      if (t === this.sameTime) {
        if (++this.sameCount > STUCK_EVENTS && this.sameCount > STUCK_EVENTS_PER_JOB * this.jobs.live) {
          this.events += n;
          this.stuck(model);
        }
      } else {
        this.sameTime = t;
        this.sameCount = 0;
      }
    }
    this.events += n;
    if (n === budget && heap.size > 0 && heap.peekTime() <= untilMs) throw new KernelStop('eventBudget');
    if (n < maxEvents && untilMs > this.now && Number.isFinite(untilMs)) this.now = untilMs;
    return n;
  }

  /** Time is stuck: records what the next events at this instant are, then stops. */
  private stuck(model: Dispatcher): never {
    const heap = this.heap;
    const sample = new Int32Array(STUCK_SAMPLE * 3);
    let k = 0;
    while (k < STUCK_SAMPLE && heap.size > 0 && heap.peekTime() === this.now) {
      heap.pop();
      let kind = heap.poppedKind;
      let a = heap.poppedA;
      let b = heap.poppedB;
      if (kind === TIMER_LINE_EVENT) {
        const line = this.lines[a];
        if (!line.fire(heap, TIMER_LINE_EVENT)) continue;
        kind = line.kind;
        a = line.firedA;
        b = line.firedB;
      }
      sample[3 * k] = kind;
      sample[3 * k + 1] = a;
      sample[3 * k + 2] = b;
      k++;
      model.dispatch(kind, a, b);
    }
    throw new KernelStop('zeroTimeLoop', sample.subarray(0, 3 * k));
  }
}
