import type { ScenarioEvent, Topology } from './format/schema.ts';

/** A scenario event as given to `applyEvent`: `atSec` optional. */
export type ScenarioEventInput = ScenarioEvent extends infer T
  ? T extends unknown
    ? Omit<T, 'atSec'> & { atSec?: number }
    : never
  : never;

import type { Snapshot, Summary } from './results/types.ts';

/** One problem found in a topology file: where (`nodes[3].params.replicas`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; topology: Topology } | { ok: false; issues: ValidationIssue[] };

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
