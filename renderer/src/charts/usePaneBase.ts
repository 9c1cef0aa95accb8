import { useMemo } from 'react';
import type { ChartData } from './chartData.ts';
import { timeExtentSec, windowTimes } from './series.ts';

/**
 * What every time tab hands its TimePane: the shared x extent, both runs' windows, times and events.
 * The tabs add only their readout and their chart.
 */
export function usePaneBase(data: ChartData, width: number) {
  const { windows, pinned, summary } = data;
  const times = useMemo(() => windowTimes(windows), [windows]);
  const pinnedTimes = useMemo(() => (pinned ? windowTimes(pinned.windows) : []), [pinned]);
  const pane = {
    width,
    extentSec: timeExtentSec(data.endSec, windows, pinned?.windows),
    windows,
    pinnedWindows: pinned?.windows ?? null,
    times,
    pinnedTimes,
    events: summary?.eventsApplied ?? [],
    pinnedEvents: pinned?.summary.eventsApplied ?? [],
  };
  return { times, pinnedTimes, pane };
}
