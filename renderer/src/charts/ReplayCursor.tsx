import type { ScaleLinear } from 'd3';
import { type PointerEvent, useRef } from 'react';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { MARGIN } from './geometry.ts';
import { nearestIndex } from './series.ts';

interface ReplayCursorProps {
  x: ScaleLinear<number, number>;
  width: number;
  /** The mid-times of the current run's windows (the charts' x positions of its points). */
  times: readonly number[];
}

/**
 * The replay cursor over a tab's time charts and timeline, after a run: a line at the replayed window
 * (at the latest one when live) with a handle to drag along the shared time axis. An HTML overlay, so
 * exported chart images leave it out.
 */
export function ReplayCursor({ x, width, times }: ReplayCursorProps) {
  const t = useT();
  const done = useStore((s) => s.status === 'done');
  const replayIndex = useStore((s) => s.replayIndex);
  const dragging = useRef(false);
  if (!done || times.length === 0) return null;
  const index = replayIndex ?? times.length - 1;
  const left = x(times[Math.min(index, times.length - 1)]);

  const scrubTo = (e: PointerEvent<HTMLDivElement>) => {
    const pane = e.currentTarget.parentElement?.getBoundingClientRect();
    if (!pane) return;
    const px = Math.min(width - MARGIN.right, Math.max(MARGIN.left, e.clientX - pane.left));
    useStore.getState().setReplay(nearestIndex(times, x.invert(px)));
  };
  return (
    <div
      className={`replay-cursor${replayIndex === null ? ' live' : ''}`}
      data-testid="replay-cursor"
      data-index={index}
      title={t('replay.drag')}
      style={{ left: left - 6 }}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.stopPropagation();
      }}
      onPointerMove={(e) => {
        if (dragging.current) scrubTo(e);
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
    >
      <span className="replay-cursor-handle" aria-hidden />
    </div>
  );
}
