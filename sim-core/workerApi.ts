import { z } from 'zod';
import type { ScenarioEventInput, Simulation, SimulationOptions, ValidationIssue } from './api.ts';
import { createSimulation } from './engine/createSimulation.ts';
import { validateTopology } from './format/validate.ts';
import { APP_MAX_EVENTS } from './limits/defaults.ts';
import { type MessageParam, SimulationError } from './messages/Message.ts';
import type { Snapshot, Summary } from './results/types.ts';

export { APP_MAX_EVENTS };

/**
 * Why the worker did not do what it was asked: a message as data (code + params, worded per language
 * by the UI), the document path at fault and the nodes involved when there are some. Engine refusals
 * (`budget.*`, `watchdog.*`, …) arrive as the engine's own `SimulationError` detail; the worker adds
 * the `worker.*` codes below.
 */
export type Problem = SimulationError['detail'];

export type Failure = { ok: false; problem: Problem };

/** `load`'s answer: ready, a document that does not validate (with its issues), or a refusal. */
export type LoadResult = { ok: true } | { ok: false; issues: ValidationIssue[] } | Failure;

/** What one `advance` asks for. */
export interface AdvanceRequest {
  /** Simulated time to run to (clamped to the end of the run; `Infinity` runs to the end). */
  toSec: number;
  /**
   * Wall time the call may spend simulating, ms: it returns once this is spent even if `toSec` is not
   * reached, so no call holds the worker longer than about this (plus one short chunk).
   */
  wallMs: number;
  /**
   * The windows the caller already has: only later ones come back. Left out, the windows after those
   * the last `advance` answered with, so a caller may ask again before the answer before has arrived.
   */
  sinceWindow?: number;
  /**
   * Whether to compute the run's summary (costly on big topologies; the UI asks now and then). The
   * answer that reaches the end always has it.
   */
  withSummary: boolean;
}

/** A snapshot of the run after an `advance`, with how much work the worker has done so far. */
export interface Progress extends Omit<Snapshot, 'summary'> {
  summary: Summary | null;
  /** Events the engine has processed since the load. */
  events: number;
  /** Wall time the worker has spent inside the engine since the load, ms (0 without a clock). */
  loopMs: number;
}

/**
 * What the simulation worker offers the UI. Every method returns plain data (structured-clone safe) and
 * never throws: errors come back as results carrying a `Problem`, since comlink keeps only an error's
 * message. Codes of the worker's own problems:
 * - `worker.option` `{ option, got }`: an option or request field out of range (`path` names it);
 * - `worker.notLoaded`: nothing is loaded (or the last load failed);
 * - `worker.ended` `{ endSec }`: a live event after the end of the run;
 * - `worker.failed` `{ name, detail }`: the engine threw something that is not a `SimulationError`
 *   (`detail` is its message, shown as is). After a failure while running, the run is over: `advance`
 *   keeps answering the same problem, while `snapshot` and `summary` still give the results so far.
 */
export interface SimWorkerApi {
  /**
   * Validates and loads a topology with run options, replacing any current run. `options.budgets`
   * overrides the app's budgets (`APP_MAX_EVENTS`, the default memory budget); a limit that is not a
   * positive number is a `worker.option` naming it (`budgets.maxEvents`, `budgets.maxMemoryBytes`).
   */
  load(json: unknown, options?: SimulationOptions): LoadResult;
  /** Runs on (see `AdvanceRequest`) and reports the new windows. */
  advance(request: AdvanceRequest): { ok: true; progress: Progress } | Failure;
  /** Applies a live event now. */
  applyEvent(event: ScenarioEventInput): { ok: true } | Failure;
  snapshot(sinceWindow?: number): Snapshot | null;
  summary(): Summary | null;
}

/** Run options as the worker accepts them: what `SimulationOptions` allows, checked. */
const simulationOptions = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  durationSec: z.number().gt(0).optional(),
  sampling: z.union([z.enum(['auto', 'off']), z.number().gt(0).max(1)]).optional(),
  budgets: z
    .strictObject({
      maxEvents: z.number().gt(0).optional(),
      maxMemoryBytes: z.number().gt(0).optional(),
    })
    .optional(),
}) satisfies z.ZodType<SimulationOptions>;

const advanceRequest = z.strictObject({
  toSec: z.union([z.number().min(0), z.literal(Number.POSITIVE_INFINITY)]),
  wallMs: z.number().gt(0),
  sinceWindow: z.number().int().min(0).optional(),
  withSummary: z.boolean(),
}) satisfies z.ZodType<AdvanceRequest>;

/** Wall time one engine call inside `advance` aims at, ms: how finely the wall budget is kept. */
const CHUNK_MS = 5;

/** The worker's API over plain functions, testable without a worker. */
export function createSimWorkerApi(wallClock?: () => number): SimWorkerApi {
  let sim: Simulation | null = null;
  let failure: Failure | null = null;
  let events = 0;
  let loopMs = 0;
  /** Simulated seconds per engine call, adapted so that one call takes about CHUNK_MS. */
  let chunkSec = 0.01;
  /** Windows the answers to `advance` have carried so far. */
  let sent = 0;

  const notLoaded: Failure = { ok: false, problem: { code: 'worker.notLoaded', params: {} } };

  /** Runs the engine to `untilSec`, counting its events and its wall time. */
  function runUntil(current: Simulation, untilSec: number): number {
    const started = wallClock?.() ?? 0;
    events += current.runUntil(untilSec);
    const took = (wallClock?.() ?? 0) - started;
    loopMs += took;
    return took;
  }

  return {
    load(json, options = {}) {
      sim = null;
      failure = null;
      events = 0;
      loopMs = 0;
      chunkSec = 0.01;
      sent = 0;
      const parsedOptions = simulationOptions.safeParse(options);
      if (!parsedOptions.success) return optionFailure(parsedOptions.error, options, 'options');
      const result = validateTopology(json);
      if (!result.ok) return { ok: false, issues: result.issues };
      const durationSec = parsedOptions.data.durationSec;
      if (durationSec !== undefined && durationSec <= result.topology.scenario.warmupSec) {
        return {
          ok: false,
          problem: {
            code: 'worker.option',
            params: { option: 'durationSec', got: durationSec },
            path: 'options.durationSec',
          },
        };
      }
      const created = attempt(() =>
        createSimulation(result.topology, {
          ...parsedOptions.data,
          wallClock,
          budgets: { maxEvents: APP_MAX_EVENTS, ...parsedOptions.data.budgets },
        }),
      );
      if (!created.ok) return created;
      sim = created.value;
      return { ok: true };
    },

    advance(request) {
      if (sim === null) return notLoaded;
      if (failure !== null) return failure;
      const parsed = advanceRequest.safeParse(request);
      if (!parsed.success) return optionFailure(parsed.error, request, 'request');
      const { toSec, wallMs, sinceWindow, withSummary } = parsed.data;
      const current = sim;
      const target = Math.min(toSec, current.endSec);
      const ran = attempt(() => {
        // Without a clock there is no budget to keep: one engine call to the target.
        if (wallClock === undefined) {
          runUntil(current, target);
          return null;
        }
        // Short engine calls until the target or the wall budget: the budget holds however busy the
        // model is. There is always one call, so a live event applied just before takes effect even
        // when the target is now; at the end one call processes what is left (events at exactly endSec).
        let spentMs = 0;
        do {
          const took = runUntil(current, Math.min(target, current.nowSec + chunkSec));
          spentMs += took;
          chunkSec = Math.min(60, Math.max(1e-4, chunkSec * Math.min(4, CHUNK_MS / Math.max(0.25, took))));
        } while (spentMs < wallMs && !current.done && (current.nowSec < target || target === current.endSec));
        return null;
      });
      if (!ran.ok) {
        failure = ran;
        return ran;
      }
      const from = sinceWindow ?? sent;
      const snap = current.snapshot(from);
      sent = from + snap.windows.length;
      return {
        ok: true,
        progress: {
          nowSec: snap.nowSec,
          endSec: snap.endSec,
          done: snap.done,
          windows: snap.windows,
          summary: withSummary || snap.done ? snap.summary : null,
          events,
          loopMs,
        },
      };
    },

    applyEvent(event) {
      if (sim === null) return notLoaded;
      if (failure !== null) return failure;
      const current = sim;
      if (current.done)
        return { ok: false, problem: { code: 'worker.ended', params: { endSec: current.endSec } } };
      const applied = attempt(() => current.applyEvent(event));
      return applied.ok ? { ok: true } : applied;
    },

    snapshot(sinceWindow = 0) {
      return sim === null ? null : sim.snapshot(sinceWindow);
    },

    summary() {
      return sim === null ? null : sim.summary();
    },
  };
}

/** Runs `work`, turning anything it throws into a `Failure`. */
function attempt<T>(work: () => T): { ok: true; value: T } | Failure {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (error instanceof SimulationError) return { ok: false, problem: error.detail };
    const name = error instanceof Error ? error.name : 'Error';
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { code: 'worker.failed', params: { name, detail } } };
  }
}

/** The first problem zod found in `input` (options or an advance request), as a `worker.option`. */
function optionFailure(error: z.ZodError, input: unknown, where: 'options' | 'request'): Failure {
  const issue = error.issues[0];
  // An unknown key is reported on its parent: name the key itself.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const option = path.map(String).join('.') || where;
  let got: unknown = input;
  for (const key of path) got = (got as Record<PropertyKey, unknown> | undefined)?.[key];
  return {
    ok: false,
    problem: { code: 'worker.option', params: { option, got: asParam(got) }, path: `${where}.${option}` },
  };
}

/** A value as a message parameter: numbers, strings, booleans and null as they are, the rest as JSON. */
function asParam(value: unknown): MessageParam {
  if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) return value as MessageParam;
  if (value === undefined) return null;
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}
