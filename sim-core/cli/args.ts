import { parseArgs } from 'node:util';
import type { Budgets } from '../api.ts';
import { ANALYSIS_COMMANDS, type AnalysisCommand, parseAnalysisCommand } from './analysisArgs.ts';

/** A command line parsed and checked: every value is in range, only the file is still unread. */
export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'validate'; file: string; budgets?: Budgets }
  | {
      name: 'run';
      file: string;
      budgets?: Budgets;
      durationSec?: number;
      seed?: number;
      sampling?: 'auto' | 'off' | number;
      outDir?: string;
      json: boolean;
    }
  | AnalysisCommand;

/** A problem with the command line or its input file: exit code 2, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** Lines printed under the message, e.g. one per validation issue. */
  readonly details: readonly string[];

  constructor(message: string, details: readonly string[] = []) {
    super(message);
    this.details = details;
  }
}

export const HELP = `archsim: run an ArchSim topology headless and print or export its metrics.

Usage
  archsim run FILE [--duration S] [--seed N] [--sampling auto|off|F] [--json] [--out DIR]
               [--max-memory SIZE] [--max-events N]
  archsim validate FILE [--max-memory SIZE] [--max-events N]
  archsim sweep FILE --vary PATH=SPEC … [--seeds K] [--workers N] [--shard I/N] [--out DIR] [--json]
  archsim capacity FILE --slo "p99<200ms" … [--scale clients|CLIENT] [--seeds K] [--out DIR] [--json]
  archsim sensitivity FILE [--metric p99|capacity] [--delta 20%] [--param PATH …] [--out DIR]
  archsim estimate FILE [--json]
  archsim merge DIR … [--out DIR] [--json]
  archsim --help | --version

Commands
  run        simulate FILE (an .archsim.json topology) and print a report
  validate   check FILE and print OK, or its problems
  sweep      run FILE over a grid of parameter values × seeds, on worker threads (docs/analysis.md)
  capacity   find the largest load at which every SLO holds, with a 95% interval and the bottleneck
  sensitivity  rank parameters by their effect on p99 or capacity (±delta, common random numbers)
  estimate   the analytic utilization of every node (flow balance; Jackson means where exact)
  merge      combine the shard files of a sweep run with --shard into sweep.csv and sweep-summary.csv

Options for run
  --duration S      simulated seconds, overrides scenario.durationSec (must exceed the warm-up)
  --seed N          random seed, an integer from 0 to 4294967295; overrides scenario.seed
  --sampling MODE   auto (default) samples huge topologies, off never does, a number in (0, 1]
                    forces that factor
  --json            print the summary as JSON on stdout instead of the text report
  --out DIR         also write summary.csv, timeseries.csv, events.csv and tail.csv into DIR

Budgets (run and validate): a run that would exceed one is refused before it starts
  --max-memory SIZE memory for the engine's structures, bytes or 512M, 4G (default 1G)
  --max-events N    events the run may process (default 20000000)
  -h, --help        show this help
  --version         print the version

Exit codes: 0 done, 1 the run failed, 2 bad arguments, an invalid file or a budget exceeded.
More: docs/cli.md
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  duration: { type: 'string' },
  seed: { type: 'string' },
  sampling: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  'max-memory': { type: 'string' },
  'max-events': { type: 'string' },
} as const;

const RUN_ONLY = ['duration', 'seed', 'sampling', 'out', 'json'] as const;
const VALUE_OPTIONS = ['--duration', '--seed', '--sampling', '--max-memory', '--max-events'];
const MAX_SEED = 0xffffffff;
/** A plain decimal number: no sign, hex, `Infinity` or blanks, which `Number()` would accept. */
const DECIMAL = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses `archsim` arguments (without `node` and the script).
 * Throws a `UsageError` saying what is wrong for an unknown command or option, a missing file,
 * a value out of range, or an option the command does not take.
 */
export function parseCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Command {
  const first = argv.find((arg) => !arg.startsWith('-'));
  if ((ANALYSIS_COMMANDS as readonly string[]).includes(first ?? '') && !argv.some(isHelp)) {
    return parseAnalysisCommand(argv, env);
  }
  const { values, positionals } = parseStrict(joinNegativeValues(argv));
  if (values.help || positionals[0] === 'help') return { name: 'help' };
  if (values.version) return { name: 'version' };

  const [name, file, ...extra] = positionals;
  if (name === undefined) throw new UsageError('missing command: expected run or validate');
  if (name !== 'run' && name !== 'validate') {
    throw new UsageError(
      `unknown command '${name}': expected run, validate, ${ANALYSIS_COMMANDS.join(', ')}`,
    );
  }
  if (file === undefined || file === '') throw new UsageError(`${name} needs a topology FILE`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' after ${file}`);

  if (name === 'validate') {
    const given = RUN_ONLY.find((option) => values[option] !== undefined);
    if (given !== undefined) throw new UsageError(`--${given} only applies to run, not validate`);
    return { name, file, budgets: parseBudgets(values['max-memory'], values['max-events']) };
  }
  if (values.out === '') throw new UsageError('--out needs a directory');
  return {
    name,
    file,
    durationSec: values.duration === undefined ? undefined : parseDuration(values.duration),
    seed: values.seed === undefined ? undefined : parseSeed(values.seed),
    sampling: values.sampling === undefined ? undefined : parseSampling(values.sampling),
    outDir: values.out,
    json: values.json ?? false,
    budgets: parseBudgets(values['max-memory'], values['max-events']),
  };
}

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/**
 * `--duration -5` → `--duration=-5`: parseArgs refuses a value that starts with a dash as ambiguous,
 * which would hide the real problem (a negative number) behind "argument is ambiguous".
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (VALUE_OPTIONS.includes(argv[i]) && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${argv[i]}=${next}`);
      i++;
    } else {
      joined.push(argv[i]);
    }
  }
  return joined;
}

function parseStrict(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

/** Node's parseArgs messages are long and suggest `--`; say the problem in a few words instead. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const suggestion = closestOption(option);
    return `unknown option '${option}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('does not take an argument')) return `${option} does not take a value`;
    return `${option} needs a value`;
  }
  return message.split('\n')[0];
}

function closestOption(option: string): string | undefined {
  const name = option.replace(/^-+/, '');
  if (name.length < 3) return undefined;
  const known = Object.keys(OPTIONS);
  const best = known.find((candidate) => editDistance(name, candidate) <= 2);
  return best === undefined ? undefined : `--${best}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

function parseDuration(text: string): number {
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0 && Number.isFinite(value))) {
    throw new UsageError(`--duration must be a positive number of seconds, got '${text}'`);
  }
  return value;
}

function parseSeed(text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value <= MAX_SEED))
    throw new UsageError(`--seed must be an integer from 0 to ${MAX_SEED}, got '${text}'`);
  return value;
}

function parseSampling(text: string): 'auto' | 'off' | number {
  if (text === 'auto' || text === 'off') return text;
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0 && value <= 1)) {
    throw new UsageError(`--sampling must be auto, off or a factor in (0, 1], got '${text}'`);
  }
  return value;
}

/** Binary units, as `docker --memory` and `ulimit` read them: `512M` is 512 MiB. */
const SIZE_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
const SIZE = /^((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([kmgt]?)(?:i?b)?$/i;

function parseBudgets(memory: string | undefined, events: string | undefined): Budgets | undefined {
  if (memory === undefined && events === undefined) return undefined;
  const budgets: Budgets = {};
  if (memory !== undefined) {
    const match = SIZE.exec(memory);
    const bytes = match ? Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()] : Number.NaN;
    if (!(bytes >= 1 && Number.isFinite(bytes))) {
      throw new UsageError(`--max-memory must be a size in bytes or with a unit (512M, 4G), got '${memory}'`);
    }
    budgets.maxMemoryBytes = bytes;
  }
  if (events !== undefined) {
    const value = DECIMAL.test(events) ? Number(events) : Number.NaN;
    if (!(value >= 1 && Number.isFinite(value))) {
      throw new UsageError(`--max-events must be a number of events ≥ 1 (20000000, 1e9), got '${events}'`);
    }
    budgets.maxEvents = value;
  }
  return budgets;
}
