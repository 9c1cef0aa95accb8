/**
 * `npm run bench`: how fast and how big, told in one run, in three parts.
 *
 * 1. M/M/1 at ρ = 0.9 through the real engine with every metric on, next to `bareMM1` (a tight
 *    typed-array loop) serving the same customers at the same λ and μ, and the ratio.
 * 2. The 20-node microservice model: requests per second and events per request.
 * 3. Generated service estates (`estate.ts`) of 1,000 / 5,000 / 10,000 services: load time (validate
 *    and compile), time for 30 simulated seconds, events, and peak memory. Each size runs in a child
 *    process of its own, so its peak RSS is its own.
 * 4. An API gateway routing to 10,000 services (`gateway.ts`), measured the same way: a balancer's
 *    choice among thousands of edges, and windows over tens of thousands of mostly idle scopes.
 *
 * Speeds are CPU time of this process (best of three): the machine is shared, and CPU time is what the
 * code costs whoever else is running; wall time is printed beside it. A benchmark, not a test: it
 * prints figures and never fails on speed. `--sizes 1000,5000` picks the estates (`--sizes none`
 * skips them), `--gateways 10000` the gateways (`none` skips them), `--seconds 30` their simulated
 * time, `--json FILE` writes the figures and `--svg FILE` a plot of load time, run time and memory
 * against estate size (docs/performance.md shows one).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSimulation } from '../engine/createSimulation.ts';
import type { Topology } from '../format/schema.ts';
import { validateTopology } from '../format/validate.ts';
import { issueLine } from '../messages/issueText.ts';
import type { Summary } from '../results/types.ts';
import mm1 from '../test/fixtures/mm1.archsim.json' with { type: 'json' };
import { bareMM1 } from './bareLoop.ts';
import { estate } from './estate.ts';
import { gateway } from './gateway.ts';
import { microservices } from './microservices.ts';
import { type EstateFigures, estateSvg } from './plot.ts';

const REPEATS = 3;
/** The benchmark's runs are long on purpose: budgets far above the defaults (it reports real memory). */
const BUDGETS = { maxEvents: 1e12, maxMemoryBytes: 64 * 2 ** 30 };

function load(input: unknown): Topology {
  const result = validateTopology(input);
  if (!result.ok) throw new Error(result.issues.map((i) => issueLine('en', i)).join('\n'));
  return result.topology;
}

/** CPU time of this process so far, ms. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs `work` and returns its CPU and wall time, ms. */
function timed<T>(work: () => T): { value: T; cpuMs: number; wallMs: number } {
  const cpu = cpuMs();
  const wall = performance.now();
  const value = work();
  return { value, cpuMs: cpuMs() - cpu, wallMs: performance.now() - wall };
}

/** Requests that arrived over the whole run, warm-up included (as the event count is). */
function requestsOf(sim: ReturnType<typeof createSimulation>): number {
  return sim.snapshot().windows.reduce((n, w) => n + w.endToEnd.arrivals, 0);
}

interface Speed {
  reqPerSec: number;
  wallReqPerSec: number;
  requests: number;
  events: number;
  summary: Summary | null;
}

function best(speeds: Speed[]): Speed {
  return speeds.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a));
}

function engineRun(topology: Topology, durationSec: number): Speed {
  const sim = createSimulation(topology, { durationSec, budgets: BUDGETS });
  const run = timed(() => sim.runUntil(durationSec));
  const summary = sim.summary();
  const requests = requestsOf(sim);
  return {
    reqPerSec: requests / (run.cpuMs / 1000),
    wallReqPerSec: requests / (run.wallMs / 1000),
    requests,
    events: summary.events,
    summary,
  };
}

const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const mrps = (n: number) => `${(n / 1e6).toFixed(3)} M req/s`;

function mm1Part() {
  const topology = load(mm1);
  // The fixture: Poisson arrivals into one server with exponential service times.
  const lambdaPerMs = (mm1.nodes[0].params.rateRps ?? Number.NaN) / 1000;
  const muPerMs = 1 / (mm1.nodes[1].params.serviceTimeMs?.mean ?? Number.NaN);
  const durationSec = 3000;
  const bare: Speed[] = [];
  const engine: Speed[] = [];
  let bareMeanMs = 0;
  for (let i = 0; i < REPEATS; i++) {
    const run = engineRun(topology, durationSec);
    engine.push(run);
    const reference = timed(() => bareMM1(lambdaPerMs, muPerMs, run.requests));
    bareMeanMs = reference.value;
    bare.push({
      reqPerSec: run.requests / (reference.cpuMs / 1000),
      wallReqPerSec: run.requests / (reference.wallMs / 1000),
      requests: run.requests,
      events: 0,
      summary: null,
    });
  }
  const b = best(bare);
  const e = best(engine);
  const engineMeanMs = e.summary?.endToEnd.latencyMs.mean ?? Number.NaN;
  const theoryMs = 1 / (muPerMs - lambdaPerMs);
  console.log(
    `\nM/M/1, ρ = ${fmt(lambdaPerMs / muPerMs)}: ${fmt(e.requests, 0)} customers, best of ${REPEATS} (CPU time)`,
  );
  console.log(
    `  bare typed-array loop   ${mrps(b.reqPerSec)}   (wall ${mrps(b.wallReqPerSec)})   mean ${fmt(bareMeanMs, 3)} ms`,
  );
  console.log(
    `  engine, all metrics     ${mrps(e.reqPerSec)}   (wall ${mrps(e.wallReqPerSec)})   mean ${fmt(engineMeanMs, 3)} ms   ` +
      `${fmt(e.events / e.requests, 1)} events/request`,
  );
  console.log(
    `  ratio engine / bare     ${(e.reqPerSec / b.reqPerSec).toFixed(3)}   (theory: mean ${fmt(theoryMs, 3)} ms)`,
  );
  return { bareReqPerSec: b.reqPerSec, engineReqPerSec: e.reqPerSec, ratio: e.reqPerSec / b.reqPerSec };
}

function microPart() {
  const durationSec = 600;
  const topology = load(microservices(durationSec));
  const runs: Speed[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(engineRun(topology, durationSec));
  const m = best(runs);
  console.log(`\n20-node microservices, ${durationSec} simulated s, best of ${REPEATS} (CPU time)`);
  console.log(
    `  ${mrps(m.reqPerSec)}   (wall ${mrps(m.wallReqPerSec)})   ${fmt(m.events / m.requests, 1)} events/request   ` +
      `${fmt(m.requests, 0)} requests`,
  );
  return { reqPerSec: m.reqPerSec, eventsPerRequest: m.events / m.requests };
}

/** The generated topologies measured in child processes, by the flag that asks for one. */
const SHAPES = { estate, gateway } as const;
type Shape = keyof typeof SHAPES;

/** One generated topology, measured in this (child) process; prints its figures as JSON. */
function measureShape(shape: Shape, services: number, durationSec: number): EstateFigures {
  const document = JSON.parse(JSON.stringify(SHAPES[shape](services, durationSec)));
  const loaded = timed(() => createSimulation(load(document), { durationSec, budgets: BUDGETS }));
  const sim = loaded.value;
  const run = timed(() => sim.runUntil(durationSec));
  const summary = sim.summary();
  // The run's peak, read before the windows are turned back into rows to count the requests (all
  // of them at once, as no reader of a 10,000-service estate would).
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  return {
    services,
    nodes: document.nodes.length,
    edges: document.edges.length,
    loadSec: loaded.wallMs / 1000,
    loadCpuSec: loaded.cpuMs / 1000,
    runSec: run.wallMs / 1000,
    runCpuSec: run.cpuMs / 1000,
    events: summary.events,
    requests: requestsOf(sim),
    peakRssMiB,
  };
}

function shapePart(shape: Shape, sizes: number[], durationSec: number): EstateFigures[] {
  if (sizes.length === 0) return [];
  const title = shape === 'estate' ? 'Service estates' : 'A gateway routing to every service';
  console.log(`\n${title}, ${durationSec} simulated s at 5,000 rps, one child process each`);
  console.log(
    '  services   nodes   edges   load s (cpu)     run s (cpu)        events  events/req  peak RSS',
  );
  const figures: EstateFigures[] = [];
  for (const services of sizes) {
    const out = execFileSync(
      process.execPath,
      [process.argv[1], `--${shape}`, String(services), '--seconds', String(durationSec)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    const f = JSON.parse(out) as EstateFigures;
    figures.push(f);
    console.log(
      `  ${fmt(f.services, 0).padStart(8)} ${fmt(f.nodes, 0).padStart(7)} ${fmt(f.edges, 0).padStart(7)}   ` +
        `${f.loadSec.toFixed(2).padStart(5)} (${f.loadCpuSec.toFixed(2)})   ${f.runSec.toFixed(1).padStart(6)} (${f.runCpuSec.toFixed(1)})   ` +
        `${fmt(f.events, 0).padStart(11)}  ${(f.events / f.requests).toFixed(1).padStart(10)}  ${f.peakRssMiB.toFixed(0)} MiB`,
    );
  }
  return figures;
}

const { values } = parseArgs({
  options: {
    estate: { type: 'string' },
    gateway: { type: 'string' },
    sizes: { type: 'string', default: '1000,5000,10000' },
    gateways: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '30' },
    json: { type: 'string' },
    svg: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const sizesOf = (list: string) => (list === 'none' ? [] : list.split(',').map(Number));
if (values.estate !== undefined) {
  process.stdout.write(JSON.stringify(measureShape('estate', Number(values.estate), seconds)));
} else if (values.gateway !== undefined) {
  process.stdout.write(JSON.stringify(measureShape('gateway', Number(values.gateway), seconds)));
} else {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}, one thread`);
  const mm1Figures = mm1Part();
  const micro = microPart();
  const estates = shapePart('estate', sizesOf(values.sizes), seconds);
  const gateways = shapePart('gateway', sizesOf(values.gateways), seconds);
  console.log(`\npeak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  if (values.json)
    writeFileSync(
      values.json,
      `${JSON.stringify({ node: process.version, mm1: mm1Figures, micro, estates, gateways }, null, 2)}\n`,
    );
  if (values.svg && estates.length > 0) writeFileSync(values.svg, estateSvg(estates, seconds));
}
