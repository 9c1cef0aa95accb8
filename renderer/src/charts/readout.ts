import { ERROR_REASONS, type MetricRow, type WindowStats } from '../../../sim-core/results/types.ts';
import { PERCENTILES, SCOPE_METRICS, type Scope, scopeRow, type Unit } from './series.ts';

/**
 * What the hover tooltip lists for one window: numbers with their unit, and the pinned run's value
 * for the same window when a run is pinned. Labels are message keys; formatting is the tooltip's.
 */
export interface ReadoutRow {
  key: string;
  unit: Unit;
  value: number | null;
  /** undefined: no pinned run; null: pinned run has no value here. */
  pinned?: number | null;
}

function durationSec(w: WindowStats): number {
  return Math.max(1e-9, w.endSec - w.startSec);
}

/**
 * End-to-end: latency percentiles, throughput, errors in total and by each reason that occurred.
 * `w` is undefined where the current run has not reached the window (the pinned one has).
 */
export function endToEndReadout(w: WindowStats | undefined, pinnedW?: WindowStats | null): ReadoutRow[] {
  const rows: ReadoutRow[] = [];
  const withPinned = pinnedW !== undefined;
  const add = (key: string, unit: Unit, get: (row: MetricRow, dur: number) => number | null) => {
    const row: ReadoutRow = { key, unit, value: w ? get(w.endToEnd, durationSec(w)) : null };
    if (withPinned) row.pinned = pinnedW ? get(pinnedW.endToEnd, durationSec(pinnedW)) : null;
    rows.push(row);
  };
  for (const p of PERCENTILES) add(p, 'ms', (r) => r.latencyMs[p]);
  add('throughput', 'rps', (r) => r.throughputRps);
  add('errors', 'rps', (r, dur) => r.errors.total / dur);
  for (const reason of ERROR_REASONS) {
    if ((w?.endToEnd.errors[reason] ?? 0) > 0 || (pinnedW?.endToEnd.errors[reason] ?? 0) > 0) {
      add(`reason.${reason}`, 'rps', (r, dur) => r.errors[reason] / dur);
    }
  }
  return rows;
}

/** A node or an edge: every metric it measured in this window (or the pinned one). */
export function scopeReadout(
  w: WindowStats | undefined,
  scope: Scope,
  pinnedW?: WindowStats | null,
): ReadoutRow[] {
  const row = w ? scopeRow(w, scope) : undefined;
  const pinnedRow = pinnedW ? scopeRow(pinnedW, scope) : undefined;
  const rows: ReadoutRow[] = [];
  for (const metric of SCOPE_METRICS) {
    const value = row && w ? metric.get(row, durationSec(w)) : null;
    const pinned = pinnedRow && pinnedW ? metric.get(pinnedRow, durationSec(pinnedW)) : null;
    if (value === null && pinned === null) continue;
    const out: ReadoutRow = { key: metric.key, unit: metric.unit, value };
    if (pinnedW !== undefined) out.pinned = pinned;
    rows.push(out);
  }
  return rows;
}
