import { formatMessage } from '../messages/formatMessage.ts';
import type { Message } from '../messages/Message.ts';

/**
 * The analysis commands' messages in English, for the terminal: the analysis layer reports codes with
 * parameters (`sim-core/analysis/*`), and this is where they become words.
 */
const TEXT: Record<string, (p: Record<string, unknown>) => string> = {
  'analysis.path.syntax': (p) => `'${p.path}' is not a parameter path (like nodes.api.params.replicas)`,
  'analysis.path.noNode': (p) => `${p.path}: no node with that id in the file`,
  'analysis.path.noEdge': (p) => `${p.path}: no edge with that id in the file`,
  'analysis.path.missing': (p) => `${p.path}: the file has no '${p.step}' there`,
  'analysis.path.notNumber': (p) => `${p.path} is not a number in the file: only numeric parameters can vary`,
  'analysis.spec.invalid': (p) =>
    ({
      number: `'${p.spec}' is not a list (1,2,4), a range (FROM:TO:STEP) or a log range (FROM:TO:xFACTOR)`,
      step: `'${p.spec}': the step must be positive and TO at least FROM`,
      factor: `'${p.spec}': a log range needs FROM > 0, TO ≥ FROM and a factor above 1`,
      tooMany: `'${p.spec}' makes more than ${p.max} values`,
    })[String(p.reason)] ?? `'${p.spec}' is not a valid SPEC`,
  'analysis.duration.warmup': (p) =>
    `a run of ${p.durationSec} s ends within its ${p.warmupSec} s warm-up, so it measures nothing: give a longer --duration`,
  'analysis.sweep.tooLarge': (p) => `the sweep would make ${p.runs} runs, more than ${p.max}`,
  'analysis.point.invalid': (p) =>
    `a sweep point is not a valid topology: ${p.path}: ${formatMessage('en', p.issue as Message)}`,
  'analysis.slo.invalid': (p) =>
    `'${p.slo}' is not an SLO: write p99<200ms, p50<0.1s, mean<80ms or errors<0.1%`,
  'analysis.scale.noClient': (p) => `--scale ${p.scale}: no client with that id (or use --scale clients)`,
  'analysis.worker.failed': (p) => `a worker thread failed: ${p.reason}`,
  'analysis.merge.none': () => 'no shard files (shard-*-of-*.json) in the folders given',
  'analysis.merge.mismatch': (p) =>
    `shards ${p.a} and ${p.b} come from different sweeps (file, plan or shard count differ)`,
  'analysis.merge.missing': (p) =>
    `shards ${(p.shards as number[]).join(', ')} of ${p.count} are missing: run them, then merge again`,
  'analysis.merge.duplicate': (p) => `shard ${p.shard} appears twice`,
  'analysis.args.option': (p) => `unknown or malformed option '${p.option}'`,
  'analysis.args.notFor': (p) => `${p.option} does not apply to ${p.command}`,
  'analysis.args.needsDir': (p) => `${p.command} needs at least one folder of shard files`,
  'analysis.args.needsFile': (p) => `${p.command} needs a topology FILE`,
  'analysis.args.extra': (p) => `unexpected argument '${p.argument}'`,
  'analysis.args.needsVary': () => 'sweep needs --vary PATH=SPEC (or --points FILE.csv)',
  'analysis.args.varyOrPoints': () => 'give either --vary or --points, not both',
  'analysis.args.vary': (p) => `--vary '${p.value}' must be PATH=SPEC, like nodes.api.params.replicas=1,2,4`,
  'analysis.args.needsSlo': (p) => `${p.command} needs at least one --slo, like --slo "p99<200ms"`,
  'analysis.args.value': (p) => `${p.option}: '${p.value}' is not a valid value`,
  'analysis.args.int': (p) => `${p.option} must be an integer from ${p.min} to ${p.max}, got '${p.value}'`,
  'analysis.args.percent': (p) => `${p.option} must be a share like 20% or 0.2, got '${p.value}'`,
  'analysis.args.shard': (p) => `--shard '${p.value}' must be I/N (0 ≤ I < N) or N`,
  'analysis.args.shardIndex': (p) =>
    `--shard N takes the index from the environment, but none of ${p.variables} is set`,
  'analysis.args.shardRange': (p) =>
    `shard index ${p.index} is not below the shard count ${p.count} (indices start at 0)`,
  'analysis.points.invalid': (p) => `${p.file}: ${p.reason}`,
};

export function analysisText(message: Message): string {
  const text = TEXT[message.code];
  return text ? text(message.params) : `${message.code} ${JSON.stringify(message.params)}`;
}
