import type { ScenarioEvent, Topology } from './format/schema.ts';
import type { Message } from './messages/Message.ts';

/** A scenario event as given to `applyEvent`: `atSec` optional. */
export type ScenarioEventInput = ScenarioEvent extends infer T
  ? T extends unknown
    ? Omit<T, 'atSec'> & { atSec?: number }
    : never
  : never;

import type { Snapshot, Summary } from './results/types.ts';

/**
 * One problem found in a topology file: where (`nodes[3].params.replicas`, `''` for the whole file) and
 * what, as a code with parameters (`value.mustBe`), worded per language by `sim-core/messages/issueText.ts`.
 */
export interface ValidationIssue extends Message {
  path: string;
  /** The known name closest to a mistyped one (`replicas` for `replica`). */
  guess?: string;
  /** The node or edge the issue sits in, for a list read away from the inspector. */
  owner?: { list: 'nodes' | 'edges'; id: string };
}

export type ValidationResult = { ok: true; topology: Topology } | { ok: false; issues: ValidationIssue[] };

/**
 * Limits a run may not exceed; defaults `DEFAULT_BUDGETS` (1 GiB, 20 million events). Before the run,
 * an estimate from the topology (`sim-core/limits/`) refuses a run that would exceed one, before
 * allocating anything: a `SimulationError` `budget.memory` or `budget.events` naming the field that
 * contributes most. While it runs, the kernel stops it at exactly `maxEvents` events
 * (`budget.eventsExceeded`, naming the busiest nodes), and when the requests in flight outgrow the memory
 * the estimated structures leave (`watchdog.unboundedWork`, naming where the work piles up).
 */
export interface Budgets {
  /** Bytes the engine's structures may take (nodes, replicas, windows, requests in flight). */
  maxMemoryBytes?: number;
  /** Events the run may process. */
  maxEvents?: number;
}

export interface SimulationOptions {
  /** Overrides `scenario.seed`. */
  seed?: number;
  /** Overrides `scenario.durationSec`. */
  durationSec?: number;
  /**
   * Replica-symmetry sampling for huge topologies: `'auto'` (default) samples when the offered load
   * would make the run slow, `'off'` never does, a number in (0, 1] forces that factor.
   */
  sampling?: 'auto' | 'off' | number;
  /** Raises (or lowers) the memory and event budgets (see `Budgets`). */
  budgets?: Budgets;
}

/** A running simulation. All times are simulated seconds. */
export interface Simulation {
  readonly nowSec: number;
  readonly endSec: number;
  readonly done: boolean;
  /** Processes events up to `simSec` (clamped to the end of the run). Returns events processed. */
  runUntil(simSec: number): number;
  /** Processes at most `maxEvents` events. Returns the number processed (0 once done). */
  step(maxEvents: number): number;
  /**
   * Applies a scenario event now (its `atSec` is ignored and may be left out; a `durationSec` counts
   * from now). Throws a `RangeError` naming the problem if the event is malformed or its target is
   * missing or of the wrong kind (e.g. a client cannot take injected latency).
   */
  applyEvent(event: ScenarioEventInput): void;
  /** The windows closed since window `sinceWindow` (default: all), plus the summary so far. */
  snapshot(sinceWindow?: number): Snapshot;
  /** Metrics of the run so far, after warm-up. */
  summary(): Summary;
}
