import { useCallback, useMemo } from 'react';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';
import type { ChartData } from './chartData.ts';
import { CHART_HEIGHT, MARGIN } from './geometry.ts';
import type { LegendItem } from './Legend.tsx';
import { CURSOR_COLOR, PINNED_COLOR, STRIP_COLORS } from './palette.ts';
import { scopeReadout } from './readout.ts';
import { type Scope, scopeSeries, type Unit } from './series.ts';
import { type LineDef, TimeChart } from './TimeChart.tsx';
import { TimePane } from './TimePane.tsx';
import { usePaneBase } from './usePaneBase.ts';

/** Strips the tab has room for; every other metric the scope measured is in the tooltip. */
const MAX_STRIPS = 4;
const HEADER_PX = 20;
/** Past this many strips they go in two columns, so that each keeps a readable height (~60 px). */
const ONE_COLUMN_MAX = 2;
const UNIT_LABELS: Record<Unit, string> = { ms: 'ms', rps: 'rps', ratio: '%', count: '' };

interface NodeTabProps {
  data: ChartData;
  width: number;
  scope: Scope;
  /** Which node or edge, in words: "Service checkout", "Edge api → db". */
  title: string;
}

/** Small multiples for the selected node or edge: one strip per metric, sharing the time axis. */
export function NodeTab({ data, width, scope, title }: NodeTabProps) {
  const t = useT();
  const { windows, pinned, summary } = data;
  const { times, pinnedTimes, pane } = usePaneBase(data, width);
  const series = useMemo(() => scopeSeries(windows, scope), [windows, scope]);
  const pinnedSeries = useMemo(() => (pinned ? scopeSeries(pinned.windows, scope) : []), [pinned, scope]);

  const strips = useMemo(() => {
    const keys = [...series, ...pinnedSeries].map((s) => s.key);
    const shown = [...new Set(keys)].slice(0, MAX_STRIPS);
    return shown.map((key, i) => {
      const current = series.find((s) => s.key === key);
      const old = pinnedSeries.find((s) => s.key === key);
      const color = STRIP_COLORS[i % STRIP_COLORS.length];
      const lines: LineDef[] = [];
      if (old) lines.push({ key: 'pinned', color, times: pinnedTimes, values: old.values, pinned: true });
      if (current) lines.push({ key: 'current', color, times, values: current.values });
      return { key, unit: (current ?? old)!.unit, lines };
    });
  }, [series, pinnedSeries, times, pinnedTimes]);

  const legend = useMemo(
    (): LegendItem[] | undefined =>
      pinned
        ? [
            { label: t('charts.current'), color: CURSOR_COLOR },
            { label: t('charts.pinned'), color: PINNED_COLOR, dashed: true },
          ]
        : [],
    [pinned, t],
  );

  const readout = useCallback(
    (i: number, pi: number) =>
      scopeReadout(windows[i], scope, pinned ? (pinned.windows[pi] ?? null) : undefined),
    [windows, pinned, scope],
  );

  const columns = strips.length > ONE_COLUMN_MAX ? 2 : 1;
  const rows = Math.ceil(strips.length / columns);
  const stripPx = strips.length > 0 ? Math.floor((CHART_HEIGHT - HEADER_PX) / rows) : 0;
  const columnPx = Math.floor(width / columns);
  return (
    <TimePane {...pane} readout={readout}>
      {({ x, cursor, onHover }) =>
        strips.length === 0 ? (
          <p className="charts-empty">{t('charts.noData')}</p>
        ) : (
          <div className={columns === 1 ? 'chart-strips' : 'chart-strips two-columns'}>
            {strips.map((strip, i) => {
              // Each column has its own time scale over the same seconds: hovering any strip moves every cursor.
              const columnX = columns === 1 ? null : x.copy().range([MARGIN.left, columnPx - MARGIN.right]);
              const unit = UNIT_LABELS[strip.unit];
              const label = `${t(`charts.metric.${strip.key}` as MessageKey)}${unit ? ` (${unit})` : ''}`;
              return (
                <TimeChart
                  key={strip.key}
                  x={columnX ?? x}
                  width={columnX ? columnPx : width}
                  height={i < columns ? stripPx + HEADER_PX : stripPx}
                  title={i === 0 ? title : `${title}: ${label}`}
                  legend={i === 0 ? legend : undefined}
                  blankTopPx={i > 0 && i < columns ? HEADER_PX : 0}
                  label={label}
                  lines={strip.lines}
                  unit={strip.unit}
                  warmupSec={summary?.warmupSec ?? pinned?.summary.warmupSec}
                  cursor={cursor}
                  onHover={onHover}
                />
              );
            })}
          </div>
        )
      }
    </TimePane>
  );
}
