import { type ScaleLinear, scaleLinear } from 'd3';
import { type KeyboardEvent, type ReactNode, useMemo, useState } from 'react';
import type { AppliedEvent, WindowStats } from '../../../sim-core/results/types.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { ChartTooltip } from './ChartTooltip.tsx';
import { formatValue } from './format.ts';
import { type Cursor, MARGIN } from './geometry.ts';
import { ReplayCursor } from './ReplayCursor.tsx';
import type { ReadoutRow } from './readout.ts';
import { nearestIndex } from './series.ts';
import { Timeline } from './Timeline.tsx';

export interface PaneContext {
  x: ScaleLinear<number, number>;
  cursor: Cursor | null;
  onHover: (sec: number | null) => void;
}

interface TimePaneProps {
  width: number;
  extentSec: number;
  windows: readonly WindowStats[];
  pinnedWindows: readonly WindowStats[] | null;
  /** `windowTimes` of each run, memoised by the tab that also draws with them. */
  times: readonly number[];
  pinnedTimes: readonly number[];
  events: readonly AppliedEvent[];
  pinnedEvents: readonly AppliedEvent[];
  readout: (index: number, pinnedIndex: number) => ReadoutRow[];
  children: (ctx: PaneContext) => ReactNode;
}

/** The nearest window to `sec`, or -1 when the nearest is more than one window away (run not there yet). */
function indexNear(times: readonly number[], sec: number): number {
  const i = nearestIndex(times, sec);
  if (i < 0) return -1;
  const step = times.length > 1 ? times[1] - times[0] : 1;
  return Math.abs(times[i] - sec) <= step ? i : -1;
}

function windowHead(w: WindowStats | undefined): string {
  return w ? `t = ${w.startSec.toFixed(1)}–${w.endSec.toFixed(1)} s` : '';
}

/**
 * The time charts of a tab over the scenario timeline, all on one x scale, with one hover cursor:
 * pointer or arrow keys pick a window and a tooltip lists its exact values (and the pinned run's).
 */
export function TimePane(props: TimePaneProps) {
  const { width, extentSec, windows, pinnedWindows, times, pinnedTimes, events, pinnedEvents, readout } =
    props;
  const t = useT();
  const locale = useStore((s) => s.locale);
  const [hoverSec, setHoverSec] = useState<number | null>(null);
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, extentSec])
        .range([MARGIN.left, width - MARGIN.right]),
    [extentSec, width],
  );

  const cursor = useMemo((): Cursor | null => {
    if (hoverSec === null) return null;
    const index = indexNear(times, hoverSec);
    const pinnedIndex = indexNear(pinnedTimes, hoverSec);
    if (index < 0 && pinnedIndex < 0) return null;
    return { index, pinnedIndex, sec: index >= 0 ? times[index] : pinnedTimes[pinnedIndex] };
  }, [hoverSec, times, pinnedTimes]);

  // The keys step through the current run's windows, or the pinned run's before the current one starts.
  const source = times.length > 0 ? times : pinnedTimes;
  const onKeyDown = (e: KeyboardEvent) => {
    if (source.length === 0) return;
    const at = hoverSec === null ? -1 : nearestIndex(source, hoverSec);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = at < 0 ? 0 : Math.min(source.length - 1, at + 1);
    else if (e.key === 'ArrowLeft') next = at < 0 ? source.length - 1 : Math.max(0, at - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = source.length - 1;
    else if (e.key === 'Escape') setHoverSec(null);
    if (next !== null) {
      e.preventDefault();
      setHoverSec(source[next]);
    }
  };

  const label = (key: string) =>
    t((key.startsWith('reason.') ? `charts.${key}` : `charts.metric.${key}`) as MessageKey);
  const rows = cursor
    ? readout(cursor.index, cursor.pinnedIndex).map((r) => ({ ...r, label: label(r.key) }))
    : [];
  const head = cursor
    ? windowHead(cursor.index >= 0 ? windows[cursor.index] : pinnedWindows?.[cursor.pinnedIndex])
    : '';
  const ctx: PaneContext = { x, cursor, onHover: setHoverSec };
  return (
    // A slider over the windows: arrow keys move the cursor and the value text reads the tooltip out.
    <div
      className="chart-pane"
      role="slider"
      tabIndex={0}
      aria-label={t('charts.keyboardHint')}
      aria-valuemin={0}
      aria-valuemax={Math.max(0, source.length - 1)}
      aria-valuenow={cursor ? Math.max(0, cursor.index >= 0 ? cursor.index : cursor.pinnedIndex) : 0}
      aria-valuetext={
        cursor
          ? `${head}: ${rows.map((r) => `${r.label} ${formatValue(locale, r.value, r.unit)}`).join(', ')}`
          : undefined
      }
      onKeyDown={onKeyDown}
    >
      {props.children(ctx)}
      <Timeline
        x={x}
        width={width}
        events={events}
        pinnedEvents={pinnedEvents}
        pinnedPrefix={`${t('charts.pinned')}: `}
        title={t('charts.timeline')}
        cursorSec={cursor?.sec ?? null}
        onHover={setHoverSec}
      />
      <ReplayCursor x={x} width={width} times={times} />
      {cursor && (
        <ChartTooltip
          left={x(cursor.sec)}
          width={width}
          head={head}
          rows={rows}
          pinned={pinnedWindows !== null}
        />
      )}
    </div>
  );
}
