import { area, line, type ScaleLinear, scaleLinear, scaleLog } from 'd3';
import { type PointerEvent, useCallback, useMemo } from 'react';
import { useStore } from '../store/store.ts';
import { Axis } from './Axis.tsx';
import { downsampleIndices } from './downsample.ts';
import { formatTick } from './format.ts';
import { type Cursor, FONT_PX, MARGIN, TITLE_PX, xTicks } from './geometry.ts';
import { Legend, type LegendItem, legendRows } from './Legend.tsx';
import { textWidth } from './layout.ts';
import { CURSOR_COLOR } from './palette.ts';
import { extent, type Unit, type Values } from './series.ts';
import { logTicks } from './ticks.ts';

export interface LineDef {
  key: string;
  color: string;
  times: readonly number[];
  values: Values;
  /** The pinned run's series: dashed, lighter, and its cursor dot uses the pinned window. */
  pinned?: boolean;
}

export interface AreaDef {
  key: string;
  color: string;
  fill: string;
  times: readonly number[];
  y0: readonly number[];
  y1: readonly number[];
}

interface TimeChartProps {
  x: ScaleLinear<number, number>;
  width: number;
  height: number;
  /** Accessible name; also the visible title when the chart has a header. */
  title: string;
  /** With a legend the chart has a header row (title + legend). */
  legend?: LegendItem[];
  /** A label inside the plot, top left (the metric of a strip chart). */
  label?: string;
  /** Blank space above the plot, px: a strip beside one with a header lines up with it. */
  blankTopPx?: number;
  lines: readonly LineDef[];
  areas?: readonly AreaDef[];
  unit: Unit;
  logY?: boolean;
  warmupSec?: number;
  warmupLabel?: string;
  cursor: Cursor | null;
  onHover: (sec: number | null) => void;
}

const ok = (v: number | null | undefined, log: boolean): v is number =>
  v !== null && v !== undefined && Number.isFinite(v) && (!log || v > 0);

/** A time series chart: React renders every path; d3 computes scales and path strings. */
export function TimeChart(props: TimeChartProps) {
  const { x, width, height, title, legend, lines, areas, unit, logY = false, cursor, onHover } = props;
  const legendLeft = 4 + textWidth(title, TITLE_PX) * 1.1 + 18;
  const rows = legend ? Math.max(1, legendRows(legend, legendLeft, width - MARGIN.right)) : 0;
  const top = legend ? rows * 14 + 6 : 6 + (props.blankTopPx ?? 0);
  const bottom = height - 3;
  const plotW = width - MARGIN.left - MARGIN.right;
  const strip = bottom - top < 45;

  const y = useMemo(() => {
    const ext = extent([...lines.map((l) => l.values), ...(areas ?? []).map((a) => a.y1)], logY);
    if (logY) {
      let lo = ext ? ext.min / 1.25 : 1;
      let hi = ext ? ext.max * 1.25 : 10;
      if (hi / lo < 5) {
        const pad = Math.sqrt(5 / (hi / lo));
        lo /= pad;
        hi *= pad;
      }
      return scaleLog().domain([lo, hi]).range([bottom, top]);
    }
    const hi = ext && ext.max > 0 ? ext.max : 1;
    const scale = scaleLinear().range([bottom, top]);
    // A strip keeps headroom for its label instead of rounding up to a nice (often 2x) maximum.
    if (strip) return scale.domain([0, hi * 1.2]);
    return scale.domain([0, hi * 1.05]).nice(Math.max(1, Math.floor((bottom - top) / 30)));
  }, [lines, areas, logY, top, bottom, strip]);

  const yTickValues = useMemo(() => {
    const count = Math.max(1, Math.floor((bottom - top) / 30));
    if (logY) {
      const [lo, hi] = y.domain();
      return logTicks(lo, hi, count);
    }
    // A strip of ~30 px gets two ticks: 0 and the largest round value under its top.
    if (strip) return [0, ...y.ticks(2).slice(-1)].filter((v, i) => i === 0 || v > 0);
    return y.ticks(count);
  }, [y, logY, top, bottom, strip]);

  // Past DOWNSAMPLE_ABOVE windows: one bucket per 2 px, min and max of each, so about a point per pixel.
  const buckets = plotW / 2;
  const paths = useMemo(() => {
    const areaPaths = (areas ?? []).map((a) => {
      const gen = area<number>()
        .x((i) => x(a.times[i]))
        .y0((i) => y(a.y0[i]))
        .y1((i) => y(a.y1[i]));
      return { key: a.key, color: a.color, fill: a.fill, d: gen(downsampleIndices(a.y1, buckets)) ?? '' };
    });
    const linePaths = lines.map((l) => {
      const gen = line<number>()
        .defined((i) => ok(l.values[i], logY))
        .x((i) => x(l.times[i]))
        .y((i) => y(l.values[i] as number));
      return {
        key: l.key,
        color: l.color,
        pinned: l.pinned,
        d: gen(downsampleIndices(l.values, buckets)) ?? '',
      };
    });
    return { areas: areaPaths, lines: linePaths };
  }, [lines, areas, x, y, buckets, logY]);

  const locale = useStore((s) => s.locale);
  const format = useCallback((v: number) => formatTick(locale, v, unit), [locale, unit]);
  const gridX = useMemo(() => xTicks(x), [x]);

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    onHover(x.invert(Math.min(width - MARGIN.right, Math.max(MARGIN.left, px))));
  };

  const warmupX = props.warmupSec ? x(props.warmupSec) : null;
  return (
    <svg
      className="chart-svg"
      role="img"
      aria-label={title}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      onPointerMove={onPointerMove}
      onPointerLeave={() => onHover(null)}
    >
      <title>{title}</title>
      {warmupX !== null && warmupX > MARGIN.left && (
        <g className="chart-warmup">
          <rect x={MARGIN.left} y={top} width={warmupX - MARGIN.left} height={bottom - top} fill="#eef1f3" />
          {props.warmupLabel && warmupX - MARGIN.left > textWidth(props.warmupLabel, FONT_PX, false) + 6 && (
            <text x={MARGIN.left + 3} y={bottom - 4} className="chart-note">
              {props.warmupLabel}
            </text>
          )}
        </g>
      )}
      <g className="chart-grid">
        {yTickValues.map((v) => (
          <line key={`y${v}`} x1={MARGIN.left} x2={width - MARGIN.right} y1={y(v)} y2={y(v)} />
        ))}
        {gridX.map((v) => (
          <line key={`x${v}`} x1={x(v)} x2={x(v)} y1={top} y2={bottom} />
        ))}
      </g>
      {paths.areas.map((a) => (
        <path key={a.key} d={a.d} fill={a.fill} stroke={a.color} strokeWidth={0.75} />
      ))}
      {paths.lines.map((l) => (
        <path
          key={l.key}
          d={l.d}
          fill="none"
          stroke={l.color}
          strokeWidth={l.pinned ? 1.25 : 1.5}
          strokeDasharray={l.pinned ? '4 3' : undefined}
          strokeOpacity={l.pinned ? 0.7 : 1}
          strokeLinejoin="round"
        />
      ))}
      <Axis
        scale={y}
        side="left"
        transform={`translate(${MARGIN.left},0)`}
        tickValues={yTickValues}
        format={format}
      />
      {legend && (
        <>
          <text x={4} y={12} className="chart-title">
            {title}
          </text>
          <Legend items={legend} left={legendLeft} right={width - MARGIN.right} top={12} />
        </>
      )}
      {props.label && (
        <text x={MARGIN.left + 4} y={top + 9} className="chart-strip-label">
          {props.label}
        </text>
      )}
      {cursor && (
        <CursorMark
          x={x(cursor.sec)}
          top={top}
          bottom={bottom}
          lines={lines}
          cursor={cursor}
          y={y}
          logY={logY}
        />
      )}
    </svg>
  );
}

function CursorMark(props: {
  x: number;
  top: number;
  bottom: number;
  lines: readonly LineDef[];
  cursor: Cursor;
  y: (v: number) => number;
  logY: boolean;
}) {
  const { cursor, lines, y, logY } = props;
  return (
    <g className="chart-cursor no-export" pointerEvents="none">
      <line
        x1={props.x}
        x2={props.x}
        y1={props.top}
        y2={props.bottom}
        stroke={CURSOR_COLOR}
        strokeWidth={1}
      />
      {lines.map((l) => {
        const i = l.pinned ? cursor.pinnedIndex : cursor.index;
        const v = i >= 0 ? l.values[i] : null;
        if (!ok(v, logY)) return null;
        return (
          <circle key={l.key} cx={props.x} cy={y(v)} r={l.pinned ? 2 : 2.5} fill={l.color} stroke="white" />
        );
      })}
    </g>
  );
}
