import type { AnalyticEstimate } from '../../../sim-core/analysis/estimate.ts';
import type { CoreLocale } from '../../../sim-core/messages/formatMessage.ts';
import { entryOf } from '../../../sim-core/results/entryOf.ts';

/**
 * The queueing model's mean latency of node `id`, ms, to show beside the simulated one: the Jackson
 * (or, for a closed loop, MVA) mean of what the engine records as the node's latency — its sojourn
 * plus the round trips of its calls. Null unless the network is product-form and the model has it.
 */
export function modelNodeMeanMs(estimate: AnalyticEstimate | null, id: string): number | null {
  if (!estimate?.productForm) return null;
  const jackson = entryOf(estimate.nodes, id)?.jackson;
  if (!jackson) return null;
  return jackson.responseMs ?? jackson.sojournMs;
}

/** The model's mean end-to-end latency, ms, where the network is product-form; else null. */
export function modelEndToEndMeanMs(estimate: AnalyticEstimate | null): number | null {
  return estimate?.productForm ? estimate.endToEndMeanMs : null;
}

const plain = new Map<string, Intl.NumberFormat>();

/**
 * A simulated mean and the model's, written in one unit, the model's (chosen as `msText` would choose
 * it): the pair reads "18.4 · 18.3 ms", short enough for a node's badge. `sim` is the bare number.
 */
export function msPairText(
  locale: CoreLocale,
  simMs: number,
  modelMs: number,
): { sim: string; model: string } {
  let f = plain.get(locale);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3, useGrouping: false });
    plain.set(locale, f);
  }
  const a = Math.abs(modelMs);
  const [scale, unit] = a >= 1000 ? [1 / 1000, 's'] : a >= 1 || a === 0 ? [1, 'ms'] : [1000, 'µs'];
  return { sim: f.format(simMs * scale), model: `${f.format(modelMs * scale)} ${unit}` };
}
