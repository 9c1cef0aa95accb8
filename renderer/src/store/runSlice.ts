import type { StateCreator } from 'zustand';
import type { AppliedEvent, Summary, WindowStats } from '../../../sim-core/results/types.ts';
import type { Problem } from '../../../sim-core/workerApi.ts';
import type { Doc } from '../model/document.ts';
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

/** How hard the worker has worked on the current run: for the speed readout and its measurement. */
export interface RunWork {
  /** Events the engine processed. */
  events: number;
  /** Wall time the worker spent in the engine, ms. */
  loopMs: number;
  /** Wall time the run has been running (paused time left out), ms. */
  wallMs: number;
}

/** What one answer from the worker brings: the new windows, and the summary when it was asked for. */
export interface RunUpdate {
  nowSec: number;
  endSec: number;
  windows: WindowStats[];
  summary: Summary | null;
  done: boolean;
  work: RunWork;
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
  /** The document the current results were computed from: any other document makes them out of date. */
  runDoc: Doc | null;
  pinned: PinnedRun | null;
  /**
   * The window the canvas, status bar and charts' replay cursor show after a finished run, or null for
   * the latest (live). Session state: cleared with the run.
   */
  replayIndex: number | null;
  work: RunWork | null;
  /**
   * Why the engine refused or stopped the run (a budget, a watchdog): the canvas marks the nodes it
   * names; the inspector shows it under the field it names while `doc` (the document then) is
   * unchanged. Cleared with the run.
   */
  runProblem: { problem: Problem; doc: Doc } | null;
  /** Counts `resetRun`s: an answer for an earlier run is dropped rather than mixed into this one. */
  runEpoch: number;
  setStatus: (status: RunStatus) => void;
  setSpeed: (speed: Speed) => void;
  /** Adds a worker answer to the run; a null summary keeps the last one. */
  receive: (update: RunUpdate) => void;
  /** Keeps `problem` with the document it is about (the current one). */
  setRunProblem: (problem: Problem) => void;
  /** Clears the run's results; `runDoc` is the document the next results come from (else the one shown). */
  resetRun: (runDoc?: Doc) => void;
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
  runDoc: null,
  pinned: null,
  replayIndex: null,
  work: null,
  runProblem: null,
  runEpoch: 0,
  setStatus: (status) => set({ status }),
  setSpeed: (speed) => set({ speed }),
  receive: ({ nowSec, endSec, windows, summary, done, work }) =>
    set((s) => ({
      nowSec,
      endSec,
      windows: windows.length > 0 ? [...s.windows, ...windows] : s.windows,
      summary: summary ?? s.summary,
      status: done ? 'done' : s.status,
      work,
    })),
  setRunProblem: (problem) => set((s) => ({ runProblem: { problem, doc: s.doc } })),
  // The run bar's end time goes with the results: a new document shows its own duration until Run.
  resetRun: (runDoc) =>
    set((s) => ({
      status: 'idle',
      nowSec: 0,
      endSec: 0,
      windows: [],
      summary: null,
      liveEvents: [],
      runDoc: runDoc ?? s.doc,
      replayIndex: null,
      work: null,
      runProblem: null,
      runEpoch: s.runEpoch + 1,
    })),
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
