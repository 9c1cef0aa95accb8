import type { Summary, WindowStats } from '../../../sim-core/results/types.ts';
import type { PinnedRun } from '../store/runSlice.ts';
import type { Store } from '../store/store.ts';

/** The run data every chart tab reads; selected once by the panel with `useShallow`. */
export interface ChartData {
  windows: WindowStats[];
  summary: Summary | null;
  pinned: PinnedRun | null;
  /** The scenario's end, so the x axis stays put while a run streams in. */
  endSec: number;
}

export const selectChartData = (s: Store): ChartData => ({
  windows: s.windows,
  summary: s.summary,
  pinned: s.pinned,
  endSec: s.endSec,
});
