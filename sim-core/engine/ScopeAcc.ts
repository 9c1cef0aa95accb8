import type { MetricRow } from '../results/types.ts';
import { LogHistogram } from '../stats/LogHistogram.ts';
import { REASON_COUNT } from './codes.ts';
import { decodeRow, encodeScope, Reported, rowWidth } from './WindowStore.ts';

/** A level that changes at instants (queue length, busy workers): its time integral and maximum. */
export class Gauge {
  value = 0;
  area = 0;
  last = 0;
  max = 0;
  /** Integral over the periods already cut. */
  cutArea = 0;

  set(now: number, value: number): void {
    this.area += this.value * (now - this.last);
    this.last = now;
    this.value = value;
    if (value > this.max) this.max = value;
  }

  add(now: number, delta: number): void {
    this.set(now, this.value + delta);
  }

  /** Integral up to `now`; starts a new period there. */
  cut(now: number): number {
    const area = this.area + this.value * (now - this.last);
    this.area = 0;
    this.last = now;
    this.cutArea += area;
    return area;
  }

  /** Integral from t = 0 to `now`. */
  integral(now: number): number {
    return this.cutArea + this.area + this.value * (now - this.last);
  }
}

/** The histogram of a metric a scope never records (an edge's waits): shared, always empty. */
const NO_SAMPLES = new LogHistogram();

/**
 * A closing window's gauge integrals and maxima (queue, busy, workers, instances, depth), handed from
 * `close` to the encoder and the run total. Shared: windows close one scope at a time.
 */
const AREAS = new Float64Array(5);
const MAXES = new Float64Array(5);

/** Totals of a gauge over several periods. */
class GaugeTotal {
  area = 0;
  max = 0;
}

/**
 * Counters of one scope for the current window; `absorb` folds a closed window into a run total of the
 * same class. All hot-path updates are plain field increments and histogram records.
 */
export class ScopeAcc {
  arrivals = 0;
  completions = 0;
  /** Indexed by error code (1-based); slot 0 unused. */
  readonly errors = new Float64Array(REASON_COUNT + 1);
  readonly latency = new LogHistogram();
  /** Admission waits (services, databases, pools) and message age (queues); empty for other scopes. */
  readonly wait: LogHistogram;
  readonly lag: LogHistogram;
  hits = 0;
  lookups = 0;
  calls = 0;
  attempts = 0;
  deadLetters = 0;
  readonly queue = new Gauge();
  readonly busy = new Gauge();
  readonly workers = new Gauge();
  readonly instances = new Gauge();
  readonly depth = new Gauge();
  /** Since t = 0, never reset: arrivals minus finished is what is in flight. */
  cumArrivals = 0;
  cumFinished = 0;

  // Run totals (used when this accumulator is a total).
  span = 0;
  private readonly totals = [
    new GaugeTotal(),
    new GaugeTotal(),
    new GaugeTotal(),
    new GaugeTotal(),
    new GaugeTotal(),
  ];

  constructor(readonly mask: number) {
    this.wait = (mask & Reported.wait) !== 0 ? new LogHistogram() : NO_SAMPLES;
    this.lag = (mask & Reported.broker) !== 0 ? new LogHistogram() : NO_SAMPLES;
  }

  error(code: number): void {
    this.errors[code]++;
    this.cumFinished++;
  }

  /**
   * Closes the window at `now` (it began `span` ms earlier): writes its numbers into `out` at `at` (the
   * layout of `WindowStore`), folds it into `total`, resets.
   */
  close(
    now: number,
    spanMs: number,
    scale: number,
    total: ScopeAcc | null,
    out: Float64Array,
    at: number,
  ): void {
    AREAS[0] = this.queue.cut(now);
    AREAS[1] = this.busy.cut(now);
    AREAS[2] = this.workers.cut(now);
    AREAS[3] = this.instances.cut(now);
    AREAS[4] = this.depth.cut(now);
    MAXES[0] = this.queue.max;
    MAXES[1] = this.busy.max;
    MAXES[2] = this.workers.max;
    MAXES[3] = this.instances.max;
    MAXES[4] = this.depth.max;
    encodeScope(this, spanMs, scale, AREAS, MAXES, out, at);
    if (total) total.absorb(this, spanMs, AREAS, MAXES);
    this.reset();
  }

  /** The run-total row of an accumulator filled by `absorb`. */
  totalRow(scale: number): MetricRow {
    const out = new Float64Array(rowWidth(this.mask));
    encodeScope(
      this,
      this.span,
      scale,
      this.totals.map((t) => t.area),
      this.totals.map((t) => t.max),
      out,
      0,
    );
    return decodeRow(out, this.mask, 0);
  }

  private absorb(w: ScopeAcc, spanMs: number, areas: Float64Array, maxes: Float64Array): void {
    this.arrivals += w.arrivals;
    this.completions += w.completions;
    for (let i = 0; i < this.errors.length; i++) this.errors[i] += w.errors[i];
    this.latency.merge(w.latency);
    this.wait.merge(w.wait);
    this.lag.merge(w.lag);
    this.hits += w.hits;
    this.lookups += w.lookups;
    this.calls += w.calls;
    this.attempts += w.attempts;
    this.deadLetters += w.deadLetters;
    this.span += spanMs;
    for (let i = 0; i < 5; i++) {
      this.totals[i].area += areas[i];
      if (maxes[i] > this.totals[i].max) this.totals[i].max = maxes[i];
    }
    this.cumArrivals = w.cumArrivals;
    this.cumFinished = w.cumFinished;
  }

  private reset(): void {
    this.arrivals = 0;
    this.completions = 0;
    this.errors.fill(0);
    this.latency.reset();
    this.wait.reset();
    this.lag.reset();
    this.hits = 0;
    this.lookups = 0;
    this.calls = 0;
    this.attempts = 0;
    this.deadLetters = 0;
    this.queue.max = this.queue.value;
    this.busy.max = this.busy.value;
    this.workers.max = this.workers.value;
    this.instances.max = this.instances.value;
    this.depth.max = this.depth.value;
  }
}
