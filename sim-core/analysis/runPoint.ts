import { createSimulation } from '../engine/createSimulation.ts';
import { validateTopology } from '../format/validate.ts';
import { SimulationError } from '../messages/Message.ts';
import type { Summary } from '../results/types.ts';
import type { JsonDoc } from './paramPath.ts';

/** One simulation of an analysis: a document (one point of a sweep, one candidate load) and a seed. */
export interface RunTask {
  doc: JsonDoc;
  seed: number;
  /** Overrides the scenario's duration. */
  durationSec?: number;
}

/** What an analysis keeps of a run: the headline metrics after warm-up. Plain, cloneable data. */
export interface RunMetrics {
  seed: number;
  arrivals: number;
  completions: number;
  errors: number;
  /** errors ÷ (completions + errors), 0..1; 0 with no finished request. */
  errorRatio: number;
  throughputRps: number;
  latencyMeanMs: number | null;
  latencyP50Ms: number | null;
  latencyP90Ms: number | null;
  latencyP99Ms: number | null;
  latencyP999Ms: number | null;
  /** Time-averaged utilization of each service and database, by node id. */
  utilization: Record<string, number>;
  /** Requests refused by each node's full waiting room, by node id (only nodes that refused any). */
  queueFull: Record<string, number>;
  /** The event loop's wall time: the one thing that differs between two runs of the same task. */
  wallMs: number;
}

/**
 * Validates and runs one task to its end. Throws a `SimulationError` `analysis.point.invalid` (with
 * the first problem's `issue`) if the document is not a valid topology, e.g. a sweep value out of range,
 * and `analysis.duration.warmup` if the run would end within its warm-up (nothing would be measured).
 */
export function runTask(task: RunTask, wallClock?: () => number): RunMetrics {
  const result = validateTopology(task.doc);
  if (!result.ok) {
    const first = result.issues[0];
    throw new SimulationError({
      code: 'analysis.point.invalid',
      // The issue as data, for each language to word (the CLI in English, the app in its own).
      params: { issue: { code: first.code, params: first.params }, path: first.path },
      path: first.path,
    });
  }
  const { warmupSec } = result.topology.scenario;
  const durationSec = task.durationSec ?? result.topology.scenario.durationSec;
  if (durationSec <= warmupSec) {
    // Nothing after the warm-up is measured: every SLO would 'hold' and every point look the same.
    throw new SimulationError({
      code: 'analysis.duration.warmup',
      params: { durationSec, warmupSec },
      path: 'scenario.warmupSec',
    });
  }
  const sim = createSimulation(result.topology, {
    seed: task.seed,
    durationSec: task.durationSec,
    wallClock,
  });
  sim.runUntil(sim.endSec);
  return metricsOf(sim.summary());
}

/** The analysis metrics of a summary. */
export function metricsOf(summary: Summary): RunMetrics {
  const e2e = summary.endToEnd;
  const finished = e2e.completions + e2e.errors.total;
  const utilization: Record<string, number> = {};
  const queueFull: Record<string, number> = {};
  for (const [id, row] of Object.entries(summary.nodes)) {
    if (row.utilization !== null) utilization[id] = row.utilization;
    if (row.errors.queueFull > 0) queueFull[id] = row.errors.queueFull;
  }
  return {
    seed: summary.seed,
    arrivals: e2e.arrivals,
    completions: e2e.completions,
    errors: e2e.errors.total,
    errorRatio: finished > 0 ? e2e.errors.total / finished : 0,
    throughputRps: e2e.throughputRps,
    latencyMeanMs: e2e.latencyMs.mean,
    latencyP50Ms: e2e.latencyMs.p50,
    latencyP90Ms: e2e.latencyMs.p90,
    latencyP99Ms: e2e.latencyMs.p99,
    latencyP999Ms: e2e.latencyMs.p999,
    utilization,
    queueFull,
    wallMs: summary.wallMs,
  };
}

/**
 * Runs tasks, in any order or in parallel, and returns their metrics in the tasks' order. A runner may
 * also hand each result to `onResult` as soon as it has it (the editor draws runs as they finish).
 */
export type TaskRunner = (
  tasks: readonly RunTask[],
  onResult?: (index: number, metrics: RunMetrics) => void,
) => Promise<RunMetrics[]>;

/** The runner without workers: one task after another, in this thread, each result reported at once. */
export function inProcessRunner(wallClock?: () => number): TaskRunner {
  return async (tasks, onResult) =>
    tasks.map((task, index) => {
      const metrics = runTask(task, wallClock);
      onResult?.(index, metrics);
      return metrics;
    });
}
