import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createSimulation } from '../sim-core/engine/createSimulation.ts';
import { validateTopology } from '../sim-core/format/validate.ts';
import { APP_MAX_EVENTS } from '../sim-core/workerApi.ts';
import { documentPath, expect, test } from './app.ts';
import { watchWorkers, workers } from './workers.ts';

/**
 * A measurement, not a test of speed: the 20-node model as fast as it can go, four ways in the same
 * run (wall-clock figures mean something here only as ratios). The three browser ways take turns, a
 * few rounds each, so that a change in the machine's load falls on all of them:
 * - the app at max speed, its canvas and charts updating live: what a user gets;
 * - the app's own worker bundle in the same page, in a worker of its own driven by a bare loop that
 *   draws nothing, asking two slices ahead as the app does: the engine in Chromium with nothing to
 *   throttle it. The app against it is what live updates cost;
 * - the same in another worker, asking one slice at a time (the next only once the last has
 *   answered, as before the app asked ahead): what asking ahead buys;
 * - the Node API in this process, one engine call to the same simulated time.
 * The figures go to the test output (speed.txt, and the console); it asserts only that each way
 * simulated something.
 */
const MODEL = 'microservices.archsim.json';
/** Wall time of one turn in the browser, and how many turns each way gets. */
const TURN_MS = 8_000;
const ROUNDS = 3;
/**
 * Simulated seconds every way runs for: more than any reaches in its turns, so that none idles at the
 * end of its run and counts the idle time as work (the model's own 300 s end in the first turn).
 */
const DURATION_SEC = 3000;

interface Work {
  simSec: number;
  events: number;
  /** Wall time inside the engine, ms. */
  loopMs: number;
  wallMs: number;
  /** Simulated end-to-end throughput after warm-up, requests per simulated second (0 before). */
  throughputRps: number;
}

const model = () => JSON.parse(readFileSync(documentPath(MODEL), 'utf8')) as unknown;

/** The app's readout after a pause, once the slices in flight and the final summary are taken in. */
async function appWork(page: Page): Promise<Work> {
  const readout = page.getByLabel('Real-time factor');
  const read = async (): Promise<Work> => {
    const attr = async (name: string) => Number(await readout.getAttribute(`data-${name}`));
    return {
      simSec: await attr('sim-sec'),
      events: await attr('events'),
      loopMs: await attr('loop-ms'),
      wallMs: await attr('wall-ms'),
      throughputRps: await attr('rps'),
    };
  };
  let last = await read();
  await expect
    .poll(async () => {
      const now = await read();
      const settled = now.events === last.events && now.throughputRps > 0;
      last = now;
      return settled;
    })
    .toBe(true);
  return last;
}

/**
 * Starts, in the page, a bare worker of the app's worker bundle (`url`) with the model loaded, driven
 * over comlink's wire format by a loop that draws nothing: `e2eBare.turn(key, ahead, runMs)` runs it
 * on for `runMs`, keeping `ahead` slices asked for. Each key keeps its worker and its run across turns,
 * so its engine is as warm as the app's.
 */
async function startBare(page: Page, url: string, keys: string[]): Promise<void> {
  await page.evaluate(
    async ({ url, doc, keys, durationSec }) => {
      const bare = new Map<string, (name: string, ...args: unknown[]) => Promise<unknown>>();
      for (const key of keys) {
        const worker = new Worker(url, { type: 'module' });
        const waiting = new Map<string, (value: unknown) => void>();
        worker.addEventListener('message', (e: MessageEvent<{ id: string; value: unknown }>) => {
          waiting.get(e.data.id)?.(e.data.value);
          waiting.delete(e.data.id);
        });
        let next = 0;
        const call = (name: string, ...args: unknown[]) =>
          new Promise<unknown>((resolve) => {
            const id = `${key}-${next++}`;
            waiting.set(id, resolve);
            const argumentList = args.map((value) => ({ type: 'RAW', value }));
            worker.postMessage({ id, type: 'APPLY', path: [name], argumentList });
          });
        const loaded = (await call('load', doc, { durationSec })) as { ok: boolean };
        if (!loaded.ok) throw new Error(`the model did not load: ${JSON.stringify(loaded)}`);
        bare.set(key, call);
      }
      type Answer = {
        ok: boolean;
        progress: { nowSec: number; events: number; loopMs: number; summary: unknown };
      };
      Object.assign(window, {
        e2eBare: {
          async turn(key: string, ahead: number, runMs: number) {
            const call = bare.get(key)!;
            const slice = () =>
              call('advance', {
                toSec: Number.POSITIVE_INFINITY,
                wallMs: 100,
                withSummary: false,
              }) as Promise<Answer>;
            const started = performance.now();
            const asked = Array.from({ length: ahead }, slice);
            let last: Answer | undefined;
            while (asked.length > 0) {
              last = await asked.shift();
              if (!last?.ok) throw new Error('a slice failed');
              if (performance.now() - started < runMs) asked.push(slice());
            }
            const { nowSec, events, loopMs } = last!.progress;
            return { nowSec, events, loopMs, wallMs: performance.now() - started };
          },
        },
      });
    },
    { url, doc: model(), keys, durationSec: DURATION_SEC },
  );
}

type Turn = { nowSec: number; events: number; loopMs: number; wallMs: number };

/** One turn of the bare worker `key` (see `startBare`). */
function bareTurn(page: Page, key: string, ahead: number): Promise<Turn> {
  return page.evaluate(
    ({ key, ahead, runMs }) =>
      (
        window as unknown as { e2eBare: { turn(k: string, a: number, ms: number): Promise<Turn> } }
      ).e2eBare.turn(key, ahead, runMs),
    { key, ahead, runMs: TURN_MS },
  );
}

/** A bare worker's turns as one stretch of work: its run's totals over the turns' wall time. */
function bareWork(turns: Turn[]): Work {
  const last = turns[turns.length - 1];
  return {
    simSec: last.nowSec,
    events: last.events,
    loopMs: last.loopMs,
    wallMs: turns.reduce((n, t) => n + t.wallMs, 0),
    throughputRps: 0,
  };
}

/** The same model through the Node API: one engine call to `simSec`, timed. */
function nodeWork(simSec: number): Work {
  const parsed = validateTopology(model());
  if (!parsed.ok) throw new Error(`${MODEL} does not validate`);
  // The app's event budget, so the Node API runs what the worker runs.
  const sim = createSimulation(parsed.topology, {
    durationSec: DURATION_SEC,
    wallClock: () => performance.now(),
    budgets: { maxEvents: APP_MAX_EVENTS },
  });
  const started = performance.now();
  const events = sim.runUntil(simSec);
  const wallMs = performance.now() - started;
  const summary = sim.summary();
  return { simSec, events, loopMs: summary.wallMs, wallMs, throughputRps: summary.endToEnd.throughputRps };
}

/**
 * One row per way. Simulated requests per wall second are simulated seconds per wall second times the
 * model's throughput, which is the same for every way (same model, same seed): the app's, which runs
 * past the warm-up.
 */
function table(ways: [string, Work][]): string {
  const modelRps = ways[0][1].throughputRps;
  const perWallSec = (w: Work, n: number) => n / (w.wallMs / 1000);
  const rows = ways.map(([name, w]) => [
    name,
    w.simSec.toFixed(1),
    perWallSec(w, w.simSec).toFixed(2),
    perWallSec(w, w.simSec * modelRps).toFixed(0),
    perWallSec(w, w.events).toFixed(0),
    (w.events / (w.loopMs / 1000)).toFixed(0),
    `${((100 * w.loopMs) / w.wallMs).toFixed(0)}%`,
  ]);
  const head = ['', 'sim s', 'sim s / s', 'requests/s', 'events/s', 'events/engine s', 'worker busy'];
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(16))).join('');
  const app = ways[0][1];
  const ratios = ways
    .slice(1)
    .map(
      ([name, w]) =>
        `app / ${name}: ${(perWallSec(app, app.events) / perWallSec(w, w.events)).toFixed(2)} (events per wall second)`,
    );
  return [
    `model throughput ${modelRps.toFixed(0)} simulated requests/s (the app's summary, after warm-up)`,
    line(head),
    ...rows.map(line),
    ...ratios,
  ].join('\n');
}

test.beforeEach(async ({ page }) => watchWorkers(page));

test('worker speed on the 20-node model at max speed: the app, a bare worker and the Node API', async ({
  app,
  page,
}) => {
  test.setTimeout(400_000);
  await app.openFile(documentPath(MODEL));
  await expect(app.node('gateway')).toBeVisible();
  // 300 simulated seconds end within the rounds on a quiet machine (about 30 s/s at max speed), and a
  // finished run has no Pause: every way runs 3,000 (about 3 × 10⁸ events, inside the app's budget).
  const duration = page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Duration', { exact: true });
  await duration.fill(String(DURATION_SEC));
  await duration.press('Enter');
  await expect(page.getByLabel('Simulated time')).toHaveText(new RegExp(`/ ${DURATION_SEC} s$`));
  const [bareTwo, bareOne]: Turn[][] = [[], []];
  let inApp: Work | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    // The app's readout counts over all its running stretches.
    await app.run('max');
    if (round === 0) await app.expectLiveP99();
    await page.waitForTimeout(TURN_MS);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    inApp = await appWork(page);
    if (round === 0) {
      // The simulation's worker, not the live estimate's (which starts first, on load).
      const url = (await workers(page, 'urls')).find((u) => !u.includes('analysisWorker'));
      if (url === undefined) throw new Error('the simulation worker was not started');
      await startBare(page, url, ['two', 'one']);
    }
    bareTwo.push(await bareTurn(page, 'two', 2));
    bareOne.push(await bareTurn(page, 'one', 1));
  }
  const inNode = nodeWork(bareWork(bareTwo).simSec);
  const ways: [string, Work][] = [
    ['app, live updates (2 ahead)', inApp!],
    ['bare worker, 2 slices ahead', bareWork(bareTwo)],
    ['bare worker, 1 slice at a time', bareWork(bareOne)],
    ['Node API, one call', inNode],
  ];
  for (const [, w] of ways) {
    expect(w.events).toBeGreaterThan(0);
    expect(w.simSec).toBeLessThan(DURATION_SEC);
  }
  const text = table(ways);
  console.log(text);
  await test.info().attach('speed.txt', { body: text, contentType: 'text/plain' });
});
