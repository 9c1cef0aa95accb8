import { useShallow } from 'zustand/react/shallow';
import { CommandButton } from '../commands/CommandButton.tsx';
import { useRunCommand } from '../commands/Commands.tsx';
import { shortcutText, stripMnemonic } from '../commands/labels.ts';
import { isMac } from '../commands/shortcuts.ts';
import { useT } from '../i18n/useT.ts';
import { SPEEDS, type Speed } from '../store/runSlice.ts';
import { useStore } from '../store/store.ts';
import { ReplayBar } from './ReplayBar.tsx';
import { SpeedReadout } from './SpeedReadout.tsx';

const selectRunBar = (s: ReturnType<typeof useStore.getState>) => ({
  status: s.status,
  speed: s.speed,
  nowSec: s.nowSec,
  endSec: s.endSec,
  seed: s.doc.scenario.seed ?? 1,
  duration: s.doc.scenario.durationSec,
});

const RUN_SHORTCUT = shortcutText('sim.runPause', isMac());

/**
 * Run / Pause / Step / Reset (commands, like their menu items and keys), speed, simulated clock and
 * seed, and the run budgets setting. Run and Pause share one button as wide as the wider of the two, so nothing moves between them.
 */
export function RunBar() {
  const t = useT();
  const run = useRunCommand();
  const { status, speed, nowSec, endSec, seed, duration } = useStore(useShallow(selectRunBar));
  const running = status === 'running';
  return (
    <div className="run-bar" role="toolbar" aria-label={stripMnemonic(t('menu.simulation'))}>
      <button
        type="button"
        className={running ? 'run-pause' : 'run-pause primary'}
        title={`${t(running ? 'pause.hint' : 'run.hint')} (${RUN_SHORTCUT})`}
        aria-keyshortcuts="F5"
        data-command="sim.runPause"
        onClick={() => void run('sim.runPause', 'toolbar')}
      >
        <span className={running ? 'swap-off' : undefined}>
          <span aria-hidden>▶</span> {t('run')}
        </span>
        <span className={running ? undefined : 'swap-off'}>
          <span className="icon-pause" aria-hidden /> {t('pause')}
        </span>
      </button>
      <CommandButton id="sim.step" />
      <CommandButton id="sim.reset" />
      <label>
        {t('speed')}
        <select
          value={speed}
          onChange={(e) => {
            const value = Number(e.target.value) as Speed;
            void run(value === 0 ? 'sim.speed.max' : `sim.speed.${value as 1 | 10 | 100}`, 'toolbar');
          }}
        >
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
      <CommandButton id="sim.budgets" />
      <SpeedReadout />
      <ReplayBar />
    </div>
  );
}
