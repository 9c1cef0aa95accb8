import type { ScenarioEventInput } from '../../../sim-core/api.ts';
import type { Store } from '../store/store.ts';
import { SimClient } from './simClient.ts';

type StoreApi = { getState: () => Store; setState: (partial: Partial<Store>) => void };

/** Wall time between UI updates while running: 10 per second. */
const TICK_MS = 100;

/**
 * Drives a run: loads the document into the worker, advances it in slices sized by the chosen speed
 * (or, as fast as possible, by how long the last slice took), and streams windows into the store. The
 * main thread only awaits; the simulation itself runs in the worker.
 */
export class Runner {
  private client: SimClient | null = null;
  private loaded = false;
  private received = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  private fastSliceSec = 1;

  constructor(
    private readonly store: StoreApi,
    private readonly makeClient: () => SimClient = () => new SimClient(),
  ) {}

  private get sim(): SimClient {
    if (this.client === null) this.client = this.makeClient();
    return this.client;
  }

  /** Loads the current document; on invalid input tells the user what and where, and returns false. */
  private async load(): Promise<boolean> {
    const s = this.store.getState();
    const result = await this.sim.load(s.doc);
    if (!result.ok) {
      const lines = result.issues.slice(0, 6).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`);
      s.notify('error', lines.join('\n'));
      return false;
    }
    this.loaded = true;
    this.received = 0;
    s.resetRun();
    return true;
  }

  async run(): Promise<void> {
    const s = this.store.getState();
    if (s.status === 'running') return;
    if (!this.loaded || s.status === 'done' || s.status === 'idle') {
      if (!(await this.guard(() => this.load()))) return;
    }
    this.store.getState().setStatus('running');
    this.schedule();
  }

  pause(): void {
    if (this.store.getState().status === 'running') this.store.getState().setStatus('paused');
    this.stopTimer();
  }

  /** Advances one metrics window while paused (or from the start). */
  async step(): Promise<void> {
    const s = this.store.getState();
    if (s.status === 'running') return;
    if (!this.loaded || s.status === 'idle' || s.status === 'done') {
      if (!(await this.guard(() => this.load()))) return;
    }
    this.store.getState().setStatus('paused');
    await this.guard(() => this.advance(this.store.getState().doc.scenario.windowSec ?? 1));
  }

  reset(): void {
    this.stopTimer();
    this.loaded = false;
    this.store.getState().resetRun();
  }

  /** Applies a chaos event to the running simulation now. */
  async inject(event: ScenarioEventInput): Promise<void> {
    if (!this.loaded) return;
    const result = await this.guard(() => this.sim.applyEvent(event));
    if (result && !result.ok) this.store.getState().notify('error', result.message);
    else await this.guard(() => this.advance(0));
  }

  dispose(): void {
    this.stopTimer();
    this.client?.dispose();
  }

  private schedule(): void {
    this.stopTimer();
    this.timer = setTimeout(() => void this.tick(), TICK_MS);
  }

  private stopTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.store.getState().status !== 'running') return;
    // A live event's update is in flight: try again next tick. (Returning without rescheduling here
    // stopped the run for good while the button still said Pause.)
    if (this.busy) return this.schedule();
    const speed = this.store.getState().speed;
    const started = performance.now();
    const slice = speed === 0 ? this.fastSliceSec : (speed * TICK_MS) / 1000;
    await this.guard(() => this.advance(slice));
    if (speed === 0) {
      // Aim each slice at about one tick of wall time in the worker.
      const took = Math.max(1, performance.now() - started);
      this.fastSliceSec = Math.min(600, Math.max(0.05, this.fastSliceSec * Math.min(4, TICK_MS / took)));
    }
    if (this.store.getState().status === 'running') this.schedule();
  }

  private async advance(simSec: number): Promise<void> {
    this.busy = true;
    try {
      await this.sim.runFor(simSec);
      const snap = await this.sim.snapshot(this.received);
      if (snap === null) return;
      this.received += snap.windows.length;
      this.store.getState().receive(snap.nowSec, snap.endSec, snap.windows, snap.summary, snap.done);
      if (snap.done) this.stopTimer();
    } finally {
      this.busy = false;
    }
  }

  private async guard<R>(work: () => Promise<R>): Promise<R | undefined> {
    try {
      return await work();
    } catch (error) {
      this.loaded = false;
      this.stopTimer();
      const s = this.store.getState();
      s.setStatus('idle');
      s.notify('error', error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }
}
