import { line, scaleLinear, scaleLog } from 'd3';
import { type PointerEvent, useCallback, useMemo, useState } from 'react';
import type { LatencyHistogram, LatencyStats } from '../../../sim-core/results/types.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { Axis } from './Axis.tsx';
import { ChartTooltip } from './ChartTooltip.tsx';
import { binAt, cdfAt, cdfPoints, type HistogramBar, histogramBars } from './distribution.ts';
import { formatTick, formatValue } from './format.ts';
import { FONT_PX, MARGIN, TITLE_PX } from './geometry.ts';
import { Legend, type LegendItem, legendRows } from './Legend.tsx';
import { layoutMarkers, textWidth } from './layout.ts';
import { CURSOR_COLOR, OK_COLOR, OK_FILL, PERCENTILE_COLORS, PINNED_COLOR } from './palette.ts';
import { logTicks } from './ticks.ts';

export type DistributionMode = 'histogram' | 'cdf';

interface DistributionChartProps {
  width: number;
  height: number;
  mode: DistributionMode;
  histogram: LatencyHistogram | null;
  latency: LatencyStats | null;
  pinnedHistogram: LatencyHistogram | null;
}

const MARKED = ['p50', 'p99', 'p999'] as const;
/** Two rows for the percentile labels above the plot: p99 and p99.9 are often close. */
const LANE_PX = 12;

/** Outline of a histogram as one step path (for the pinned run, drawn over the current bars). */
function stepPath(
  bars: readonly HistogramBar[],
  x: (ms: number) => number,
  y: (f: number) => number,
): string {
  if (bars.length === 0) return '';
  let d = `M${x(bars[0].lowerMs)},${y(0)}`;
  for (const b of bars) d += `V${y(b.fraction)}H${x(b.upperMs)}`;
  return `${d}V${y(0)}`;
}

/** The end-to-end latency distribution after warm-up: histogram or CDF on a log time axis. */
export function DistributionChart(props: DistributionChartProps) {
  const { width, height, mode, latency } = props;
  const t = useT();
  const locale = useStore((s) => s.locale);
  const [hoverMs, setHoverMs] = useState<number | null>(null);
  const bars = useMemo(() => (props.histogram ? histogramBars(props.histogram) : []), [props.histogram]);
  const pinnedBars = useMemo(
    () => (props.pinnedHistogram ? histogramBars(props.pinnedHistogram) : []),
    [props.pinnedHistogram],
  );
  const cdf = useMemo(() => (props.histogram ? cdfPoints(props.histogram) : []), [props.histogram]);
  const pinnedCdf = useMemo(
    () => (props.pinnedHistogram ? cdfPoints(props.pinnedHistogram) : []),
    [props.pinnedHistogram],
  );

  const title = t(mode === 'cdf' ? 'charts.cdfTitle' : 'charts.histogramTitle');
  const legend = useMemo(() => {
    const items: LegendItem[] = [
      { label: t('charts.current'), color: OK_COLOR, fill: mode === 'cdf' ? undefined : OK_FILL },
    ];
    if (props.pinnedHistogram) items.push({ label: t('charts.pinned'), color: PINNED_COLOR, dashed: true });
    return items;
  }, [props.pinnedHistogram, mode, t]);
  const legendLeft = 4 + textWidth(title, TITLE_PX) * 1.1 + 18;
  const rows = Math.max(1, legendRows(legend, legendLeft, width - MARGIN.right));
  // Room for the percentile labels above the plot, and the x axis below it.
  const top = rows * 14 + 6 + 2 * LANE_PX + 2;
  const bottom = height - 20;

  const x = useMemo(() => {
    const all = [...bars, ...pinnedBars];
    const lo = all.length ? Math.min(...all.map((b) => b.lowerMs)) : 1;
    const hi = all.length ? Math.max(...all.map((b) => b.upperMs)) : 1000;
    return scaleLog()
      .domain([lo, Math.max(hi, lo * 10)])
      .range([MARGIN.left, width - MARGIN.right]);
  }, [bars, pinnedBars, width]);

  const y = useMemo(() => {
    const max =
      mode === 'cdf'
        ? 1
        : Math.max(0.01, ...bars.map((b) => b.fraction), ...pinnedBars.map((b) => b.fraction));
    return scaleLinear().domain([0, max]).range([bottom, top]).nice(4);
  }, [mode, bars, pinnedBars, top, bottom]);

  const paths = useMemo(() => {
    const gen = line<{ ms: number; p: number }>()
      .x((d) => x(d.ms))
      .y((d) => y(d.p));
    return {
      cdf: gen(cdf) ?? '',
      pinnedCdf: gen(pinnedCdf) ?? '',
      pinnedSteps: stepPath(pinnedBars, x, y),
    };
  }, [x, y, cdf, pinnedCdf, pinnedBars]);

  const xTickValues = useMemo(() => {
    const [lo, hi] = x.domain();
    return logTicks(lo, hi, Math.max(3, Math.floor((width - MARGIN.left) / 70)));
  }, [x, width]);
  const yTickValues = useMemo(() => y.ticks(4), [y]);
  const formatX = useCallback((v: number) => formatTick(locale, v, 'ms'), [locale]);
  const formatY = useCallback((v: number) => formatTick(locale, v, 'ratio'), [locale]);

  const marks = useMemo(() => {
    const present = MARKED.filter((p) => latency?.[p] != null);
    const placed = layoutMarkers(
      present.map((p) => ({
        x: x(latency![p] as number),
        // The run's p99, not the last window's the status bar shows: said so.
        label: `${t(p === 'p99' ? 'p99.run' : `charts.metric.${p}`)} ${formatValue(locale, latency![p], 'ms')}`,
      })),
      { lanes: 2, left: MARGIN.left, right: width - MARGIN.right, fontPx: FONT_PX, maxLabelPx: 120 },
    );
    return present.map((p, i) => ({ p, ...placed[i] }));
  }, [latency, x, width, t, locale]);

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    setHoverMs(px < MARGIN.left || px > width - MARGIN.right ? null : x.invert(px));
  };
  const hoverBin = hoverMs === null ? -1 : binAt(bars, hoverMs);
  const hoverPinnedBin = hoverMs === null ? -1 : binAt(pinnedBars, hoverMs);
  const empty = bars.length === 0 && pinnedBars.length === 0;

  return (
    <div className="chart-pane">
      <svg
        className="chart-svg"
        role="img"
        aria-label={title}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHoverMs(null)}
      >
        <title>{title}</title>
        <g className="chart-grid">
          {yTickValues.map((v) => (
            <line key={`y${v}`} x1={MARGIN.left} x2={width - MARGIN.right} y1={y(v)} y2={y(v)} />
          ))}
          {xTickValues.map((v) => (
            <line key={`x${v}`} x1={x(v)} x2={x(v)} y1={top} y2={bottom} />
          ))}
        </g>
        {mode === 'histogram' ? (
          <>
            {bars.map((b) => (
              <rect
                key={b.lowerMs}
                x={x(b.lowerMs)}
                y={y(b.fraction)}
                width={Math.max(0.5, x(b.upperMs) - x(b.lowerMs) - 0.5)}
                height={Math.max(0, y(0) - y(b.fraction))}
                fill={OK_FILL}
                stroke={OK_COLOR}
                strokeWidth={0.5}
              />
            ))}
            <path
              d={paths.pinnedSteps}
              fill="none"
              stroke={PINNED_COLOR}
              strokeWidth={1.25}
              strokeDasharray="4 3"
            />
          </>
        ) : (
          <>
            <path
              d={paths.pinnedCdf}
              fill="none"
              stroke={PINNED_COLOR}
              strokeWidth={1.25}
              strokeDasharray="4 3"
            />
            <path d={paths.cdf} fill="none" stroke={OK_COLOR} strokeWidth={1.75} />
          </>
        )}
        {marks.map((m) => {
          // Lane 0 is the row just above the plot, lane 1 the one above it.
          const labelY = m.lane === null ? null : top - 4 - m.lane * LANE_PX;
          return (
            <g key={m.p} className="chart-percentile">
              <line
                x1={m.x}
                x2={m.x}
                y1={labelY === null ? top : labelY - 8}
                y2={bottom}
                stroke={PERCENTILE_COLORS[m.p]}
                strokeDasharray="2 2"
              />
              {labelY !== null && (
                <text
                  x={m.labelX}
                  y={labelY}
                  textAnchor={m.anchor}
                  fill={PERCENTILE_COLORS[m.p]}
                  className="chart-marker-text"
                >
                  {m.text}
                </text>
              )}
            </g>
          );
        })}
        {empty && (
          <text x={width / 2} y={(top + bottom) / 2} textAnchor="middle" className="chart-note">
            {t('charts.noData')}
          </text>
        )}
        <Axis
          scale={y}
          side="left"
          transform={`translate(${MARGIN.left},0)`}
          tickValues={yTickValues}
          format={formatY}
        />
        <Axis
          scale={x}
          side="bottom"
          transform={`translate(0,${bottom})`}
          tickValues={xTickValues}
          format={formatX}
        />
        <text x={4} y={12} className="chart-title">
          {title}
        </text>
        <Legend items={legend} left={legendLeft} right={width - MARGIN.right} top={12} />
        {hoverMs !== null && (
          <line
            className="no-export"
            x1={x(hoverMs)}
            x2={x(hoverMs)}
            y1={top}
            y2={bottom}
            stroke={CURSOR_COLOR}
            pointerEvents="none"
          />
        )}
      </svg>
      {hoverMs !== null && !empty && (
        <ChartTooltip
          left={x(hoverMs)}
          width={width}
          head={
            hoverBin >= 0
              ? `${formatValue(locale, bars[hoverBin].lowerMs, 'ms')} – ${formatValue(locale, bars[hoverBin].upperMs, 'ms')}`
              : formatValue(locale, hoverMs, 'ms')
          }
          rows={[
            {
              key: 'share',
              label: t('charts.share'),
              unit: 'ratio',
              value: hoverBin >= 0 ? bars[hoverBin].fraction : 0,
              pinned: hoverPinnedBin >= 0 ? pinnedBars[hoverPinnedBin].fraction : 0,
            },
            {
              key: 'below',
              label: t('charts.below', { ms: formatValue(locale, hoverMs, 'ms') }),
              unit: 'ratio',
              value: cdfAt(cdf, hoverMs),
              pinned: cdfAt(pinnedCdf, hoverMs),
            },
          ]}
          pinned={props.pinnedHistogram !== null}
        />
      )}
    </div>
  );
}
