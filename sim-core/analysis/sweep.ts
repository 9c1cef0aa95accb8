import { toCsv } from '../export/csv.ts';
import { SimulationError } from '../messages/Message.ts';
import { cloneDoc, type JsonDoc, type JsonStep, resolveParamPath, setAt } from './paramPath.ts';
import type { RunMetrics, RunTask } from './runPoint.ts';
import { type Estimate, estimate, seedFor } from './stats.ts';

/** What a sweep runs: each point (one value per path) × `seeds` replications. */
export interface SweepPlan {
  paths: string[];
  /** `points[i][j]` is the value of `paths[j]` at point i. */
  points: number[][];
  seeds: number;
  durationSec?: number;
  /** Overrides the scenario's seed as the base of every point's seeds. */
  seed?: number;
}

/** One run of a sweep: point `point`, replication `seedIndex`. Task i is `point = ⌊i / seeds⌋`. */
export interface SweepTask extends RunTask {
  point: number;
  seedIndex: number;
}

/** Points a sweep may have, times seeds: past this it is a typo, not a plan. */
export const MAX_RUNS = 1_000_000;

/** The grid of every combination of the values, the first path varying slowest. */
export function grid(values: readonly (readonly number[])[]): number[][] {
  let points: number[][] = [[]];
  for (const list of values) points = points.flatMap((point) => list.map((v) => [...point, v]));
  return points;
}

/**
 * Every run of the plan, in a fixed order (point by point, seed by seed). A task's seed depends only on
 * its point's document and its seed index, never on which worker runs it or when.
 * Throws a `SimulationError` for a path that does not resolve (see `resolveParamPath`) or a plan over
 * `MAX_RUNS` runs (`analysis.sweep.tooLarge`).
 */
export function sweepTasks(doc: JsonDoc, plan: SweepPlan): SweepTask[] {
  const runs = plan.points.length * plan.seeds;
  if (runs > MAX_RUNS) {
    throw new SimulationError({ code: 'analysis.sweep.tooLarge', params: { runs, max: MAX_RUNS } });
  }
  const steps = plan.paths.map((path) => resolveParamPath(doc, path));
  const tasks: SweepTask[] = [];
  plan.points.forEach((values, point) => {
    const pointDoc = withValues(doc, steps, values);
    const base = plan.seed ?? scenarioSeed(pointDoc);
    for (let k = 0; k < plan.seeds; k++) {
      tasks.push({
        doc: pointDoc,
        seed: seedFor(base, k),
        durationSec: plan.durationSec,
        point,
        seedIndex: k,
      });
    }
  });
  return tasks;
}

/** A copy of `doc` with each value put at its steps. */
export function withValues(doc: JsonDoc, steps: readonly JsonStep[][], values: readonly number[]): JsonDoc {
  const copy = cloneDoc(doc);
  steps.forEach((path, j) => {
    setAt(copy, path, values[j]);
  });
  return copy;
}

/** The document's `scenario.seed`, 1 (the format's default) when left out. */
export function scenarioSeed(doc: JsonDoc): number {
  const seed = (doc.scenario as { seed?: unknown } | undefined)?.seed;
  return typeof seed === 'number' ? seed : 1;
}

/** A headline metric of a run, as a column of the sweep files. */
export interface MetricColumn {
  name: string;
  get(m: RunMetrics): number | null;
}

export const SWEEP_METRICS: readonly MetricColumn[] = [
  { name: 'arrivals', get: (m) => m.arrivals },
  { name: 'completions', get: (m) => m.completions },
  { name: 'errors', get: (m) => m.errors },
  { name: 'error_ratio', get: (m) => m.errorRatio },
  { name: 'throughput_rps', get: (m) => m.throughputRps },
  { name: 'latency_mean_ms', get: (m) => m.latencyMeanMs },
  { name: 'latency_p50_ms', get: (m) => m.latencyP50Ms },
  { name: 'latency_p90_ms', get: (m) => m.latencyP90Ms },
  { name: 'latency_p99_ms', get: (m) => m.latencyP99Ms },
  { name: 'latency_p999_ms', get: (m) => m.latencyP999Ms },
];

/** A sweep's results: the plan and each task's metrics, in task order. */
export interface SweepResult {
  plan: SweepPlan;
  runs: RunMetrics[];
}

/** Per point: each metric's mean and 95 % interval over the seeds, and the mean utilization by node. */
export interface PointSummary {
  point: number;
  values: number[];
  metrics: Record<string, Estimate>;
  utilization: Record<string, Estimate>;
}

export function summarizeSweep(result: SweepResult): PointSummary[] {
  const { plan, runs } = result;
  return plan.points.map((values, point) => {
    const mine = runs.slice(point * plan.seeds, (point + 1) * plan.seeds);
    const metrics: Record<string, Estimate> = {};
    for (const column of SWEEP_METRICS) metrics[column.name] = estimate(mine.map(column.get));
    const utilization: Record<string, Estimate> = {};
    for (const id of utilizationIds(mine)) {
      utilization[id] = estimate(mine.map((m) => m.utilization[id] ?? null));
    }
    return { point, values, metrics, utilization };
  });
}

/** Node ids with a utilization in any run, in the order the runs list them. */
function utilizationIds(runs: readonly RunMetrics[]): string[] {
  const ids = new Set<string>();
  for (const run of runs) for (const id of Object.keys(run.utilization)) ids.add(id);
  return [...ids];
}

/**
 * `sweep.csv`: a row per point × seed with the varied values, the headline metrics, each node's
 * utilization (`utilization_<id>`) and the run's wall time (`wall_ms`, last).
 */
export function sweepCsv(result: SweepResult): string {
  const { plan, runs } = result;
  const ids = utilizationIds(runs);
  const header = [
    'point',
    'seed_index',
    'seed',
    ...plan.paths,
    ...SWEEP_METRICS.map((c) => c.name),
    ...ids.map((id) => `utilization_${id}`),
    'wall_ms',
  ];
  const rows = runs.map((m, i) => {
    const point = Math.floor(i / plan.seeds);
    return [
      point,
      i % plan.seeds,
      m.seed,
      ...plan.points[point],
      ...SWEEP_METRICS.map((c) => c.get(m)),
      ...ids.map((id) => m.utilization[id] ?? null),
      m.wallMs,
    ];
  });
  return toCsv(header, rows);
}

/**
 * `sweep-summary.csv`: a row per point with the varied values, the number of seeds, and for each
 * metric its mean and 95 % interval over the seeds (`<metric>_mean`, `_ci_low`, `_ci_high`), then
 * each node's mean utilization.
 */
export function sweepSummaryCsv(result: SweepResult): string {
  const summaries = summarizeSweep(result);
  const ids = utilizationIds(result.runs);
  const header = [
    'point',
    ...result.plan.paths,
    'seeds',
    ...SWEEP_METRICS.flatMap((c) => [`${c.name}_mean`, `${c.name}_ci_low`, `${c.name}_ci_high`]),
    ...ids.map((id) => `utilization_${id}_mean`),
  ];
  const rows = summaries.map((s) => [
    s.point,
    ...s.values,
    result.plan.seeds,
    ...SWEEP_METRICS.flatMap((c) => {
      const e = s.metrics[c.name];
      return [e.mean, e.low, e.high];
    }),
    ...ids.map((id) => s.utilization[id]?.mean ?? null),
  ]);
  return toCsv(header, rows);
}
