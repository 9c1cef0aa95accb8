import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { advanceReplay, REPLAY_SPEEDS, type ReplaySpeed, replayStartSec } from './replay.ts';

// While a run streams in nothing here changes, so the bar does not re-render 10 times a second.
const selectReplay = (s: ReturnType<typeof useStore.getState>) => {
  const done = s.status === 'done';
  return {
    done,
    count: done ? s.windows.length : 0,
    replayIndex: s.replayIndex,
    shown: done ? s.windows[s.replayIndex ?? s.windows.length - 1] : undefined,
  };
};

/**
 * After a run: scrub through its windows (a range input; the charts' cursor can be dragged too), play
 * them back at a chosen speed, or go back to the latest window (Live).
 */
export function ReplayBar() {
  const t = useT();
  const { done, count, replayIndex, shown } = useStore(useShallow(selectReplay));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(10);

  useEffect(() => {
    if (!playing) return;
    const { windows, replayIndex: from } = useStore.getState();
    const fromSec = replayStartSec(windows, from);
    const started = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const at = advanceReplay(useStore.getState().windows, fromSec, now - started, speed);
      useStore.getState().setReplay(at.index);
      if (at.ended) setPlaying(false);
      else frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed]);

  useEffect(() => {
    if (!done) setPlaying(false);
  }, [done]);

  if (!done || count === 0) return null;
  const setReplay = useStore.getState().setReplay;
  const value = replayIndex ?? count - 1;
  const timeText = shown ? `${shown.startSec.toFixed(0)}–${shown.endSec.toFixed(0)} s` : '';
  return (
    <fieldset className="replay-bar">
      <legend className="visually-hidden">{t('replay.title')}</legend>
      <button type="button" aria-pressed={playing} onClick={() => setPlaying((p) => !p)}>
        {playing ? t('replay.stop') : t('replay.play')}
      </button>
      <select
        aria-label={t('replay.speed')}
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value) as ReplaySpeed)}
      >
        {REPLAY_SPEEDS.map((s) => (
          <option key={s} value={s}>
            ×{s}
          </option>
        ))}
      </select>
      <input
        type="range"
        aria-label={t('replay.time')}
        aria-valuetext={timeText}
        min={0}
        max={count - 1}
        step={1}
        value={value}
        onChange={(e) => {
          setPlaying(false);
          setReplay(Number(e.target.value));
        }}
      />
      <output className="replay-time" aria-label={t('replay.shown')}>
        {replayIndex === null ? t('replay.live') : timeText}
      </output>
      <button
        type="button"
        onClick={() => {
          setPlaying(false);
          setReplay(null);
        }}
        disabled={replayIndex === null && !playing}
      >
        {t('replay.goLive')}
      </button>
    </fieldset>
  );
}
