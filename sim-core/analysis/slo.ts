import { SimulationError } from '../messages/Message.ts';
import type { RunMetrics } from './runPoint.ts';

/**
 * A service-level objective: an end-to-end latency statistic or the error ratio under a limit.
 * Written `p99<200ms`, `p50<0.05s`, `mean<80ms`, `errors<0.1%`.
 */
export interface Slo {
  metric: 'mean' | 'p50' | 'p90' | 'p99' | 'p999' | 'errors';
  /** ms for latencies, a ratio 0..1 for errors. */
  limit: number;
  /** As written, for reports. */
  text: string;
}

const LATENCY = {
  mean: 'latencyMeanMs',
  p50: 'latencyP50Ms',
  p90: 'latencyP90Ms',
  p99: 'latencyP99Ms',
  p999: 'latencyP999Ms',
} as const;

/**
 * Parses an SLO. Throws a `SimulationError` `analysis.slo.invalid` (with `slo`) for anything else:
 * an unknown metric, a missing unit, a limit that is not a positive number.
 */
export function parseSlo(text: string): Slo {
  const match = /^\s*(mean|p50|p90|p99|p999|errors)\s*<\s*(\d+\.?\d*|\.\d+)\s*(ms|s|%)?\s*$/.exec(text);
  const fail = (): never => {
    throw new SimulationError({ code: 'analysis.slo.invalid', params: { slo: text } });
  };
  if (!match) return fail();
  const metric = match[1] as Slo['metric'];
  const value = Number(match[2]);
  const unit = match[3];
  if (!(value > 0)) fail();
  if (metric === 'errors') {
    if (unit === 'ms' || unit === 's') fail();
    const limit = unit === '%' ? value / 100 : value;
    if (!(limit < 1)) fail();
    return { metric, limit, text: `errors<${match[2]}${unit ?? ''}` };
  }
  if (unit !== 'ms' && unit !== 's') return fail();
  return { metric, limit: unit === 's' ? value * 1000 : value, text: `${metric}<${match[2]}${unit}` };
}

/** The SLO's metric in a run: ms, or the error ratio; null when the run had no completion to measure. */
export function sloValue(slo: Slo, m: RunMetrics): number | null {
  return slo.metric === 'errors' ? m.errorRatio : m[LATENCY[slo.metric]];
}

/** Whether every SLO holds in a run. A run with no completions has no latency to break a latency SLO. */
export function slosHold(slos: readonly Slo[], m: RunMetrics): boolean {
  return slos.every((slo) => {
    const value = sloValue(slo, m);
    return value === null || value < slo.limit;
  });
}
