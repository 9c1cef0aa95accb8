/**
 * `npm run bench`: simulated requests (and events) per wall-clock second through the real engine with
 * all metrics on, on an M/M/1 queue at ρ = 0.9 and on a 20-node microservice topology, plus peak memory.
 * A benchmark, not a test: it prints figures and never fails on speed.
 */
import { readFileSync } from 'node:fs';
import { createSimulation } from '../engine/createSimulation.ts';
import type { TopologyInput } from '../format/schema.ts';
import { validateTopology } from '../format/validate.ts';
import { microservices } from './microservices.ts';

function load(input: unknown) {
  const result = validateTopology(input);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.topology;
}

function run(name: string, input: TopologyInput | unknown, durationSec: number, repeats: number): void {
  const topology = load(input);
  let best = { reqPerSec: 0, eventsPerSec: 0, requests: 0, wallMs: 0 };
  for (let i = 0; i < repeats; i++) {
    const sim = createSimulation(topology, { durationSec, wallClock: () => performance.now() });
    sim.runUntil(durationSec);
    const s = sim.summary();
    const requests = Object.values(s.clients).reduce((n, c) => n + c.arrivals, 0) || s.endToEnd.arrivals;
    const all = sim.snapshot().windows.reduce((n, w) => n + w.endToEnd.arrivals, 0);
    const reqPerSec = all / (s.wallMs / 1000);
    if (reqPerSec > best.reqPerSec)
      best = {
        reqPerSec,
        eventsPerSec: s.events / (s.wallMs / 1000),
        requests: all || requests,
        wallMs: s.wallMs,
      };
  }
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `${name.padEnd(28)} ${(best.reqPerSec / 1e6).toFixed(2)} M req/s  ${(best.eventsPerSec / 1e6).toFixed(2)} M events/s  ` +
      `(${best.requests.toLocaleString('en-US')} requests in ${best.wallMs.toFixed(0)} ms, best of ${repeats})  rss ${mib(process.memoryUsage().rss)}`,
  );
}

const mm1 = JSON.parse(readFileSync(new URL('../test/fixtures/mm1.archsim.json', import.meta.url), 'utf8'));
console.log(`node ${process.version}, one core`);
run('M/M/1 ρ=0.9 (900 rps)', mm1, 3000, 3);
run('20-node microservices', microservices(600), 600, 3);
console.log(`peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
