import type { Problem } from '../../../sim-core/analysis/analysisWorkerApi.ts';

/** Where an analysis panel's run is: not started yet, running, answered, cancelled, or failed. */
export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** What every analysis panel's run state holds, whatever else it collects. */
export interface RunState {
  status: RunStatus;
  /** Why the run failed; null unless `status` is `failed`. */
  problem: Problem | null;
}

/**
 * A running analysis that ended without an answer: `cancelled` when the user stopped it (its worker's
 * `worker.cancelled`), else `failed` with the problem. A run that is not running any more stays as it
 * is: its worker's last word comes after the panel has moved on.
 */
export function stoppedRun<S extends RunState>(state: S, problem: Problem): S {
  if (state.status !== 'running') return state;
  return problem.code === 'worker.cancelled'
    ? { ...state, status: 'cancelled' }
    : { ...state, status: 'failed', problem };
}
