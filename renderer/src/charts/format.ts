import { countText, msText, percentText, signedText } from '../../../sim-core/messages/numberText.ts';
import type { Locale } from '../i18n/messages.ts';
import type { Unit } from './series.ts';

/** A value with its unit, for tooltips and tables: `12.3 ms`, `1.23K rps`, `45%`, `3.2`. */
export function formatValue(locale: Locale, value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'ms':
      return msText(locale, value);
    case 'rps':
      return `${countText(locale, value)} rps`;
    case 'ratio':
      return percentText(locale, value);
    case 'count':
      return countText(locale, value);
    default: {
      const never: never = unit;
      return never;
    }
  }
}

/** A short axis tick: no unit (the axis title carries it) except seconds and percentages. */
export function formatTick(locale: Locale, value: number, unit: Unit): string {
  if (unit === 'ratio') return percentText(locale, value);
  if (unit === 'ms' && value >= 1000) return `${countText(locale, value / 1000)}s`;
  return countText(locale, value);
}

/** A signed change: `+12 ms`, `−3.1%`; one that rounds to zero has no sign. */
export const formatSigned = signedText;
