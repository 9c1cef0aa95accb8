import { area, line, scaleLinear } from 'd3';
import { useMemo } from 'react';
import type { Estimate } from '../../../sim-core/analysis/stats.ts';
import { Axis } from '../charts/Axis.tsx';
import { formatTick } from '../charts/format.ts';
import { FONT_PX } from '../charts/geometry.ts';
import { OK_COLOR, OK_FILL, PERCENTILE_COLORS } from '../charts/palette.ts';
import type { Unit } from '../charts/series.ts';
import { useStore } from '../store/store.ts';

/** A curve with its 95 % band, against load (Find the limit) or a parameter (the sweep view). */
export interface CiPoint {
  x: number;
  y: Estimate;
  /** A second curve on the right axis, 0..1 (the bottleneck's utilization). */
  y2?: Estimate | null;
}

export interface CiChartProps {
  width: number;
  height: number;
  title: string;
  xLabel: string;
  yLabel: string;
  y2Label?: string;
  yUnit: Unit;
  points: readonly CiPoint[];
  /** Dots of single runs (the capacity search's steps): green where every SLO held, red where not. */
  dots?: readonly { key: string; x: number; y: number | null; holds: boolean }[];
  /** A horizontal limit (the SLO). */
  limitY?: number;
  limitLabel?: string;
  /** A vertical answer with its interval (the capacity). */
  answerX?: { mean: number; low: number | null; high: number | null };
}

const MARGIN = { left: 48, right: 34, top: 16, bottom: 30 };
const LIMIT_COLOR = '#c62828';
const UTIL_COLOR = '#6a1b9a';
const HELD_COLOR = '#2e7d32';

const finite = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/** React draws every mark; d3 gives the scales and path strings (d3's "D3 in React"). */
export function CiChart(props: CiChartProps) {
  const locale = useStore((s) => s.locale);
  const { width, height, points, dots = [], limitY, answerX, yUnit } = props;
  const plotRight = width - MARGIN.right;
  const plotBottom = height - MARGIN.bottom;
  const { x, y, y2 } = useMemo(() => {
    const xs = [...points.map((p) => p.x), ...dots.map((d) => d.x), answerX?.high ?? 0].filter(finite);
    const xMax = xs.length > 0 ? Math.max(...xs) * 1.05 : 1;
    const ys = [...points.flatMap((p) => [p.y.mean, p.y.high]), ...dots.map((d) => d.y)].filter(finite);
    // Past the knee latency grows without bound: keep the limit in view rather than the far tail.
    const cap = finite(limitY) ? limitY * 3 : Number.POSITIVE_INFINITY;
    const yMax =
      Math.max(finite(limitY) ? limitY * 1.3 : 0, Math.min(cap, ys.length > 0 ? Math.max(...ys) : 1)) || 1;
    return {
      x: scaleLinear().domain([0, xMax]).range([MARGIN.left, plotRight]).nice(),
      y: scaleLinear().domain([0, yMax]).range([plotBottom, MARGIN.top]).nice().clamp(true),
      y2: scaleLinear().domain([0, 1]).range([plotBottom, MARGIN.top]),
    };
  }, [points, dots, limitY, answerX, plotRight, plotBottom]);

  const withY = points.filter((p) => finite(p.y.mean));
  const band = area<CiPoint>()
    .defined((p) => finite(p.y.low) && finite(p.y.high))
    .x((p) => x(p.x))
    .y0((p) => y(p.y.low ?? 0))
    .y1((p) => y(p.y.high ?? 0))(withY);
  const curve = line<CiPoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y.mean ?? 0))(withY);
  const withY2 = points.filter((p) => finite(p.y2?.mean));
  const curve2 = line<CiPoint>()
    .x((p) => x(p.x))
    .y((p) => y2(Math.min(1, p.y2?.mean ?? 0)))(withY2);
  const tickFormat = (v: number) => formatTick(locale, v, yUnit);
  return (
    <svg
      className="chart-svg analysis-chart"
      width={width}
      height={height}
      role="img"
      aria-label={props.title}
    >
      <title>{props.title}</title>
      <defs>
        <clipPath id="analysis-plot">
          <rect
            x={MARGIN.left}
            y={MARGIN.top}
            width={Math.max(0, plotRight - MARGIN.left)}
            height={Math.max(0, plotBottom - MARGIN.top)}
          />
        </clipPath>
      </defs>
      <Axis
        scale={x}
        side="bottom"
        transform={`translate(0,${plotBottom})`}
        ticks={Math.max(2, Math.floor(width / 90))}
        format={(v) => formatTick(locale, v, 'count')}
      />
      <Axis scale={y} side="left" transform={`translate(${MARGIN.left},0)`} format={tickFormat} />
      {props.y2Label !== undefined && (
        <g className="chart-axis" transform={`translate(${plotRight},0)`}>
          {[0, 0.5, 1].map((v) => (
            <text key={v} x={4} y={y2(v)} dominantBaseline="middle" fontSize={FONT_PX} fill={UTIL_COLOR}>
              {formatTick(locale, v, 'ratio')}
            </text>
          ))}
        </g>
      )}
      <g clipPath="url(#analysis-plot)">
        {answerX && finite(answerX.low) && finite(answerX.high) && (
          <rect
            x={x(answerX.low)}
            y={MARGIN.top}
            width={Math.max(1, x(answerX.high) - x(answerX.low))}
            height={plotBottom - MARGIN.top}
            fill={OK_FILL}
            opacity={0.6}
          />
        )}
        {band && <path d={band} fill={PERCENTILE_COLORS.p99} opacity={0.18} />}
        {curve && <path d={curve} fill="none" stroke={PERCENTILE_COLORS.p99} strokeWidth={2} />}
        {withY.map((p) => (
          <circle key={`p${p.x}`} cx={x(p.x)} cy={y(p.y.mean ?? 0)} r={2.5} fill={PERCENTILE_COLORS.p99} />
        ))}
        {curve2 && (
          <path d={curve2} fill="none" stroke={UTIL_COLOR} strokeWidth={1.5} strokeDasharray="5 3" />
        )}
        {dots
          .filter((d) => finite(d.y))
          .map((d) => (
            <circle
              key={d.key}
              className="analysis-dot"
              cx={x(d.x)}
              cy={y(d.y ?? 0)}
              r={2.5}
              fill="none"
              stroke={d.holds ? HELD_COLOR : LIMIT_COLOR}
              strokeWidth={1.2}
            />
          ))}
        {finite(limitY) && (
          <line
            x1={MARGIN.left}
            x2={plotRight}
            y1={y(limitY)}
            y2={y(limitY)}
            stroke={LIMIT_COLOR}
            strokeDasharray="4 3"
          />
        )}
        {answerX && (
          <line
            x1={x(answerX.mean)}
            x2={x(answerX.mean)}
            y1={MARGIN.top}
            y2={plotBottom}
            stroke={OK_COLOR}
            strokeWidth={1.5}
          />
        )}
      </g>
      {finite(limitY) && props.limitLabel && (
        <text x={plotRight - 4} y={y(limitY) - 3} textAnchor="end" fontSize={FONT_PX} fill={LIMIT_COLOR}>
          {props.limitLabel}
        </text>
      )}
      <text x={MARGIN.left} y={FONT_PX} fontSize={FONT_PX} fill={PERCENTILE_COLORS.p99}>
        {props.yLabel}
      </text>
      {props.y2Label !== undefined && (
        <text x={width - 2} y={FONT_PX} textAnchor="end" fontSize={FONT_PX} fill={UTIL_COLOR}>
          {props.y2Label}
        </text>
      )}
      <text
        x={(MARGIN.left + plotRight) / 2}
        y={height - 3}
        textAnchor="middle"
        fontSize={FONT_PX}
        fill="#455a64"
      >
        {props.xLabel}
      </text>
    </svg>
  );
}
