import { toCsv } from '../export/csv.ts';
import type { CapacityResult } from './capacity.ts';
import type { SensitivityResult } from './sensitivity.ts';
import type { Estimate } from './stats.ts';
import { type SweepResult, sweepCsv, sweepSummaryCsv } from './sweep.ts';

/*
 * The analysis commands' CSV files, as strings (UTF-8 with BOM, CRLF, like every ArchSim CSV).
 * An estimate takes three columns: `<name>_mean`, `<name>_ci_low`, `<name>_ci_high` (95 %).
 */

const columns = (name: string) => [`${name}_mean`, `${name}_ci_low`, `${name}_ci_high`];
const cells = (e: Estimate | null) => (e ? [e.mean, e.low, e.high] : [null, null, null]);

/** The files a sweep (or a merge of its shards) writes. */
export function sweepFiles(result: SweepResult): Record<string, string> {
  return { 'sweep.csv': sweepCsv(result), 'sweep-summary.csv': sweepSummaryCsv(result) };
}

/** `capacity.csv`: one row per seed's search, then the estimate over seeds (`seed_index` empty). */
export function capacityCsv(r: CapacityResult): string {
  const rows = r.roots.map((root) => [
    root.seedIndex,
    root.seed,
    root.holds,
    Number.isFinite(root.fails) ? root.fails : null,
    root.factor,
    null,
    null,
    r.baseRps === null ? null : root.factor * r.baseRps,
  ]);
  rows.push([null, null, null, null, r.factor.mean, r.factor.low, r.factor.high, r.offeredRps?.mean ?? null]);
  return toCsv(
    [
      'seed_index',
      'seed',
      'factor_holds',
      'factor_fails',
      'factor',
      'factor_ci_low',
      'factor_ci_high',
      'offered_rps',
    ],
    rows,
  );
}

/** `knee.csv`: each SLO metric, p99, error ratio and the bottleneck's utilization against load. */
export function kneeCsv(r: CapacityResult): string {
  const header = [
    'factor',
    'offered_rps',
    ...r.slos.flatMap((slo) => columns(`slo_${slo.metric}`)),
    ...columns('latency_p99_ms'),
    ...columns('error_ratio'),
    ...columns(`utilization_${r.bottleneck?.id ?? 'bottleneck'}`),
  ];
  const rows = r.knee.map((k) => [
    k.factor,
    Number.isFinite(k.offeredRps) ? k.offeredRps : null,
    ...k.slo.flatMap(cells),
    ...cells(k.p99Ms),
    ...cells(k.errorRatio),
    ...cells(k.bottleneckUtilization),
  ]);
  return toCsv(header, rows);
}

/** `sensitivity.csv`: the tornado, one row per parameter by rank. */
export function sensitivityCsv(r: SensitivityResult): string {
  return toCsv(
    [
      'rank',
      'parameter',
      'base',
      'low',
      'high',
      ...columns('metric_at_low'),
      ...columns('metric_at_high'),
      ...columns('effect'),
    ],
    r.effects.map((e) => [
      e.rank,
      e.path,
      e.base,
      e.low,
      e.high,
      ...cells(e.atLow),
      ...cells(e.atHigh),
      ...cells(e.effect),
    ]),
  );
}
