import type { ScaleLinear } from 'd3';
import { type PointerEvent, useCallback, useMemo } from 'react';
import type { AppliedEvent } from '../../../sim-core/results/types.ts';
import { useT, useWords } from '../i18n/useT.ts';
import { textOf } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { Axis } from './Axis.tsx';
import { FONT_PX, MARGIN, TIMELINE_HEIGHT, xTicks } from './geometry.ts';
import { layoutMarkers, mergeRepeats } from './layout.ts';
import { CURSOR_COLOR, PINNED_COLOR } from './palette.ts';

const LANES = 2;
const LANE_PX = 12;
const AXIS_Y = LANES * LANE_PX + 8;

/** Failures in red, recoveries in green, the system's own reactions (autoscale, failover) in grey. */
function markerColor(type: AppliedEvent['type']): string {
  switch (type) {
    case 'revert':
    case 'restoreInstances':
      return '#2e7d32';
    case 'autoscale':
    case 'failover':
    case 'healthCheck':
    case 'setReplicas':
    case 'rollingRestart':
      return '#546e7a';
    default:
      return '#c62828';
  }
}

type Words = { t: ReturnType<typeof useT>; words: ReturnType<typeof useWords>; locale: string };

/** The scenario's own label when it has one, else what happened to which target, in the UI language. */
function eventLabel(ev: AppliedEvent, { t, locale }: Words): string {
  const label = textOf(ev.label, locale);
  if (label) return ev.type === 'revert' ? `↩ ${label}` : label;
  return `${t(`charts.event.${ev.type}`)} ${ev.target}`;
}

function eventTooltip(ev: AppliedEvent, { t, words, locale }: Words, prefix = ''): string {
  const head = `${prefix}${ev.atSec.toFixed(1)} s · ${t(`charts.event.${ev.type}`)} → ${ev.target}`;
  return [head, textOf(ev.label, locale), words(ev.detail)].filter(Boolean).join('\n');
}

interface TimelineProps {
  x: ScaleLinear<number, number>;
  width: number;
  events: readonly AppliedEvent[];
  pinnedEvents?: readonly AppliedEvent[];
  pinnedPrefix: string;
  title: string;
  cursorSec: number | null;
  onHover: (sec: number | null) => void;
}

/**
 * The scenario timeline under the time charts: the shared simulated-time axis, with a marker per event
 * the engine applied (labels laid out in lanes so they never overlap; the full detail is the marker's
 * tooltip). The pinned run's events are grey dashed ticks without labels.
 */
export function Timeline(props: TimelineProps) {
  const { x, width, events, pinnedEvents = [], cursorSec, onHover } = props;
  const t = useT();
  const words = useWords();
  const locale = useStore((s) => s.locale);
  const w = useMemo(() => ({ t, words, locale }), [t, words, locale]);
  const placed = useMemo(
    () =>
      layoutMarkers(mergeRepeats(events.map((ev) => ({ x: x(ev.atSec), label: eventLabel(ev, w) }))), {
        lanes: LANES,
        left: 2,
        right: width - 2,
        fontPx: FONT_PX,
        maxLabelPx: 170,
      }),
    [events, x, width, w],
  );
  const ticks = useMemo(() => xTicks(x), [x]);
  // Ticks carry the unit, which saves a separate axis title in a tight panel.
  const format = useCallback((v: number) => `${v}s`, []);
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    onHover(x.invert(Math.min(width - MARGIN.right, Math.max(MARGIN.left, px))));
  };
  const summary = events
    .slice(0, 8)
    .map((ev) => `${ev.atSec.toFixed(0)} s ${eventLabel(ev, w)}`)
    .join('; ');
  return (
    <svg
      className="chart-svg chart-timeline"
      role="img"
      aria-label={`${props.title}: ${events.length}${summary ? ` — ${summary}` : ''}`}
      width={width}
      height={TIMELINE_HEIGHT}
      viewBox={`0 0 ${width} ${TIMELINE_HEIGHT}`}
      onPointerMove={onPointerMove}
      onPointerLeave={() => onHover(null)}
    >
      <title>{props.title}</title>
      <line x1={MARGIN.left} x2={width - MARGIN.right} y1={AXIS_Y} y2={AXIS_Y} className="chart-baseline" />
      {pinnedEvents.map((ev, i) => (
        <line
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; the list only grows at the end
          key={`p${i}`}
          x1={x(ev.atSec)}
          x2={x(ev.atSec)}
          y1={AXIS_Y - 9}
          y2={AXIS_Y}
          stroke={PINNED_COLOR}
          strokeWidth={1.5}
          strokeDasharray="2 2"
        >
          <title>{eventTooltip(ev, w, props.pinnedPrefix)}</title>
        </line>
      ))}
      {events.map((ev, i) => {
        const p = placed[i];
        const color = markerColor(ev.type);
        const labelY = p.lane === null ? null : 9 + p.lane * LANE_PX;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; the list only grows at the end
          <g key={i} className="chart-marker">
            <title>{eventTooltip(ev, w)}</title>
            <line
              x1={p.x}
              x2={p.x}
              y1={labelY === null ? AXIS_Y - 9 : labelY - 8}
              y2={AXIS_Y}
              stroke={color}
            />
            <path d={`M${p.x},${AXIS_Y - 4}l3.5,4l-3.5,4l-3.5,-4z`} fill={color} />
            {labelY !== null && (
              <text x={p.labelX} y={labelY} textAnchor={p.anchor} fill={color} className="chart-marker-text">
                {p.text}
              </text>
            )}
            {/* A wider invisible target so the tooltip is easy to reach. */}
            <rect x={p.x - 4} y={0} width={8} height={AXIS_Y + 4} fill="transparent" />
          </g>
        );
      })}
      <Axis scale={x} side="bottom" transform={`translate(0,${AXIS_Y})`} tickValues={ticks} format={format} />
      {cursorSec !== null && (
        <line
          className="no-export"
          x1={x(cursorSec)}
          x2={x(cursorSec)}
          y1={0}
          y2={AXIS_Y}
          stroke={CURSOR_COLOR}
          pointerEvents="none"
        />
      )}
    </svg>
  );
}
