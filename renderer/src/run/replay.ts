/**
 * Replay after a finished run: which window a simulated time falls in, and where a playing replay is
 * after some wall time. Pure, so the player and the scrubbers share one tested rule.
 */

/** Simulated seconds per wall second the replay plays at. */
export const REPLAY_SPEEDS = [1, 10] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export interface WindowSpan {
  startSec: number;
  endSec: number;
}

/**
 * The index of the window holding simulated time `sec`: the last window starting at or before it,
 * clamped to the run (0 before the first window, the last one after the end); -1 without windows.
 */
export function windowIndexAt(windows: readonly WindowSpan[], sec: number): number {
  if (windows.length === 0) return -1;
  let lo = 0;
  let hi = windows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (windows[mid].startSec <= sec) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Where a replay playing from `fromSec` at `speed` simulated seconds per wall second is after
 * `elapsedMs` of wall time: the new simulated time, the window to show, and whether it reached the
 * end of the run (then it stops on the last window).
 */
export function advanceReplay(
  windows: readonly WindowSpan[],
  fromSec: number,
  elapsedMs: number,
  speed: number,
): { sec: number; index: number; ended: boolean } {
  const endSec = windows.length > 0 ? windows[windows.length - 1].endSec : 0;
  const sec = Math.min(endSec, fromSec + (Math.max(0, elapsedMs) / 1000) * speed);
  return { sec, index: windowIndexAt(windows, sec), ended: sec >= endSec };
}

/** Where Play starts: from the replayed window, or from the beginning when live or at the last window. */
export function replayStartSec(windows: readonly WindowSpan[], replayIndex: number | null): number {
  if (windows.length === 0) return 0;
  if (replayIndex === null || replayIndex >= windows.length - 1) return windows[0].startSec;
  return windows[replayIndex].startSec;
}
