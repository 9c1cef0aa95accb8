import type { Problem } from '../../../sim-core/analysis/analysisWorkerApi.ts';
import type { RunMetrics } from '../../../sim-core/analysis/runPoint.ts';
import { type Estimate, estimate } from '../../../sim-core/analysis/stats.ts';
import { SWEEP_METRICS, type SweepResult } from '../../../sim-core/analysis/sweep.ts';
import type { Doc } from '../model/document.ts';
import { type RunState, stoppedRun } from './analysisRun.ts';

/** The metrics the sweep view can plot: columns of `sweep-summary.csv`. */
export const SWEEP_VIEW_METRICS = [
  'latency_p99_ms',
  'latency_mean_ms',
  'throughput_rps',
  'error_ratio',
] as const;
export type SweepViewMetric = (typeof SWEEP_VIEW_METRICS)[number];

export interface SweepState extends RunState {
  path: string;
  values: number[];
  seeds: number;
  /** Each task's metrics as it finishes, at its index (point × seeds + seed). */
  runs: (RunMetrics | null)[];
  result: SweepResult | null;
  /** The document swept: the answer is out of date once the one shown simulates differently. */
  doc: Doc | null;
}

export type SweepAction =
  | { type: 'start'; path: string; values: number[]; seeds: number; doc: Doc }
  | { type: 'run'; index: number; metrics: RunMetrics }
  | { type: 'done'; result: SweepResult }
  | { type: 'failed'; problem: Problem };

export const SWEEP_IDLE: SweepState = {
  status: 'idle',
  path: '',
  values: [],
  seeds: 1,
  runs: [],
  result: null,
  problem: null,
  doc: null,
};

export function sweepReducer(state: SweepState, action: SweepAction): SweepState {
  switch (action.type) {
    case 'start':
      return {
        ...SWEEP_IDLE,
        status: 'running',
        path: action.path,
        values: action.values,
        seeds: action.seeds,
        doc: action.doc,
        runs: Array.from({ length: action.values.length * action.seeds }, () => null),
      };
    case 'run': {
      if (state.status !== 'running' || !(action.index in state.runs)) return state;
      const runs = state.runs.slice();
      runs[action.index] = action.metrics;
      return { ...state, runs };
    }
    case 'done':
      return state.status === 'running'
        ? { ...state, status: 'done', result: action.result, runs: action.result.runs }
        : state;
    case 'failed':
      return stoppedRun(state, action.problem);
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** Each point's metric over the seeds finished so far (a point with none yet has n = 0). */
export function sweepPoints(
  state: SweepState,
  metric: SweepViewMetric,
): { value: number; metric: Estimate }[] {
  const column = SWEEP_METRICS.find((c) => c.name === metric);
  if (!column) return [];
  return state.values.map((value, point) => {
    const mine = state.runs.slice(point * state.seeds, (point + 1) * state.seeds);
    return { value, metric: estimate(mine.map((m) => (m ? column.get(m) : null))) };
  });
}

export function doneRuns(state: SweepState): number {
  return state.runs.filter((m) => m !== null).length;
}

/** `count` evenly spaced values from `from` to `to`, both included; whole numbers stay whole. */
export function linearValues(from: number, to: number, count: number): number[] | null {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isInteger(count) || count < 2 || count > 50)
    return null;
  const whole = Number.isInteger(from) && Number.isInteger(to);
  const values = Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
  const rounded = values.map((v) => (whole ? Math.round(v) : Number(v.toPrecision(6))));
  return [...new Set(rounded)];
}

/** A parameter the sweep view offers: its path (as `archsim sweep --vary` takes it) and current value. */
export interface SweepParameter {
  path: string;
  value: number;
}

/**
 * Every number in the document's node and edge params, and one level into their distributions
 * (`nodes.api.params.serviceTimeMs.p50`): what a user would vary.
 */
export function sweepParameters(doc: Doc): SweepParameter[] {
  const found: SweepParameter[] = [];
  const collect = (prefix: string, params: Record<string, unknown> | undefined) => {
    for (const [key, value] of Object.entries(params ?? {})) {
      if (typeof value === 'number') found.push({ path: `${prefix}.params.${key}`, value });
      else if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [field, inner] of Object.entries(value))
          if (typeof inner === 'number')
            found.push({ path: `${prefix}.params.${key}.${field}`, value: inner });
      }
    }
  };
  for (const node of doc.nodes) collect(`nodes.${node.id}`, node.params as Record<string, unknown>);
  for (const edge of doc.edges ?? []) collect(`edges.${edge.id}`, edge.params as Record<string, unknown>);
  return found;
}
