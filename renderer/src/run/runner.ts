import type { ScenarioEventInput, SimulationOptions } from '../../../sim-core/api.ts';
import type { AdvanceRequest, Failure, Problem, Progress } from '../../../sim-core/workerApi.ts';
import type { Store } from '../store/store.ts';
import { SimClient, WorkerGone } from './simClient.ts';

type StoreApi = { getState: () => Store };

/** Wall time between updates at a chosen speed (×1, ×10, ×100): 10 per second. */
const TICK_MS = 100;
/** Wall time one worker call may simulate at max speed: about ten updates a second. */
const SLICE_MS = 100;
/** At max speed the run's summary (costly on big topologies) is asked for about once a second. */
const SUMMARY_EVERY_MS = 1000;

type Answer = { ok: true; progress: Progress } | Failure;

/**
 * Drives a run: loads the document into the worker, advances it in slices and streams the new windows
 * into the store. The main thread only awaits; the simulation runs in the worker, behind a supervisor
 * that ends a stuck worker (`SimClient`).
 *
 * At a chosen speed a slice is due every tick. At max speed two slices are asked for ahead, so the
 * worker has the next one waiting while the UI draws the last; each slice keeps to a wall budget in the
 * worker, so Pause takes effect within two slices and Reset at once (it terminates a busy worker).
 *
 * `run`, `pause`, `step`, `reset` and `inject` are the run commands: the run bar, the menus and the
 * shortcuts all call them.
 */
export class Runner {
  private client: SimClient | null = null;
  /** The store's `runEpoch` of the run the worker holds, or null when it holds none. */
  private epoch: number | null = null;
  private nowSec = 0;
  private lastSummaryAt = Number.NEGATIVE_INFINITY;
  private looping = false;
  private starting = false;
  /** Wall time spent running before the current stretch, and when the current stretch began. */
  private wallMs = 0;
  private runningSince: number | null = null;

  constructor(
    private readonly store: StoreApi,
    private readonly makeClient: () => SimClient = () => new SimClient(),
    private readonly options: () => SimulationOptions = () => ({}),
  ) {}

  private get sim(): SimClient {
    if (this.client === null) this.client = this.makeClient();
    return this.client;
  }

  /** Whether the worker holds the run the store shows (not one cleared by a reset or a new document). */
  private get current(): boolean {
    return this.epoch !== null && this.epoch === this.store.getState().runEpoch;
  }

  async run(): Promise<void> {
    const s = this.store.getState();
    if (s.status === 'running' || this.starting) return;
    if (!this.current || s.status === 'done' || s.status === 'idle') {
      if (!(await this.startRun())) return;
    }
    this.store.getState().setStatus('running');
    this.runningSince = performance.now();
    void this.loop();
  }

  pause(): void {
    if (this.store.getState().status !== 'running') return;
    this.store.getState().setStatus('paused');
    this.stopClock();
  }

  /** Advances one metrics window while paused (or from the start). */
  async step(): Promise<void> {
    const s = this.store.getState();
    if (s.status === 'running' || this.starting) return;
    if (!this.current || s.status === 'idle' || s.status === 'done') {
      if (!(await this.startRun())) return;
    }
    this.store.getState().setStatus('paused');
    const epoch = this.epoch;
    const target = this.nowSec + (this.store.getState().doc.scenario.windowSec ?? 1);
    this.runningSince = performance.now();
    try {
      while (epoch === this.epoch && this.current) {
        const answer = await this.ask({ toSec: target, wallMs: SLICE_MS, withSummary: true });
        if (answer === null || !this.take(answer) || answer.progress.done || this.nowSec >= target) return;
      }
    } finally {
      this.stopClock();
    }
  }

  /** Stops the run and clears its results. Always works: a busy worker is terminated. */
  reset(): void {
    this.stopClock();
    this.client?.cancel();
    this.epoch = null;
    this.store.getState().resetRun();
  }

  /** Applies a chaos event to the running simulation now. */
  async inject(event: ScenarioEventInput): Promise<void> {
    if (!this.current) {
      // Nothing is running to break: say so instead of doing nothing.
      this.store.getState().notify('info', { key: 'chaos.notRunning' });
      return;
    }
    const epoch = this.epoch;
    const result = await this.guard(() => this.sim.applyEvent(event));
    if (result === undefined || epoch !== this.epoch) return;
    if (!result.ok) {
      this.store.getState().notify('error', { message: result.problem });
      return;
    }
    // While running, the next slice shows the event; otherwise take it in now.
    if (this.store.getState().status !== 'running') {
      const answer = await this.ask({ toSec: this.nowSec, wallMs: SLICE_MS, withSummary: true });
      if (answer !== null) this.take(answer);
    }
  }

  dispose(): void {
    this.stopClock();
    this.client?.dispose();
  }

  /** Loads the current document into a worker free for it; tells the user why when it will not run. */
  private async startRun(): Promise<boolean> {
    this.starting = true;
    try {
      // Whatever the worker is still doing belongs to an earlier run.
      this.client?.cancel();
      this.epoch = null;
      const doc = this.store.getState().doc;
      const result = await this.guard(() => this.sim.load(doc, this.options()));
      if (result === undefined) return false;
      const s = this.store.getState();
      if (!result.ok) {
        if ('issues' in result) s.notify('error', { issues: result.issues, of: doc });
        else this.refuse(result.problem);
        return false;
      }
      // The run answers whatever the last notice was about.
      if (s.notice !== null) s.dismissNotice();
      s.resetRun(doc);
      this.epoch = this.store.getState().runEpoch;
      this.nowSec = 0;
      this.wallMs = 0;
      this.lastSummaryAt = Number.NEGATIVE_INFINITY;
      return true;
    } finally {
      this.starting = false;
    }
  }

  /**
   * The run loop: slices one after another while the run is running, for as long as it is this run.
   * At max speed two slices are asked for ahead, so the worker has the next one waiting even while the
   * main thread is busy drawing the last; the worker keeps count of the windows it has sent, so a
   * request need not wait for the answer before it. When the run stops, the slices asked for are still
   * taken in (the worker ran them).
   */
  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    const epoch = this.epoch;
    const going = () => epoch === this.epoch && this.current && this.store.getState().status === 'running';
    const asked: Promise<Answer | null>[] = [];
    try {
      while (true) {
        const ahead = this.store.getState().speed === 0 ? 2 : 1;
        while (going() && asked.length < ahead) asked.push(this.ask(this.sliceRequest()));
        const next = asked.shift();
        if (next === undefined) break;
        const started = performance.now();
        const answer = await next;
        if (answer === null || epoch !== this.epoch || !this.take(answer) || answer.progress.done) return;
        if (ahead === 1 && going()) await sleep(Math.max(0, TICK_MS - (performance.now() - started)));
      }
      // Paused: bring the summary up to date with the windows.
      if (epoch === this.epoch && this.current && this.store.getState().status === 'paused') {
        const answer = await this.ask({ toSec: this.nowSec, wallMs: SLICE_MS, withSummary: true });
        if (answer !== null) this.take(answer);
      }
    } finally {
      this.looping = false;
      // Resumed while this loop was winding down: carry on.
      if (going()) void this.loop();
    }
  }

  /** The next slice at the current speed. */
  private sliceRequest(): AdvanceRequest {
    const speed = this.store.getState().speed;
    const now = performance.now();
    const withSummary = speed !== 0 || now - this.lastSummaryAt >= SUMMARY_EVERY_MS;
    if (withSummary) this.lastSummaryAt = now;
    return speed === 0
      ? { toSec: Number.POSITIVE_INFINITY, wallMs: SLICE_MS, withSummary }
      : { toSec: this.nowSec + (speed * TICK_MS) / 1000, wallMs: TICK_MS, withSummary };
  }

  /** Asks the worker to advance; null when the worker is gone (the user has been told). */
  private async ask(request: AdvanceRequest): Promise<Answer | null> {
    return (await this.guard(() => this.sim.advance(request))) ?? null;
  }

  /** Puts an answer into the store. False when the run cannot go on (an engine stop, an earlier run). */
  private take(answer: Answer): answer is { ok: true; progress: Progress } {
    if (!this.current) return false;
    if (!answer.ok) {
      this.refuse(answer.problem);
      return false;
    }
    const p = answer.progress;
    this.nowSec = p.nowSec;
    if (p.done) this.stopClock();
    const wallMs = this.wallMs + (this.runningSince === null ? 0 : performance.now() - this.runningSince);
    this.store.getState().receive({
      nowSec: p.nowSec,
      endSec: p.endSec,
      windows: p.windows,
      summary: p.summary,
      done: p.done,
      work: { events: p.events, loopMs: p.loopMs, wallMs },
    });
    return true;
  }

  /** The run will not start or go on: say why, mark the nodes involved, keep the results so far. */
  private refuse(problem: Problem): void {
    this.stopClock();
    this.epoch = null;
    const s = this.store.getState();
    s.setStatus('idle');
    s.setRunProblem(problem);
    s.notify('error', { message: problem });
  }

  private stopClock(): void {
    if (this.runningSince !== null) this.wallMs += performance.now() - this.runningSince;
    this.runningSince = null;
  }

  /** Runs a worker call; if the worker is gone, tells the user why (unless they reset it) and stops. */
  private async guard<R>(work: () => Promise<R>): Promise<R | undefined> {
    try {
      return await work();
    } catch (error) {
      // Cancelled by a reset or a new run, which has taken care of the state.
      if (error instanceof WorkerGone && error.problem.code === 'worker.cancelled') return undefined;
      this.stopClock();
      this.epoch = null;
      const s = this.store.getState();
      s.setStatus('idle');
      s.notify('error', {
        message:
          error instanceof WorkerGone
            ? error.problem
            : { code: 'worker.failed', params: { name: errorName(error), detail: errorText(error) } },
      });
      return undefined;
    }
  }
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'Error');
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
