import type { Expectation } from '../format/preset.ts';
import type { Topology } from '../format/schema.ts';
import type { MetricRow, Summary, WindowStats } from '../results/types.ts';

/** The verdict on one expectation: `actual` is null when the run had nothing to measure. */
export interface ExpectationResult {
  id: string;
  ok: boolean;
  actual: number | null;
  message: string;
}

type Span = NonNullable<Expectation['over']>;
type Rows = Pick<WindowStats, 'endToEnd' | 'clients' | 'classes' | 'nodes' | 'edges'>;

/**
 * Checks a preset's expectations against a finished run (`summary` and every window, warm-up
 * included). A statistic without `over` is read off the summary (the run after warm-up); with `over`
 * it aggregates the windows whose start lies in [fromSec, toSec); `ratioTo` divides it by the same
 * metric over a second span. Never throws: an unknown scope or metric, or a span without data, is a
 * failed expectation whose message says so.
 */
export function checkExpectations(
  topology: Topology,
  summary: Summary,
  windows: readonly WindowStats[],
): ExpectationResult[] {
  return (topology.expectations ?? []).map((x) => checkOne(x, summary, windows));
}

function checkOne(x: Expectation, summary: Summary, windows: readonly WindowStats[]): ExpectationResult {
  const what = `${x.scope} ${x.metric}${x.over ? ` over ${spanText(x.over)}` : ''}`;
  const fail = (message: string): ExpectationResult => ({ id: x.id, ok: false, actual: null, message });
  const numerator = statistic(x, x.over, summary, windows);
  if (typeof numerator === 'string') return fail(`${x.id}: ${what}: ${numerator}`);
  let actual = numerator;
  let label = what;
  if (x.ratioTo) {
    const denominator = statistic(x, x.ratioTo, summary, windows);
    if (typeof denominator === 'string')
      return fail(`${x.id}: ${what} ÷ ${spanText(x.ratioTo)}: ${denominator}`);
    if (denominator === 0) return fail(`${x.id}: ${what} ÷ ${spanText(x.ratioTo)}: the divisor is 0`);
    actual = numerator / denominator;
    label = `${what} ÷ same over ${spanText(x.ratioTo)}`;
  }
  const ok = holds(x, actual);
  return {
    id: x.id,
    ok,
    actual,
    message: `${x.id}: ${label} = ${round(actual)}; expected ${expectedText(x)}${ok ? '' : ' — NOT MET'}`,
  };
}

/** The metric over a span (or the summary); a string says why there is no value. */
function statistic(
  x: Expectation,
  span: Span | undefined,
  summary: Summary,
  windows: readonly WindowStats[],
): number | string {
  if (!span) {
    const row = scopeRow(summary, x.scope);
    if (typeof row === 'string') return row;
    return metricValue(row, x.metric) ?? 'no value in the run (no samples)';
  }
  const values: number[] = [];
  for (const w of windows) {
    if (w.startSec < span.fromSec - 1e-9 || w.startSec >= span.toSec - 1e-9) continue;
    const row = scopeRow(w, x.scope);
    if (typeof row === 'string') return row;
    const v = metricValue(row, x.metric);
    if (typeof v === 'string') return v;
    if (v !== null) values.push(v);
  }
  if (values.length === 0) return `no window with a value in ${spanText(span)}`;
  switch (span.aggregate) {
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'last':
      return values[values.length - 1];
    default: {
      const never: never = span.aggregate;
      return `unknown aggregate ${String(never)}`;
    }
  }
}

/** The row of `scope` (`endToEnd`, `node:<id>`, `edge:<id>`, `client:<id>`, `class:<id>`). */
function scopeRow(rows: Rows, scope: string): MetricRow | string {
  if (scope === 'endToEnd') return rows.endToEnd;
  const colon = scope.indexOf(':');
  const kind = colon < 0 ? scope : scope.slice(0, colon);
  const id = scope.slice(colon + 1);
  const table =
    kind === 'node'
      ? rows.nodes
      : kind === 'edge'
        ? rows.edges
        : kind === 'client'
          ? rows.clients
          : kind === 'class'
            ? rows.classes
            : undefined;
  if (colon < 0 || !table)
    return `unknown scope "${scope}" (use endToEnd, node:<id>, edge:<id>, client:<id> or class:<id>)`;
  const row = table[id];
  return row ?? `the run has no ${kind} "${id}"`;
}

/** A metric of a row: a dotted path to a number, or `errorRatio` / `successRatio`. */
function metricValue(row: MetricRow, metric: string): number | null | string {
  if (metric === 'errorRatio' || metric === 'successRatio') {
    const done = row.completions + row.errors.total;
    if (done === 0) return null;
    const ratio = row.errors.total / done;
    return metric === 'errorRatio' ? ratio : 1 - ratio;
  }
  let value: unknown = row;
  for (const key of metric.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key))
      return `unknown metric "${metric}"`;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === null) return null;
  if (typeof value !== 'number') return `metric "${metric}" is not a number`;
  return value;
}

function holds(x: Expectation, actual: number): boolean {
  switch (x.op) {
    case 'lt':
      return actual < x.value;
    case 'gt':
      return actual > x.value;
    case 'approx':
      return Math.abs(actual - x.value) <= (x.tolerance ?? 0.1) * Math.abs(x.value);
    case 'between':
      return actual >= x.value && actual <= (x.max ?? Number.POSITIVE_INFINITY);
    default: {
      const never: never = x.op;
      throw new Error(`unknown op ${String(never)}`);
    }
  }
}

function expectedText(x: Expectation): string {
  switch (x.op) {
    case 'lt':
      return `< ${x.value}`;
    case 'gt':
      return `> ${x.value}`;
    case 'approx':
      return `≈ ${x.value} ± ${round((x.tolerance ?? 0.1) * 100)}%`;
    case 'between':
      return `between ${x.value} and ${x.max ?? '∞'}`;
    default: {
      const never: never = x.op;
      return String(never);
    }
  }
}

function spanText(span: Span): string {
  return `[${span.fromSec} s, ${span.toSec} s) (${span.aggregate})`;
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}
