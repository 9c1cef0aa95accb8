import * as Comlink from 'comlink';
import type { ScenarioEventInput, ValidationResult } from '../../../sim-core/api.ts';
import type { ScenarioEvent } from '../../../sim-core/format/schema.ts';
import type { Snapshot } from '../../../sim-core/results/types.ts';
import type { SimWorkerApi } from '../../../sim-core/workerApi.ts';

/**
 * The simulation worker behind a small supervisor: a call pending when the worker dies would never
 * settle (comlink #601), so every call races the worker's `error` event; on an error the worker is
 * replaced and the call rejects with a message the UI can show.
 */
export class SimClient {
  private worker!: Worker;
  private api!: Comlink.Remote<SimWorkerApi>;
  private failure!: Promise<never>;

  constructor(private readonly spawn: () => Worker = defaultSpawn) {
    this.restart();
  }

  private restart(): void {
    this.worker?.terminate();
    this.worker = this.spawn();
    this.api = Comlink.wrap<SimWorkerApi>(this.worker);
    this.failure = new Promise<never>((_, reject) => {
      this.worker.addEventListener('error', (event) => {
        event.preventDefault();
        reject(new Error(`the simulation stopped unexpectedly: ${event.message || 'worker error'}`));
        this.restart();
      });
    });
    this.failure.catch(() => {});
  }

  /** Calls the worker; rejects if it dies meanwhile. */
  private call<R>(use: (api: Comlink.Remote<SimWorkerApi>) => unknown): Promise<R> {
    return Promise.race([use(this.api) as Promise<R>, this.failure]);
  }

  load(doc: unknown): Promise<ValidationResult> {
    return this.call((api) => api.load(doc));
  }

  runFor(simSec: number): Promise<number> {
    return this.call((api) => api.runFor(simSec));
  }

  applyEvent(event: ScenarioEventInput): Promise<{ ok: true } | { ok: false; message: string }> {
    return this.call((api) => api.applyEvent(event as ScenarioEvent));
  }

  snapshot(sinceWindow: number): Promise<Snapshot | null> {
    return this.call((api) => api.snapshot(sinceWindow));
  }

  dispose(): void {
    this.worker.terminate();
  }
}

function defaultSpawn(): Worker {
  return new Worker(new URL('../../../sim-core/worker.ts', import.meta.url), { type: 'module' });
}
