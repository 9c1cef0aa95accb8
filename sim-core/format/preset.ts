import { z } from 'zod';

/**
 * What makes a topology a preset: the stage of the story it belongs to, a narrative (what to watch),
 * its before/after partner, and expected observations that `npm test` checks against a headless run.
 * All optional: any topology may carry them.
 */
export const STAGES = ['startup', 'growth', 'expansion', 'trillion'] as const;
export type Stage = (typeof STAGES)[number];

const text = z.union([z.string(), z.record(z.string(), z.string())]);

/**
 * A span of the run a statistic is taken over: simulated seconds [fromSec, toSec) of the windows,
 * aggregated over them; without a span, the whole run after warm-up (the summary).
 */
const span = z.strictObject({
  fromSec: z.number().min(0),
  toSec: z.number().gt(0),
  aggregate: z.enum(['mean', 'max', 'min', 'last']).default('mean'),
});

/**
 * One machine-checked claim. `scope` is `endToEnd`, `node:<id>`, `edge:<id>`, `client:<id>` or
 * `class:<id>`; `metric` a path into a metric row (`latencyMs.p99`, `errors.timeout`,
 * `throughputRps`, `utilization`, ...) or `errorRatio` (errors / (completions + errors)) or
 * `successRatio`. `ratioTo` compares the statistic with the same metric over another span (a spike
 * then a recovery); `op` with `value` (and `tolerance`, relative, for `approx`) says what must hold.
 */
export const expectation = z.strictObject({
  id: z.string().min(1),
  description: text,
  scope: z.string().min(1),
  metric: z.string().min(1),
  over: span.optional(),
  ratioTo: span.optional(),
  op: z.enum(['lt', 'gt', 'approx', 'between']),
  value: z.number(),
  max: z.number().optional(),
  tolerance: z.number().min(0).optional(),
});
export type Expectation = z.output<typeof expectation>;

export const presetFields = {
  stage: z.enum(STAGES).optional(),
  narrative: text.optional(),
  /** The file name (without folder) of this preset's before/after partner, and which side this is. */
  pair: z.strictObject({ with: z.string().min(1), side: z.enum(['before', 'after']) }).optional(),
  expectations: z.array(expectation).optional(),
};
