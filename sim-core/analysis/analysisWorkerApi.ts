import { validateTopology } from '../format/validate.ts';
import { type Message, SimulationError } from '../messages/Message.ts';
import { type CapacityResult, type CapacityRun, findCapacity } from './capacity.ts';
import { type AnalyticEstimate, analyticEstimate } from './estimate.ts';
import type { JsonDoc } from './paramPath.ts';
import { inProcessRunner, type RunMetrics, type TaskRunner } from './runPoint.ts';
import { type SensitivityResult, sensitivity } from './sensitivity.ts';
import { parseSlo } from './slo.ts';
import { type SweepResult, sweepTasks } from './sweep.ts';

/**
 * What the editor's analysis worker offers: the CLI's capacity search, one-parameter sweeps and the
 * analytic estimate, over the same functions (`findCapacity`, `sweepTasks`, `analyticEstimate`), so the
 * editor and `archsim capacity` give the same answer for the same file, seeds and SLOs. Runs go one
 * after another in the worker and each is reported as it finishes; the editor cancels by terminating
 * the worker. Every method returns plain data and never throws: a refusal comes back as a message.
 */
export interface AnalysisWorkerApi {
  capacity(
    doc: unknown,
    request: CapacityRequest,
    onRun: (run: CapacityRun) => void,
  ): Promise<Answer<CapacityAnswer>>;
  sweep(
    doc: unknown,
    request: SweepRequest,
    onRun: (index: number, metrics: RunMetrics) => void,
  ): Promise<Answer<SweepResult>>;
  /**
   * `archsim sensitivity --metric p99`: `onRuns` gets the count of runs finished so far. The answer
   * carries the final count too: a callback's message can arrive after the answer's.
   */
  sensitivity(
    doc: unknown,
    request: SensitivityRequest,
    onRuns: (runs: number) => void,
  ): Promise<Answer<SensitivityAnswer>>;
  estimate(doc: unknown): Answer<AnalyticEstimate>;
}

/** A sensitivity run as `archsim sensitivity --metric p99 --delta D --seeds K` takes it. */
export interface SensitivityRequest {
  /** The relative move, 0..1 (0.2: ±20 %). */
  delta: number;
  seeds: number;
  durationSec?: number;
}

export type Problem = SimulationError['detail'];
export type Answer<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** A capacity search as `archsim capacity` takes it: SLOs as written (`p99<200ms`, `errors<1%`). */
export interface CapacityRequest {
  slos: string[];
  /** `clients` (default) or a client's id. */
  scale?: string;
  seeds?: number;
  maxSeeds?: number;
  precision?: number;
  durationSec?: number;
  seed?: number;
}

export interface CapacityAnswer {
  result: CapacityResult;
}

export interface SensitivityAnswer {
  result: SensitivityResult;
  /** Runs made, the baseline's included. */
  runs: number;
}

/** A one-parameter sweep as `archsim sweep --vary PATH=v1,v2,…` takes it. */
export interface SweepRequest {
  path: string;
  values: number[];
  seeds: number;
  durationSec?: number;
}

export function createAnalysisWorkerApi(wallClock?: () => number): AnalysisWorkerApi {
  const run = inProcessRunner(wallClock);
  return {
    capacity: (doc, request, onRun) =>
      attempt(async () => {
        const topology = validated(doc);
        const result = await findCapacity(
          topology,
          {
            slos: request.slos.map(parseSlo),
            scale: request.scale ?? 'clients',
            seeds: request.seeds,
            maxSeeds: request.maxSeeds,
            precision: request.precision,
            durationSec: request.durationSec,
            seed: request.seed,
            onRun,
          },
          run,
        );
        return { result };
      }),
    sweep: (doc, request, onRun) =>
      attempt(async () => {
        const plan = {
          paths: [request.path],
          points: request.values.map((v) => [v]),
          seeds: request.seeds,
          durationSec: request.durationSec,
        };
        const runs = await run(sweepTasks(validated(doc), plan), onRun);
        return { plan, runs };
      }),
    sensitivity: (doc, request, onRuns) =>
      attempt(async () => {
        let runs = 0;
        const counted: TaskRunner = (tasks, onResult) =>
          run(tasks, (index, metrics) => {
            onRuns(++runs);
            onResult?.(index, metrics);
          });
        const result = await sensitivity(
          validated(doc),
          {
            metric: 'p99',
            delta: request.delta,
            params: [],
            seeds: request.seeds,
            durationSec: request.durationSec,
          },
          counted,
        );
        return { result, runs };
      }),
    estimate: (doc) => {
      try {
        return { ok: true, value: analyticEstimate(validatedTopology(doc)) };
      } catch (error) {
        return failure(error);
      }
    },
  };
}

function validatedTopology(doc: unknown) {
  const result = validateTopology(doc);
  if (result.ok) return result.topology;
  const first = result.issues[0];
  throw new SimulationError({ code: first.code, params: first.params, path: first.path });
}

/** The document validated, defaults filled in: what `archsim` reads from a file. */
function validated(doc: unknown): JsonDoc {
  return validatedTopology(doc) as unknown as JsonDoc;
}

async function attempt<T>(work: () => Promise<T>): Promise<Answer<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): { ok: false; problem: Problem } {
  if (error instanceof SimulationError) return { ok: false, problem: error.detail };
  const detail: Message = {
    code: 'worker.failed',
    params: {
      name: error instanceof Error ? error.name : 'Error',
      detail: error instanceof Error ? error.message : String(error),
    },
  };
  return { ok: false, problem: detail };
}
