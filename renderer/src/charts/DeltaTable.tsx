import { useMemo } from 'react';
import { countText, percentText } from '../../../sim-core/messages/numberText.ts';
import type { Summary } from '../../../sim-core/results/types.ts';
import type { Locale } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';
import type { PinnedRun } from '../store/runSlice.ts';
import { useStore } from '../store/store.ts';
import { type DeltaMetric, deltaRows } from './delta.ts';
import { formatSigned, formatValue } from './format.ts';
import type { Unit } from './series.ts';

const UNITS: Record<DeltaMetric, Unit> = {
  throughput: 'rps',
  errorShare: 'ratio',
  mean: 'ms',
  p50: 'ms',
  p99: 'ms',
  p999: 'ms',
};

/** The change of a metric in its own unit; the error share changes in percentage points. */
function formatDelta(locale: Locale, metric: DeltaMetric, delta: number | null): string {
  if (metric === 'errorShare')
    return formatSigned(delta === null ? null : delta * 100, (v) => `${countText(locale, v)} pp`);
  return formatSigned(delta, (v) => formatValue(locale, v, UNITS[metric]));
}

/** Headline numbers after warm-up: pinned run vs current run, with the change. */
export function DeltaTable({ pinned, summary }: { pinned: PinnedRun; summary: Summary | null }) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const rows = useMemo(
    () => (summary ? deltaRows(pinned.summary.endToEnd, summary.endToEnd) : []),
    [pinned, summary],
  );
  const sameSeed = summary !== null && summary.seed === pinned.summary.seed;
  const seedNote = summary
    ? sameSeed
      ? t('charts.delta.sameSeed', { seed: summary.seed })
      : t('charts.delta.differentSeed', { pinned: pinned.summary.seed, current: summary.seed })
    : t('charts.delta.waiting');
  return (
    <div className="charts-delta">
      <table>
        <caption title={seedNote}>{t('charts.delta.caption', { label: pinned.label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('charts.delta.metric')}</th>
            <th scope="col">{t('charts.pinned')}</th>
            <th scope="col">{t('charts.current')}</th>
            <th scope="col">Δ</th>
            <th scope="col">Δ%</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.metric} className={r.verdict ? `delta-${r.verdict}` : undefined}>
              <th scope="row">{t(`charts.delta.${r.metric}`)}</th>
              <td>{formatValue(locale, r.pinned, UNITS[r.metric])}</td>
              <td>{formatValue(locale, r.current, UNITS[r.metric])}</td>
              <td className="delta-change">{formatDelta(locale, r.metric, r.delta)}</td>
              <td className="delta-change">
                {formatSigned(r.deltaPct, (v) => percentText(locale, v / 100))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={`delta-note${sameSeed ? '' : ' delta-note-warn'}`}>{seedNote}</p>
    </div>
  );
}
