import type { StateCreator } from 'zustand';
import type { AnalyticEstimate } from '../../../sim-core/analysis/estimate.ts';
import type { SensitivityResult } from '../../../sim-core/analysis/sensitivity.ts';
import type { RunState } from '../analysis/analysisRun.ts';
import { IDLE, type LimitAction, type LimitState, limitReducer } from '../analysis/limitState.ts';
import { SWEEP_IDLE, type SweepAction, type SweepState, sweepReducer } from '../analysis/sweepState.ts';
import type { Doc } from '../model/document.ts';
import type { Store } from './store.ts';

/**
 * The analysis panels' results (session state, never saved): the Find the limit search, the sweep,
 * the sensitivity ranking,
 * and the live analytic estimate of the document being edited. They live in the store so a search
 * keeps going, and its answer stays, while the user looks at another tab; the canvas reads the
 * bottleneck and the estimate from here.
 */
/** The sensitivity tab's run: runs finished so far, then the ranking. */
export interface SensitivityState extends RunState {
  runs: number;
  result: SensitivityResult | null;
  /** The document varied: the ranking is out of date once the one shown simulates differently. */
  doc: Doc | null;
}

export interface AnalysisSlice {
  limit: LimitState;
  sweep: SweepState;
  sensitivity: SensitivityState;
  /** The estimate of the current document, or null while it does not validate. */
  estimate: AnalyticEstimate | null;
  limitDispatch: (action: LimitAction) => void;
  sweepDispatch: (action: SweepAction) => void;
  setEstimate: (estimate: AnalyticEstimate | null) => void;
  setSensitivity: (sensitivity: SensitivityState) => void;
}

export const createAnalysisSlice: StateCreator<Store, [], [], AnalysisSlice> = (set) => ({
  limit: IDLE,
  sweep: SWEEP_IDLE,
  sensitivity: { status: 'idle', runs: 0, result: null, problem: null, doc: null },
  estimate: null,
  limitDispatch: (action) => set((s) => ({ limit: limitReducer(s.limit, action) })),
  sweepDispatch: (action) => set((s) => ({ sweep: sweepReducer(s.sweep, action) })),
  setEstimate: (estimate) => set({ estimate }),
  setSensitivity: (sensitivity) => set({ sensitivity }),
});
