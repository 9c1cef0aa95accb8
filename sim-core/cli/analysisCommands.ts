import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { findCapacity } from '../analysis/capacity.ts';
import { analyticEstimate } from '../analysis/estimate.ts';
import type { JsonDoc } from '../analysis/paramPath.ts';
import { inProcessRunner, type TaskRunner } from '../analysis/runPoint.ts';
import { sensitivity } from '../analysis/sensitivity.ts';
import { mergeShards, SHARD_FORMAT, type ShardFile, shardTaskIndices, sweepKey } from '../analysis/shard.ts';
import type { Estimate } from '../analysis/stats.ts';
import { grid, type SweepPlan, type SweepResult, summarizeSweep, sweepTasks } from '../analysis/sweep.ts';
import { capacityCsv, kneeCsv, sensitivityCsv, sweepFiles } from '../analysis/tables.ts';
import { SimulationError } from '../messages/Message.ts';
import type { AnalysisCommand } from './analysisArgs.ts';
import { analysisText } from './analysisMessages.ts';
import { type CliIo, EXIT_OK, loadTopology } from './main.ts';
import { formatSig, renderTable } from './text.ts';
import { defaultWorkers, workerPool } from './workerPool.ts';
import { writeFilesAtomically } from './writeFilesAtomically.ts';

/**
 * Runs an analysis command. Its errors carry codes: a refused input (a path, a value, a shard set)
 * goes up as it is, for `main` to word and exit 2; a failed run is worded here and exits 1.
 */
export async function runAnalysis(command: AnalysisCommand, io: CliIo): Promise<number> {
  try {
    return await execute(command, io);
  } catch (error) {
    if (error instanceof SimulationError && error.detail.code === 'analysis.worker.failed') {
      throw new Error(analysisText(error.detail));
    }
    throw error;
  }
}

async function execute(command: AnalysisCommand, io: CliIo): Promise<number> {
  if (command.name === 'merge') return merge(command, io);
  const doc = (await loadTopology(command.file)) as unknown as JsonDoc;
  if (command.name === 'estimate') {
    const result = analyticEstimate(await loadTopology(command.file));
    io.stdout(command.json ? `${JSON.stringify(result, null, 2)}\n` : formatEstimate(result));
    return EXIT_OK;
  }
  const workers = command.workers ?? defaultWorkers();
  const pool = workers > 1 ? workerPool(workers) : null;
  const run: TaskRunner = pool ? pool.run : inProcessRunner(() => performance.now());
  try {
    switch (command.name) {
      case 'sweep':
        return await sweep(command, doc, run, io);
      case 'capacity': {
        const result = await findCapacity(
          doc,
          {
            slos: command.slos,
            scale: command.scale,
            seeds: command.seeds,
            maxSeeds: command.maxSeeds,
            precision: command.precision,
            durationSec: command.durationSec,
            seed: command.seed,
          },
          run,
        );
        if (command.outDir !== undefined) {
          await write(io, command.outDir, {
            'capacity.csv': capacityCsv(result),
            'knee.csv': kneeCsv(result),
          });
        }
        io.stdout(command.json ? `${JSON.stringify(result, null, 2)}\n` : formatCapacity(result));
        return EXIT_OK;
      }
      case 'sensitivity': {
        const result = await sensitivity(
          doc,
          {
            metric: command.metric,
            delta: command.delta,
            params: command.params,
            seeds: command.seeds,
            durationSec: command.durationSec,
            seed: command.seed,
            slos: command.slos,
            scale: command.scale,
          },
          run,
        );
        if (command.outDir !== undefined) {
          await write(io, command.outDir, { 'sensitivity.csv': sensitivityCsv(result) });
        }
        io.stdout(command.json ? `${JSON.stringify(result, null, 2)}\n` : formatSensitivity(result));
        return EXIT_OK;
      }
      default: {
        const unknown: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
      }
    }
  } finally {
    await pool?.close();
  }
}

async function sweep(
  command: Extract<AnalysisCommand, { name: 'sweep' }>,
  doc: JsonDoc,
  run: TaskRunner,
  io: CliIo,
): Promise<number> {
  const plan: SweepPlan = command.pointsFile
    ? { ...(await readPoints(command.pointsFile)), seeds: command.seeds ?? 1 }
    : {
        paths: command.vary.map((v) => v.path),
        points: grid(command.vary.map((v) => v.values)),
        seeds: command.seeds ?? 1,
      };
  if (command.durationSec !== undefined) plan.durationSec = command.durationSec;
  if (command.seed !== undefined) plan.seed = command.seed;
  const tasks = sweepTasks(doc, plan);
  if (command.shard) {
    const indices = shardTaskIndices(command.shard, tasks.length);
    const metrics = await run(indices.map((i) => tasks[i]));
    const file: ShardFile = {
      format: SHARD_FORMAT,
      version: 1,
      key: sweepKey(doc, plan),
      plan,
      shard: command.shard,
      tasks: tasks.length,
      runs: indices.map((task, k) => ({ task, metrics: metrics[k] })),
    };
    const name = `shard-${command.shard.index}-of-${command.shard.count}.json`;
    await write(io, command.outDir ?? '.', { [name]: `${JSON.stringify(file)}\n` });
    return EXIT_OK;
  }
  const result: SweepResult = { plan, runs: await run(tasks) };
  return report(result, command.outDir, command.json, io);
}

async function merge(command: Extract<AnalysisCommand, { name: 'merge' }>, io: CliIo): Promise<number> {
  const files: ShardFile[] = [];
  for (const dir of command.dirs) {
    const names = (await readdir(dir)).filter((n) => /^shard-\d+-of-\d+\.json$/.test(n)).sort();
    for (const name of names) files.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as ShardFile);
  }
  return report(mergeShards(files), command.outDir ?? command.dirs[0], command.json, io);
}

async function report(
  result: SweepResult,
  outDir: string | undefined,
  json: boolean,
  io: CliIo,
): Promise<number> {
  if (outDir !== undefined) await write(io, outDir, sweepFiles(result));
  if (json)
    io.stdout(
      `${JSON.stringify({ plan: result.plan, points: summarizeSweep(result), runs: result.runs }, null, 2)}\n`,
    );
  else io.stdout(formatSweep(result));
  return EXIT_OK;
}

async function write(io: CliIo, dir: string, files: Record<string, string>): Promise<void> {
  const written = await writeFilesAtomically(dir, files).catch((error: Error) => {
    throw new Error(
      `could not write ${Object.keys(files).join(', ')} to ${dir} (left as it was): ${error.message}`,
    );
  });
  io.stderr(`archsim: wrote ${Object.keys(files).join(', ')} to ${written}\n`);
}

/** `--points FILE.csv`: a header of parameter paths, then one row of numbers per point. */
async function readPoints(file: string): Promise<{ paths: string[]; points: number[][] }> {
  const fail = (reason: string): never => {
    throw new SimulationError({ code: 'analysis.points.invalid', params: { file, reason } });
  };
  const text = await readFile(file, 'utf8').catch((error: Error) => fail(error.message));
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (!header || rows.length === 0)
    fail('needs a header row of parameter paths and at least one row of values');
  const points = rows.map((row, i) => {
    if (row.length !== header.length)
      fail(`row ${i + 2} has ${row.length} cells, the header ${header.length}`);
    return row.map((cell) => {
      const value = Number(cell);
      return cell.trim() !== '' && Number.isFinite(value)
        ? value
        : fail(`row ${i + 2}: '${cell}' is not a number`);
    });
  });
  return { paths: header.map((h) => h.trim()), points };
}

const interval = (e: Estimate, digits = 3) =>
  e.low === null || e.high === null
    ? formatSig(e.mean, digits)
    : `${formatSig(e.mean, digits)} [${formatSig(e.low, digits)}, ${formatSig(e.high, digits)}]`;

function formatSweep(result: SweepResult): string {
  const rows = summarizeSweep(result).map((s) => [
    ...s.values.map((v) => String(v)),
    interval(s.metrics.latency_p99_ms),
    interval(s.metrics.throughput_rps),
    interval(s.metrics.error_ratio),
  ]);
  const header = [...result.plan.paths, 'p99 ms (95% CI)', 'throughput rps', 'error ratio'];
  return `Sweep: ${result.plan.points.length} points × ${result.plan.seeds} seeds\n${renderTable(
    header,
    rows,
    header.map(() => 'right'),
  )}`;
}

function formatCapacity(r: Awaited<ReturnType<typeof findCapacity>>): string {
  const slos = r.slos.map((s) => s.text).join(' and ');
  const load = r.offeredRps
    ? `${interval(r.offeredRps, 4)} rps`
    : `×${interval(r.factor, 4)} of the file's load`;
  const lines = [
    r.unbounded
      ? `The SLOs (${slos}) still hold at ${r.factor.mean}× the file's load, the most tried.`
      : `Holds up to ${load} (95% CI) at ${slos}: ×${interval(r.factor, 4)} of the file's load.`,
  ];
  if (r.bottleneck) {
    const u =
      r.bottleneck.utilization === null ? '' : ` (utilization ${formatSig(r.bottleneck.utilization)})`;
    lines.push(`Bottleneck: ${r.bottleneck.id}${u}.`);
  }
  lines.push(`${r.roots.length} seeds, ${r.runs} runs.`);
  return `${lines.join('\n')}\n`;
}

function formatSensitivity(r: Awaited<ReturnType<typeof sensitivity>>): string {
  const rows = r.effects
    .slice(0, 20)
    .map((e) => [String(e.rank), e.path, `${formatSig(e.low)} → ${formatSig(e.high)}`, interval(e.effect)]);
  const unit = r.metric === 'p99' ? 'p99 ms' : 'capacity ×';
  return `Sensitivity of ${unit} to ±${Math.round(r.delta * 100)}% (baseline ${interval(r.baseline)}):\n${renderTable(
    ['rank', 'parameter', 'low → high', `effect on ${unit} (95% CI)`],
    rows,
    ['right', 'left', 'right', 'right'],
  )}`;
}

function formatEstimate(r: ReturnType<typeof analyticEstimate>): string {
  const rows = Object.values(r.nodes)
    .filter((n) => n.utilization !== null)
    .map((n) => [
      n.id,
      formatSig(n.arrivalRps),
      formatSig(n.utilization),
      n.unstable ? 'UNSTABLE (ρ ≥ 1)' : '',
      n.jackson ? formatSig(n.jackson.sojournMs) : '',
    ]);
  const table = renderTable(['node', 'arrivals rps', 'utilization', '', 'M/M/c sojourn ms'], rows, [
    'left',
    'right',
    'right',
    'left',
    'right',
  ]);
  const e2e =
    r.endToEndMeanMs === null ? '' : `End-to-end mean (Jackson): ${formatSig(r.endToEndMeanMs)} ms\n`;
  const form = r.productForm
    ? 'product-form (exact)'
    : `not product-form (${r.reasons.length} reasons): flow balance only`;
  return `Analytic estimate, ${form}:\n${table}${e2e}`;
}
