import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n/useT.ts';
import { SPEEDS, type Speed } from '../store/runSlice.ts';
import { useStore } from '../store/store.ts';
import { ReplayBar } from './ReplayBar.tsx';
import type { Runner } from './runner.ts';

const selectRunBar = (s: ReturnType<typeof useStore.getState>) => ({
  status: s.status,
  speed: s.speed,
  nowSec: s.nowSec,
  endSec: s.endSec,
  seed: s.doc.scenario.seed ?? 1,
  duration: s.doc.scenario.durationSec,
});

/** Run / Pause / Step / Reset, speed, simulated clock and seed. */
export function RunBar({ runner }: { runner: Runner }) {
  const t = useT();
  const { status, speed, nowSec, endSec, seed, duration } = useStore(useShallow(selectRunBar));
  const running = status === 'running';
  return (
    <div className="run-bar" role="toolbar" aria-label="Simulation">
      {running ? (
        <button type="button" onClick={() => runner.pause()}>
          <span className="icon-pause" aria-hidden /> {t('pause')}
        </button>
      ) : (
        <button type="button" className="primary" onClick={() => void runner.run()}>
          <span aria-hidden>▶</span> {t('run')}
        </button>
      )}
      <button type="button" onClick={() => void runner.step()} disabled={running}>
        {t('step')}
      </button>
      <button type="button" onClick={() => runner.reset()}>
        {t('reset')}
      </button>
      <label>
        {t('speed')}
        <select value={speed} onChange={(e) => useStore.getState().setSpeed(Number(e.target.value) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s === 0 ? t('speedMax') : `×${s}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('seed')}
        <input
          type="number"
          min={0}
          step={1}
          value={seed}
          onChange={(e) => {
            const value = Number(e.target.value);
            if (Number.isInteger(value) && value >= 0) {
              useStore.getState().change((d) => ({ ...d, scenario: { ...d.scenario, seed: value } }));
            }
          }}
        />
      </label>
      <output className="clock" aria-label={t('simTime')}>
        {nowSec.toFixed(1)} / {(endSec || duration).toFixed(0)} s
      </output>
      <ReplayBar />
    </div>
  );
}
