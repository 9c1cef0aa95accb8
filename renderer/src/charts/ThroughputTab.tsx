import { useCallback, useMemo } from 'react';
import { useT } from '../i18n/useT.ts';
import type { ChartData } from './chartData.ts';
import { CHART_HEIGHT } from './geometry.ts';
import type { LegendItem } from './Legend.tsx';
import { OK_COLOR, OK_FILL, PINNED_COLOR, REASON_COLORS } from './palette.ts';
import { endToEndReadout } from './readout.ts';
import { stackLayers, throughputSeries } from './series.ts';
import { type AreaDef, type LineDef, TimeChart } from './TimeChart.tsx';
import { TimePane } from './TimePane.tsx';
import { usePaneBase } from './usePaneBase.ts';

/** Lighter fills of the reason colours for the stacked layers (the outline keeps the full colour). */
function tint(hex: string): string {
  return `${hex}99`;
}

/**
 * Throughput and errors over time, stacked: successful completions at the bottom, then failures by
 * reason, so the top edge is all finished requests and the coloured bands are the share that failed.
 * The pinned run is two dashed lines: its throughput and its total.
 */
export function ThroughputTab({ data, width }: { data: ChartData; width: number }) {
  const t = useT();
  const { windows, pinned, summary } = data;
  const { times, pinnedTimes, pane } = usePaneBase(data, width);
  const series = useMemo(() => throughputSeries(windows), [windows]);
  const pinnedSeries = useMemo(() => (pinned ? throughputSeries(pinned.windows) : null), [pinned]);

  const areas = useMemo((): AreaDef[] => {
    const layers = [series.okRps, ...series.reasons.map((r) => series.errorRps[r])];
    const stacked = stackLayers(layers);
    return stacked.map((layer, k) => {
      const reason = k === 0 ? null : series.reasons[k - 1];
      const color = reason ? REASON_COLORS[reason] : OK_COLOR;
      return { key: reason ?? 'ok', color, fill: reason ? tint(color) : OK_FILL, times, ...layer };
    });
  }, [series, times]);

  const lines = useMemo((): LineDef[] => {
    if (!pinnedSeries) return [];
    const total = pinnedSeries.okRps.map((v, i) => v + pinnedSeries.errorTotalRps[i]);
    return [
      { key: 'pinned-ok', color: OK_COLOR, times: pinnedTimes, values: pinnedSeries.okRps, pinned: true },
      { key: 'pinned-total', color: PINNED_COLOR, times: pinnedTimes, values: total, pinned: true },
    ];
  }, [pinnedSeries, pinnedTimes]);

  const legend = useMemo(() => {
    const items: LegendItem[] = [{ label: t('charts.ok'), color: OK_COLOR, fill: OK_FILL }];
    for (const r of series.reasons) {
      items.push({ label: t(`charts.reason.${r}`), color: REASON_COLORS[r], fill: tint(REASON_COLORS[r]) });
    }
    if (pinned) {
      items.push({ label: `${t('charts.pinned')} ${t('charts.ok')}`, color: OK_COLOR, dashed: true });
      items.push({ label: `${t('charts.pinned')} ${t('charts.total')}`, color: PINNED_COLOR, dashed: true });
    }
    return items;
  }, [series.reasons, pinned, t]);

  const readout = useCallback(
    (i: number, pi: number) => endToEndReadout(windows[i], pinned ? (pinned.windows[pi] ?? null) : undefined),
    [windows, pinned],
  );

  return (
    <TimePane {...pane} readout={readout}>
      {({ x, cursor, onHover }) => (
        <TimeChart
          x={x}
          width={width}
          height={CHART_HEIGHT}
          title={t('charts.throughputTitle')}
          legend={legend}
          lines={lines}
          areas={areas}
          unit="rps"
          warmupSec={summary?.warmupSec ?? pinned?.summary.warmupSec}
          warmupLabel={t('charts.warmup')}
          cursor={cursor}
          onHover={onHover}
        />
      )}
    </TimePane>
  );
}
