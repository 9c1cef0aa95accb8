import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { formatValue } from './format.ts';
import type { Unit } from './series.ts';

export interface TooltipRow {
  key: string;
  label: string;
  unit: Unit;
  value: number | null;
  pinned?: number | null;
}

/** Width the tooltip is assumed to need when deciding to open it left of the cursor. */
const FLIP_PX = 230;

/**
 * Exact values at the cursor, next to it (left of it near the right edge), with the pinned run's
 * values in a second column when a run is pinned.
 */
export function ChartTooltip(props: {
  left: number;
  width: number;
  head: string;
  rows: readonly TooltipRow[];
  pinned: boolean;
}) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const flip = props.left + FLIP_PX > props.width;
  return (
    <div
      className={`chart-tooltip${flip ? ' flip' : ''}`}
      style={{ left: flip ? props.left - 10 : props.left + 10 }}
      role="status"
    >
      <div className="chart-tooltip-head">{props.head}</div>
      <table>
        {props.pinned && (
          <thead>
            <tr>
              <th />
              <th scope="col">{t('charts.current')}</th>
              <th scope="col">{t('charts.pinned')}</th>
            </tr>
          </thead>
        )}
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{formatValue(locale, r.value, r.unit)}</td>
              {props.pinned && (
                <td className="chart-tooltip-pinned">{formatValue(locale, r.pinned, r.unit)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
