import { useCallback, useMemo } from 'react';
import { useT } from '../i18n/useT.ts';
import type { ChartData } from './chartData.ts';
import { CHART_HEIGHT } from './geometry.ts';
import type { LegendItem } from './Legend.tsx';
import { PERCENTILE_COLORS, PINNED_COLOR } from './palette.ts';
import { endToEndReadout } from './readout.ts';
import { latencySeries, PERCENTILES, type Percentile } from './series.ts';
import { type LineDef, TimeChart } from './TimeChart.tsx';
import { TimePane } from './TimePane.tsx';
import { usePaneBase } from './usePaneBase.ts';

/** The pinned run is overlaid with its median and p99 only: eight lines would hide the current run. */
const PINNED_PERCENTILES: readonly Percentile[] = ['p50', 'p99'];

/** End-to-end latency percentiles over simulated time, log or linear. */
export function LatencyTab({ data, width, logY }: { data: ChartData; width: number; logY: boolean }) {
  const t = useT();
  const { windows, pinned, summary } = data;
  const { times, pinnedTimes, pane } = usePaneBase(data, width);
  const series = useMemo(() => latencySeries(windows), [windows]);
  const pinnedSeries = useMemo(() => (pinned ? latencySeries(pinned.windows) : null), [pinned]);

  const lines = useMemo(() => {
    const out: LineDef[] = [];
    if (pinnedSeries) {
      for (const p of PINNED_PERCENTILES) {
        const color = PERCENTILE_COLORS[p];
        out.push({ key: `pinned-${p}`, color, times: pinnedTimes, values: pinnedSeries[p], pinned: true });
      }
    }
    for (const p of PERCENTILES) out.push({ key: p, color: PERCENTILE_COLORS[p], times, values: series[p] });
    return out;
  }, [series, pinnedSeries, times, pinnedTimes]);

  const legend = useMemo(() => {
    const items: LegendItem[] = PERCENTILES.map((p) => ({
      label: t(`charts.metric.${p}`),
      color: PERCENTILE_COLORS[p],
    }));
    if (pinned) items.push({ label: `${t('charts.pinned')} p50/p99`, color: PINNED_COLOR, dashed: true });
    return items;
  }, [pinned, t]);

  const readout = useCallback(
    (i: number, pi: number) => endToEndReadout(windows[i], pinned ? (pinned.windows[pi] ?? null) : undefined),
    [windows, pinned],
  );

  const title = `${t('charts.latencyTitle')}${logY ? ` · ${t('charts.logScale')}` : ''}`;
  return (
    <TimePane {...pane} readout={readout}>
      {({ x, cursor, onHover }) => (
        <TimeChart
          x={x}
          width={width}
          height={CHART_HEIGHT}
          title={title}
          legend={legend}
          lines={lines}
          unit="ms"
          logY={logY}
          warmupSec={summary?.warmupSec ?? pinned?.summary.warmupSec}
          warmupLabel={t('charts.warmup')}
          cursor={cursor}
          onHover={onHover}
        />
      )}
    </TimePane>
  );
}
