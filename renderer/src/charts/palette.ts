import type { ErrorReason } from '../../../sim-core/results/types.ts';
import type { Percentile } from './series.ts';

/**
 * Series colours, chosen to read on white and to stay apart for the common kinds of colour blindness
 * (blue / teal / orange / red for the percentiles, warm hues and greys for error reasons). They are
 * SVG presentation attributes, so an exported chart keeps them without any stylesheet.
 */
export const PERCENTILE_COLORS: Record<Percentile, string> = {
  p50: '#1565c0',
  p90: '#00897b',
  p99: '#ef6c00',
  p999: '#c62828',
};

export const OK_COLOR = '#1e88e5';
export const OK_FILL = '#bbdefb';
export const PINNED_COLOR = '#546e7a';
export const CURSOR_COLOR = '#37474f';

export const REASON_COLORS: Record<ErrorReason, string> = {
  timeout: '#d32f2f',
  queueFull: '#f57c00',
  rateLimited: '#f9a825',
  circuitOpen: '#7b1fa2',
  deadInstance: '#6d4c41',
  partition: '#455a64',
  intrinsic: '#c2185b',
  poolTimeout: '#00838f',
};

/** The per-node strips cycle through these. */
export const STRIP_COLORS = ['#1565c0', '#ef6c00', '#2e7d32', '#6a1b9a'] as const;
