import { interpolateRgbBasis } from 'd3';

/** Utilization 0 → 1 as a heat colour: calm green, amber past 70%, red at saturation. */
export const heat = interpolateRgbBasis(['#e8f5e9', '#c5e1a5', '#ffe082', '#ffb74d', '#ef5350', '#b71c1c']);

/** Edge colour by error ratio: grey when clean, red when failing. */
export const errorColor = interpolateRgbBasis(['#78909c', '#ffa726', '#e53935']);

/** Short human numbers: 950, 1.2k, 3.4M. Formatting belongs to the UI, never to the engine. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return a >= 10 || a === 0 ? n.toFixed(0) : n.toFixed(1);
}

/** Milliseconds with about 3 significant digits and never in exponent form; seconds from 1 s up. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 1000) return `${sig3(value / 1000)} s`;
  return `${sig3(value)} ms`;
}

function sig3(x: number): string {
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  if (x >= 0.001) return x.toFixed(Math.min(6, 2 - Math.floor(Math.log10(x))));
  return x === 0 ? '0' : x.toExponential(1);
}
