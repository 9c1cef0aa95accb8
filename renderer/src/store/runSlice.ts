import type { StateCreator } from 'zustand';
import type { AppliedEvent, Summary, WindowStats } from '../../../sim-core/results/types.ts';
import type { Store } from './store.ts';

export type RunStatus = 'idle' | 'running' | 'paused' | 'done';
/** Simulated seconds per wall second; 0 = as fast as possible. */
export const SPEEDS = [1, 10, 100, 0] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PinnedRun {
  label: string;
  windows: WindowStats[];
  summary: Summary;
}

/** The current run's results as they stream in from the worker, and a pinned run to compare with. */
export interface RunSlice {
  status: RunStatus;
  speed: Speed;
  nowSec: number;
  endSec: number;
  windows: WindowStats[];
  summary: Summary | null;
  liveEvents: AppliedEvent[];
  pinned: PinnedRun | null;
  /**
   * The window the canvas, status bar and charts' replay cursor show after a finished run, or null for
   * the latest (live). Session state: cleared with the run.
   */
  replayIndex: number | null;
  setStatus: (status: RunStatus) => void;
  setSpeed: (speed: Speed) => void;
  receive: (nowSec: number, endSec: number, windows: WindowStats[], summary: Summary, done: boolean) => void;
  resetRun: () => void;
  pin: (label: string) => void;
  unpin: () => void;
  /** Shows window `index` (clamped to the run), or the latest with null. */
  setReplay: (index: number | null) => void;
}

export const createRunSlice: StateCreator<Store, [], [], RunSlice> = (set, get) => ({
  status: 'idle',
  speed: 10,
  nowSec: 0,
  endSec: 0,
  windows: [],
  summary: null,
  liveEvents: [],
  pinned: null,
  replayIndex: null,
  setStatus: (status) => set({ status }),
  setSpeed: (speed) => set({ speed }),
  receive: (nowSec, endSec, windows, summary, done) =>
    set((s) => ({
      nowSec,
      endSec,
      windows: windows.length > 0 ? [...s.windows, ...windows] : s.windows,
      summary,
      status: done ? 'done' : s.status,
    })),
  resetRun: () =>
    set({ status: 'idle', nowSec: 0, windows: [], summary: null, liveEvents: [], replayIndex: null }),
  pin: (label) => {
    const { windows, summary } = get();
    if (summary) set({ pinned: { label, windows, summary } });
  },
  unpin: () => set({ pinned: null }),
  setReplay: (index) =>
    set((s) => ({
      replayIndex:
        index === null || s.windows.length === 0
          ? null
          : Math.max(0, Math.min(s.windows.length - 1, Math.round(index))),
    })),
});

/** The window to show: the replayed one, else the latest closed one (undefined before the first). */
export function shownWindow(s: Pick<RunSlice, 'windows' | 'replayIndex'>): WindowStats | undefined {
  return s.windows[s.replayIndex ?? s.windows.length - 1];
}
