import type { Simulation, SimulationOptions, ValidationResult } from './api.ts';
import { createSimulation } from './engine/createSimulation.ts';
import type { ScenarioEvent } from './format/schema.ts';
import { validateTopology } from './format/validate.ts';
import type { Snapshot, Summary } from './results/types.ts';

/**
 * What the simulation worker offers the UI. Every method returns plain data (structured-clone safe);
 * errors come back as results rather than exceptions, since comlink keeps only an error's message.
 */
export interface SimWorkerApi {
  /** Validates and loads a topology, replacing any current run. */
  load(json: unknown, options?: SimulationOptions): ValidationResult;
  /**
   * Advances the run by `simSec` simulated seconds (to its end at most) and returns the new simulated
   * time. The UI calls it in short slices, so the worker stays responsive to pause and live events.
   */
  runFor(simSec: number): number;
  applyEvent(event: ScenarioEvent): { ok: true } | { ok: false; message: string };
  snapshot(sinceWindow?: number): Snapshot | null;
  summary(): Summary | null;
}

/** The worker's API over plain functions, testable without a worker. */
export function createSimWorkerApi(wallClock?: () => number): SimWorkerApi {
  let sim: Simulation | null = null;
  return {
    load(json, options = {}) {
      const result = validateTopology(json);
      sim = result.ok ? createSimulation(result.topology, { ...options, wallClock }) : null;
      return result;
    },
    runFor(simSec) {
      if (sim === null) return 0;
      sim.runUntil(Math.min(sim.endSec, sim.nowSec + simSec));
      return sim.nowSec;
    },
    applyEvent(event) {
      if (sim === null) return { ok: false, message: 'no simulation is loaded' };
      try {
        sim.applyEvent(event);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    snapshot(sinceWindow = 0) {
      return sim === null ? null : sim.snapshot(sinceWindow);
    },
    summary() {
      return sim === null ? null : sim.summary();
    },
  };
}
