import {
  ERROR_REASONS,
  type ErrorCounts,
  type MetricRow,
  type WindowStats,
} from '../../../sim-core/results/types.ts';
import { emptyErrors, emptyRow } from '../../../sim-core/test/summaryFixture.ts';

/** Fixtures for the chart tests: a metric row with everything empty, overridable piece by piece. */
export function row(over: Partial<MetricRow> = {}, errors: Partial<ErrorCounts> = {}): MetricRow {
  const counts = { ...emptyErrors(), ...errors };
  counts.total = ERROR_REASONS.reduce((sum, r) => sum + counts[r], 0);
  return emptyRow({ errors: counts, ...over });
}

/** A window `index` of `sec` seconds. */
export function win(
  index: number,
  endToEnd: MetricRow,
  extra: Partial<WindowStats> = {},
  sec = 1,
): WindowStats {
  return {
    index,
    startSec: index * sec,
    endSec: (index + 1) * sec,
    endToEnd,
    clients: {},
    classes: {},
    nodes: {},
    edges: {},
    ...extra,
  };
}
