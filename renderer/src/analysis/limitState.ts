import type { Problem } from '../../../sim-core/analysis/analysisWorkerApi.ts';
import {
  type CapacityResult,
  type CapacityRun,
  findBottleneck,
  KNEE_FACTORS,
} from '../../../sim-core/analysis/capacity.ts';
import { parseSlo, type Slo, slosHold, sloValue } from '../../../sim-core/analysis/slo.ts';
import { type Estimate, estimate } from '../../../sim-core/analysis/stats.ts';
import type { Doc } from '../model/document.ts';
import { type RunState, stoppedRun } from './analysisRun.ts';
import { runLengthSec, wholeNumber } from './fieldText.ts';

/** The latency statistics an SLO can bound, as `archsim capacity --slo` writes them. */
export const LATENCY_METRICS = ['p99', 'p90', 'p50', 'mean'] as const;
export type LatencyMetric = (typeof LATENCY_METRICS)[number];

/** What the user sets in the Find the limit panel; text fields as typed. */
export interface LimitForm {
  metric: LatencyMetric;
  /** The latency limit in ms; empty: no latency SLO. */
  latencyMs: string;
  /** The error limit in %; empty: no error SLO. */
  errorsPercent: string;
  /** Seeds per batch (the CLI's `--seeds`) and in all (`--max-seeds`). */
  seeds: string;
  maxSeeds: string;
  /** Simulated seconds per run (`--duration`); empty: the scenario's. */
  durationSec: string;
}

export const DEFAULT_FORM: LimitForm = {
  metric: 'p99',
  latencyMs: '200',
  errorsPercent: '1',
  seeds: '5',
  maxSeeds: '20',
  durationSec: '',
};

/** The CLI's options for a form, or the first field that is wrong (as an i18n key and its field). */
export type FormCheck =
  | {
      ok: true;
      slos: string[];
      seeds: number;
      maxSeeds: number;
      durationSec: number | undefined;
    }
  | { ok: false; field: keyof LimitForm };

/** Checks the form the way `archsim capacity` checks its flags: the SLOs through the same parser. */
export function checkForm(form: LimitForm): FormCheck {
  const slos: string[] = [];
  if (form.latencyMs.trim() !== '') slos.push(`${form.metric}<${form.latencyMs.trim()}ms`);
  if (form.errorsPercent.trim() !== '') slos.push(`errors<${form.errorsPercent.trim()}%`);
  for (const text of slos) {
    try {
      parseSlo(text);
    } catch {
      return { ok: false, field: text.startsWith('errors') ? 'errorsPercent' : 'latencyMs' };
    }
  }
  if (slos.length === 0) return { ok: false, field: 'latencyMs' };
  const seeds = wholeNumber(form.seeds, 1, 40);
  if (seeds === null) return { ok: false, field: 'seeds' };
  const maxSeeds = wholeNumber(form.maxSeeds, 1, 200);
  if (maxSeeds === null || maxSeeds < seeds) return { ok: false, field: 'maxSeeds' };
  const durationSec = runLengthSec(form.durationSec);
  if (durationSec === null) return { ok: false, field: 'durationSec' };
  return { ok: true, slos, seeds, maxSeeds, durationSec };
}

/** The panel's search: what has come back so far, then the answer. */
export interface LimitState extends RunState {
  slos: Slo[];
  /** Requests per second the clients offer at ×1 (null: closed-loop clients, shown as a multiplier). */
  baseRps: number | null;
  /** Every run that finished, in order. */
  runs: CapacityRun[];
  result: CapacityResult | null;
  /** The document searched: the answer is out of date once the one shown simulates differently. */
  doc: Doc | null;
}

export type LimitAction =
  | { type: 'start'; slos: string[]; baseRps: number | null; doc: Doc }
  | { type: 'run'; run: CapacityRun }
  | { type: 'done'; result: CapacityResult }
  | { type: 'failed'; problem: Problem };

export const IDLE: LimitState = {
  status: 'idle',
  slos: [],
  baseRps: null,
  runs: [],
  result: null,
  problem: null,
  doc: null,
};

export function limitReducer(state: LimitState, action: LimitAction): LimitState {
  switch (action.type) {
    case 'start':
      return {
        ...IDLE,
        status: 'running',
        slos: action.slos.map(parseSlo),
        baseRps: action.baseRps,
        doc: action.doc,
      };
    case 'run':
      return state.status === 'running' ? { ...state, runs: [...state.runs, action.run] } : state;
    case 'done':
      return state.status === 'running' ? { ...state, status: 'done', result: action.result } : state;
    case 'failed':
      return stoppedRun(state, action.problem);
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** The latency the chart plots: the latency SLO's statistic, p99 when only errors are bounded. */
export function plottedSlo(slos: readonly Slo[]): Slo {
  return slos.find((s) => s.metric !== 'errors') ?? { metric: 'p99', limit: Number.NaN, text: 'p99' };
}

/** A bisection step as a dot: the load tried, its latency, and whether every SLO held there. */
export interface SearchDot {
  factor: number;
  seedIndex: number;
  latencyMs: number | null;
  holds: boolean;
}

export function searchDots(state: LimitState): SearchDot[] {
  const plotted = plottedSlo(state.slos);
  return state.runs
    .filter((r) => r.phase === 'search')
    .map((r) => ({
      factor: r.factor,
      seedIndex: r.seedIndex,
      latencyMs: sloValue(plotted, r.metrics),
      holds: slosHold(state.slos, r.metrics),
    }));
}

/** A point of the knee so far: the plotted latency and the bottleneck's utilization over the seeds in. */
export interface KneeSoFar {
  factor: number;
  latencyMs: Estimate;
  utilization: Estimate | null;
}

/**
 * The knee curve as far as it has come: the answer's own once the search is done; before that the knee
 * runs grouped by load (they come load by load), the bottleneck guessed from the runs nearest the
 * capacity (the answer names it from the runs at the capacity).
 */
export function kneeSoFar(state: LimitState): { points: KneeSoFar[]; bottleneck: string | null } {
  const plotted = plottedSlo(state.slos);
  if (state.result) {
    const at = state.slos.indexOf(plotted);
    return {
      points: state.result.knee.map((k) => ({
        factor: k.factor,
        latencyMs: at >= 0 ? k.slo[at] : k.p99Ms,
        utilization: k.bottleneckUtilization,
      })),
      bottleneck: state.result.bottleneck?.id ?? null,
    };
  }
  const knee = state.runs.filter((r) => r.phase === 'knee');
  const byFactor = new Map<number, CapacityRun[]>();
  for (const run of knee) byFactor.set(run.factor, [...(byFactor.get(run.factor) ?? []), run]);
  const factors = [...byFactor.keys()];
  // The knee's factors are the capacity × KNEE_FACTORS: the one at ×1 is the capacity.
  const center = factors.length > 0 ? factors[0] / KNEE_FACTORS[0] : 0;
  const nearest = factors.reduce<number | null>(
    (best, f) => (best === null || Math.abs(f - center) < Math.abs(best - center) ? f : best),
    null,
  );
  const bottleneck =
    nearest === null
      ? null
      : (findBottleneck((byFactor.get(nearest) ?? []).map((r) => r.metrics))?.id ?? null);
  return {
    points: factors.map((factor) => {
      const runs = (byFactor.get(factor) ?? []).map((r) => r.metrics);
      return {
        factor,
        latencyMs: estimate(runs.map((m) => sloValue(plotted, m))),
        utilization:
          bottleneck === null ? null : estimate(runs.map((m) => m.utilization[bottleneck] ?? null)),
      };
    }),
    bottleneck,
  };
}

/** How far a search has got, for the progress line: seeds finished, runs done. */
export function progressOf(state: LimitState): { runs: number; phase: 'search' | 'knee' } {
  const last = state.runs[state.runs.length - 1];
  return { runs: state.runs.length, phase: last?.phase ?? 'search' };
}

/** The answer as the sentence's parts, numbers still numbers (the panel words and formats them). */
export type LimitAnswer =
  | { kind: 'holds'; rps: number | null; halfRps: number | null; factor: number; halfFactor: number | null }
  | { kind: 'unbounded'; factor: number }
  | { kind: 'never' };

export function answerOf(result: CapacityResult): LimitAnswer {
  const f = result.factor;
  if (result.unbounded) return { kind: 'unbounded', factor: f.mean ?? 0 };
  if (f.mean === null || f.mean === 0) return { kind: 'never' };
  const half = (e: Estimate | null) => (e && e.low !== null && e.high !== null ? (e.high - e.low) / 2 : null);
  return {
    kind: 'holds',
    rps: result.offeredRps?.mean ?? null,
    halfRps: half(result.offeredRps),
    factor: f.mean,
    halfFactor: half(f),
  };
}

/**
 * A value and its ± half-width rounded alike: the half-width to two significant digits and the value
 * to the same decimal place (`3,450 ± 80`, `679 ± 23`, `1.72 ± 0.06`). Digits as the locale writes them.
 */
export function plusMinus(value: number, half: number | null, locale: string): [string, string | null] {
  const decimals =
    half === null || !(half > 0) ? 2 : Math.max(0, Math.min(6, 1 - Math.floor(Math.log10(half))));
  const places = half === null ? undefined : decimals;
  const format = new Intl.NumberFormat(locale, {
    maximumFractionDigits: places ?? 3,
    minimumFractionDigits: 0,
    ...(half === null ? { maximumSignificantDigits: 4 } : {}),
  });
  return [format.format(value), half === null ? null : format.format(half)];
}
