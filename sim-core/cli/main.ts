import { readFile } from 'node:fs/promises';
import type { Topology } from '../format/schema.ts';
import { issueLine } from '../messages/issueText.ts';
import { SimulationError } from '../messages/Message.ts';
import { type Command, HELP, parseCommand, UsageError } from './args.ts';
import { describeSimulationError } from './describeError.ts';
import { formatSummary } from './formatSummary.ts';
import { printable } from './text.ts';
import { checkOutputDir, writeFilesAtomically } from './writeFilesAtomically.ts';

/** Where the CLI writes; tests pass collectors, `archsim.ts` passes the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
/** The run (or writing its results) failed. */
export const EXIT_FAILURE = 1;
/** Bad arguments, an unreadable file or an invalid topology: nothing was run or written. */
export const EXIT_USAGE = 2;

const OUTPUT_FILES = ['summary.csv', 'timeseries.csv', 'events.csv', 'tail.csv'] as const;
/** Validation issues printed before "… and N more". */
const MAX_ISSUES_SHOWN = 20;

/**
 * The `archsim` command line: parses `argv` (without `node` and the script), runs the command and
 * returns the exit code (`EXIT_OK`, `EXIT_FAILURE`, `EXIT_USAGE`). Never throws; messages go to
 * `io.stderr`, results to `io.stdout`.
 */
export async function main(
  argv: readonly string[],
  io: CliIo,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<number> {
  try {
    const command = parseCommand(argv, env);
    return await execute(command, io);
  } catch (error) {
    if (error instanceof SimulationError && !error.detail.code.startsWith('analysis.')) {
      // A run of an analysis command over its budgets or stopped by a guard (run and validate name their
      // file: `refusing`).
      const { title, lines } = describeSimulationError(null, error);
      io.stderr(`archsim: ${title}\n${lines.map((line) => `  ${line}\n`).join('')}`);
      return EXIT_USAGE;
    }
    if (error instanceof SimulationError) {
      // An analysis command's arguments, refused with a code: word it for the terminal.
      const { analysisText } = await import('./analysisMessages.ts');
      io.stderr(`archsim: ${analysisText(error.detail)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      // printable: a message may quote user text (a file name, an id), which must not reach the terminal raw.
      const lines = error.details.map((line) => `  ${printable(line)}\n`).join('');
      io.stderr(`archsim: ${printable(error.message)}\n${lines}`);
      return EXIT_USAGE;
    }
    io.stderr(`archsim: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

async function execute(command: Command, io: CliIo): Promise<number> {
  switch (command.name) {
    case 'help':
      io.stdout(HELP);
      return EXIT_OK;
    case 'version':
      io.stdout(`${await readVersion()}\n`);
      return EXIT_OK;
    case 'validate': {
      // Whatever run would refuse before running, validate refuses: the file, then its budgets.
      const topology = await loadTopology(command.file);
      const { checkBudgets } = await import('../limits/budgets.ts');
      refusing(command.file, () => checkBudgets(topology, { budgets: command.budgets }));
      io.stdout(`OK ${command.file}\n`);
      return EXIT_OK;
    }
    case 'run':
      return run(command, io);
    case 'sweep':
    case 'capacity':
    case 'sensitivity':
    case 'estimate':
    case 'merge':
      return (await import('./analysisCommands.ts')).runAnalysis(command, io);
    default: {
      const unknown: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
    }
  }
}

async function run(command: Extract<Command, { name: 'run' }>, io: CliIo): Promise<number> {
  if (command.outDir !== undefined) {
    // Checked before the run, which may be long, so a bad --out fails at once.
    await checkOutputDir(command.outDir, OUTPUT_FILES).catch((error: Error) => {
      throw new UsageError(`--out: ${error.message}`);
    });
  }
  const topology = await loadTopology(command.file);
  const { warmupSec } = topology.scenario;
  if (command.durationSec !== undefined && command.durationSec <= warmupSec) {
    throw new UsageError(
      `--duration ${command.durationSec} must be longer than the scenario's warm-up (${warmupSec} s)`,
    );
  }

  // Imported here, not at the top, so --help, --version and argument errors do not load the engine.
  const { createSimulation } = await import('../engine/createSimulation.ts');
  const sim = refusing(command.file, () =>
    createSimulation(topology, {
      seed: command.seed,
      durationSec: command.durationSec,
      sampling: command.sampling,
      budgets: command.budgets,
      wallClock: () => performance.now(),
    }),
  );
  refusing(command.file, () => sim.runUntil(sim.endSec));
  const summary = sim.summary();
  io.stdout(command.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));

  if (command.outDir !== undefined) {
    const { eventsCsv, summaryCsv, tailAttributionCsv, timeseriesCsv } = await import('../export/csv.ts');
    const windows = sim.snapshot().windows;
    const files: Record<(typeof OUTPUT_FILES)[number], string> = {
      'summary.csv': summaryCsv(summary),
      'timeseries.csv': timeseriesCsv(windows, summary.nodes),
      'events.csv': eventsCsv(summary.eventsApplied, 'en'),
      'tail.csv': tailAttributionCsv(summary),
    };
    const outDir = command.outDir;
    const dir = await writeFilesAtomically(outDir, files).catch((error: Error) => {
      throw new Error(`could not write the CSV files to ${outDir} (left as it was): ${error.message}`);
    });
    // stderr, so `--json --out DIR` keeps stdout pure JSON.
    io.stderr(`archsim: wrote ${OUTPUT_FILES.join(', ')} to ${dir}\n`);
  }
  return EXIT_OK;
}

/** Runs `work`; a budget it would exceed (or exceeded) becomes a `UsageError`: exit 2, nothing written. */
function refusing<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    const { title, lines } = describeSimulationError(file, error);
    throw new UsageError(title, lines);
  }
}

/**
 * Reads and validates a topology file. Throws a `UsageError` if the file cannot be read or is not a
 * valid topology (with one detail line per issue, `path: message`).
 */
export async function loadTopology(file: string): Promise<Topology> {
  // A leading BOM (Windows editors) is fine: parseTopologyText ignores it.
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${describeFsError(error)}`);
  }
  const { parseTopologyText } = await import('../format/validate.ts');
  const result = parseTopologyText(text);
  if (result.ok) return result.topology;
  const shown = result.issues.slice(0, MAX_ISSUES_SHOWN).map((i) => issueLine('en', i));
  const more = result.issues.length - shown.length;
  if (more > 0) shown.push(`... and ${more} more`);
  const count = result.issues.length === 1 ? '1 problem' : `${result.issues.length} problems`;
  throw new UsageError(`${file} is not a valid topology (${count}):`, shown);
}

function describeFsError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

async function readVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
