import { compact } from '../canvas/heat.ts';
import type { Unit } from './series.ts';

/** A value with its unit, for tooltips and tables: `12.3 ms`, `1.2k rps`, `45.0%`, `3.2`. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'ms':
      return msText(value);
    case 'rps':
      return `${compact(value)} rps`;
    case 'ratio':
      return `${(value * 100).toFixed(value < 0.1 ? 2 : 1)}%`;
    case 'count':
      return compact(value);
    default: {
      const never: never = unit;
      return never;
    }
  }
}

/** 3 significant digits in ms, or in seconds from 1 s: `8.47 ms`, `830 ms`, `4.91 s`. */
export function msText(value: number): string {
  if (Math.abs(value) >= 1000) return `${Number((value / 1000).toPrecision(3))} s`;
  return `${Number(value.toPrecision(3))} ms`;
}

/** A short axis tick: no unit (the axis title carries it), percentages for ratios. */
export function formatTick(value: number, unit: Unit): string {
  if (unit === 'ratio') return `${Math.round(value * 100)}%`;
  if (unit === 'ms' && value >= 1000) return `${short(value / 1000)}s`;
  return short(value);
}

/** 3 significant digits without trailing zeros: 0.5, 5, 250, 1.5k, 20k, 3M. */
function short(value: number): string {
  const a = Math.abs(value);
  if (a >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}

/** A signed change: `+12.0 ms`, `−3.1%`. */
export function formatSigned(value: number | null, format: (v: number) => string): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const text = format(Math.abs(value));
  // A change that rounds to zero gets no sign: "−0.0 rps" reads as a loss that is not there.
  if (value === 0 || /^0(\.0+)?(?![\d.])/.test(text)) return text;
  return `${value > 0 ? '+' : '−'}${text}`;
}
