import { useShallow } from 'zustand/react/shallow';
import type { CoreLocale } from '../../../sim-core/messages/formatMessage.ts';
import { countText } from '../../../sim-core/messages/numberText.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';

const selectSpeed = (s: ReturnType<typeof useStore.getState>) => ({
  work: s.work,
  nowSec: s.nowSec,
  rps: s.summary?.endToEnd?.throughputRps ?? 0,
});

/** Simulated seconds per second with one decimal below 10, then whole (compact from 10,000 up). */
function factorText(locale: CoreLocale, factor: number): string {
  return factor < 10 ? factor.toFixed(1) : countText(locale, Math.round(factor));
}

/**
 * How fast the run goes: simulated time per wall second (at max speed, what the machine manages; at
 * ×10, whether it keeps up), and in its tooltip the engine's events per second and the share of the
 * time the worker spent simulating. The raw figures are data attributes, for the speed measurement.
 */
export function SpeedReadout() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const { work, nowSec, rps } = useStore(useShallow(selectSpeed));
  const wallSec = work === null ? 0 : work.wallMs / 1000;
  const known = work !== null && wallSec > 0;
  return (
    <output
      className="run-speed"
      aria-label={t('run.speed.label')}
      title={
        known
          ? t('run.speed.detail', {
              events: countText(locale, work.events / wallSec),
              busy: Math.round((100 * work.loopMs) / work.wallMs),
            })
          : undefined
      }
      data-sim-sec={nowSec}
      data-events={work?.events ?? 0}
      data-loop-ms={work?.loopMs ?? 0}
      data-wall-ms={work?.wallMs ?? 0}
      data-rps={rps}
    >
      {known ? t('run.speed', { factor: factorText(locale, nowSec / wallSec) }) : ''}
    </output>
  );
}
