import { parseArgs } from 'node:util';
import type { Shard } from '../analysis/shard.ts';
import { parseSlo, type Slo } from '../analysis/slo.ts';
import { parseSpec } from '../analysis/spec.ts';
import { SimulationError } from '../messages/Message.ts';

/** The analysis commands: many runs of one file, on a pool of worker threads. */
export const ANALYSIS_COMMANDS = ['sweep', 'capacity', 'sensitivity', 'estimate', 'merge'] as const;
export type AnalysisName = (typeof ANALYSIS_COMMANDS)[number];

interface Common {
  file: string;
  seeds?: number;
  workers?: number;
  durationSec?: number;
  seed?: number;
  outDir?: string;
  json: boolean;
}

export type AnalysisCommand =
  | (Common & {
      name: 'sweep';
      vary: { path: string; values: number[] }[];
      pointsFile?: string;
      shard?: Shard;
    })
  | (Common & { name: 'capacity'; slos: Slo[]; scale: string; precision: number; maxSeeds?: number })
  | (Common & {
      name: 'sensitivity';
      metric: 'p99' | 'capacity';
      delta: number;
      params: string[];
      slos: Slo[];
      scale: string;
    })
  | { name: 'estimate'; file: string; json: boolean }
  | { name: 'merge'; dirs: string[]; outDir?: string; json: boolean };

const OPTIONS = {
  vary: { type: 'string', multiple: true },
  points: { type: 'string' },
  seeds: { type: 'string' },
  'max-seeds': { type: 'string' },
  workers: { type: 'string' },
  duration: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  shard: { type: 'string' },
  slo: { type: 'string', multiple: true },
  scale: { type: 'string' },
  precision: { type: 'string' },
  metric: { type: 'string' },
  delta: { type: 'string' },
  param: { type: 'string', multiple: true },
} as const;
type OptionName = keyof typeof OPTIONS;

/** Which options each command takes (besides --json). */
const TAKES: Record<AnalysisName, readonly OptionName[]> = {
  sweep: ['vary', 'points', 'seeds', 'workers', 'duration', 'seed', 'out', 'shard'],
  capacity: ['slo', 'scale', 'precision', 'seeds', 'max-seeds', 'workers', 'duration', 'seed', 'out'],
  sensitivity: ['metric', 'delta', 'param', 'slo', 'scale', 'seeds', 'workers', 'duration', 'seed', 'out'],
  estimate: [],
  merge: ['out'],
};

/** Environment variables that carry a job array's index, in the order they are looked up. */
export const SHARD_INDEX_VARIABLES = [
  'JOB_COMPLETION_INDEX',
  'SLURM_ARRAY_TASK_ID',
  'AWS_BATCH_JOB_ARRAY_INDEX',
];

const fail = (code: string, params: Record<string, string | number> = {}): never => {
  throw new SimulationError({ code, params });
};

/**
 * Parses the arguments of an analysis command (`argv` without `node` and the script; its first
 * positional names the command). Throws a `SimulationError` with an `analysis.args.*` code for a bad
 * option, value or combination; the CLI words it and exits 2.
 */
export function parseAnalysisCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AnalysisCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    const option = /'(-[^' ]+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
    return fail('analysis.args.option', { option });
  }
  const { values, positionals } = parsed;
  const name = positionals[0] as AnalysisName;
  const operands = positionals.slice(1);
  for (const option of Object.keys(values) as OptionName[]) {
    if (option !== ('json' as OptionName) && !TAKES[name].includes(option)) {
      fail('analysis.args.notFor', { option: `--${option}`, command: name });
    }
  }
  const json = values.json ?? false;
  if (name === 'merge') {
    if (operands.length === 0) fail('analysis.args.needsDir', { command: name });
    return { name, dirs: operands, outDir: values.out, json };
  }
  const [file, ...extra] = operands;
  if (file === undefined || file === '') fail('analysis.args.needsFile', { command: name });
  if (extra.length > 0) fail('analysis.args.extra', { argument: extra[0] });
  if (name === 'estimate') return { name, file, json };

  const common: Common = {
    file,
    seeds: optionalInt(values.seeds, '--seeds', 1, 10_000),
    workers: optionalInt(values.workers, '--workers', 1, 1024),
    durationSec: values.duration === undefined ? undefined : positive(values.duration, '--duration'),
    seed: optionalInt(values.seed, '--seed', 0, 0xffffffff),
    outDir: values.out,
    json,
  };
  if (values.out === '') fail('analysis.args.value', { option: '--out', value: '' });
  const slos = (values.slo ?? []).map(parseSlo);
  const scale = values.scale ?? 'clients';
  switch (name) {
    case 'sweep': {
      const vary = (values.vary ?? []).map(parseVary);
      if (vary.length === 0 && values.points === undefined) fail('analysis.args.needsVary');
      if (vary.length > 0 && values.points !== undefined) fail('analysis.args.varyOrPoints');
      return { ...common, name, vary, pointsFile: values.points, shard: parseShard(values.shard, env) };
    }
    case 'capacity':
      if (slos.length === 0) fail('analysis.args.needsSlo', { command: name });
      return {
        ...common,
        name,
        slos,
        scale,
        precision: values.precision === undefined ? 0.02 : percent(values.precision, '--precision'),
        maxSeeds: optionalInt(values['max-seeds'], '--max-seeds', 2, 10_000),
      };
    case 'sensitivity': {
      const metric = values.metric ?? 'p99';
      if (metric !== 'p99' && metric !== 'capacity')
        fail('analysis.args.value', { option: '--metric', value: metric });
      if (metric === 'capacity' && slos.length === 0) fail('analysis.args.needsSlo', { command: name });
      return {
        ...common,
        name,
        metric: metric as 'p99' | 'capacity',
        delta: values.delta === undefined ? 0.2 : percent(values.delta, '--delta'),
        params: values.param ?? [],
        slos,
        scale,
      };
    }
  }
}

/** `PATH=SPEC` of `--vary`. */
function parseVary(text: string): { path: string; values: number[] } {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) return fail('analysis.args.vary', { value: text });
  return { path: text.slice(0, at), values: parseSpec(text.slice(at + 1)) };
}

/**
 * `--shard I/N`, or `--shard N` with I from the job array's environment (see `SHARD_INDEX_VARIABLES`).
 */
export function parseShard(
  text: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(?:(\d+)\/)?(\d+)$/.exec(text);
  if (!match) return fail('analysis.args.shard', { value: text });
  const count = Number(match[2]);
  let indexText = match[1];
  if (indexText === undefined) {
    const variable = SHARD_INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== '');
    if (variable === undefined)
      return fail('analysis.args.shardIndex', { variables: SHARD_INDEX_VARIABLES.join(', ') });
    indexText = env[variable]!;
    if (!/^\d+$/.test(indexText)) return fail('analysis.args.shard', { value: `${variable}=${indexText}` });
  }
  const index = Number(indexText);
  if (!(count >= 1) || index >= count) fail('analysis.args.shardRange', { index, count });
  return { index, count };
}

function optionalInt(text: string | undefined, option: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) fail('analysis.args.int', { option, value: text, min, max });
  return value;
}

function positive(text: string, option: string): number {
  const value = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0 && Number.isFinite(value))) fail('analysis.args.value', { option, value: text });
  return value;
}

/** `20%` or `0.2` → 0.2, in (0, 1). */
function percent(text: string, option: string): number {
  const match = /^(\d+\.?\d*|\.\d+)(%?)$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!(value > 0 && value < 1)) fail('analysis.args.percent', { option, value: text });
  return value;
}
