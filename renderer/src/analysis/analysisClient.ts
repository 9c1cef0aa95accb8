import * as Comlink from 'comlink';
import type { AnalysisWorkerApi, Answer, Problem } from '../../../sim-core/analysis/analysisWorkerApi.ts';

/** A job on its own analysis worker: its answer, and a way to stop it at once. */
export interface AnalysisJob<T> {
  /** Settles once: the worker's answer, `worker.cancelled` after `cancel`, `worker.crashed` on a crash. */
  answer: Promise<Answer<T>>;
  /** Terminates the worker (a run in progress stops mid-way) and settles the answer as cancelled. */
  cancel: () => void;
}

/**
 * Starts `use` on a fresh analysis worker, which lives as long as the job. A capacity search or a sweep
 * is a long run of simulations: stopping it by terminating its worker needs no cooperation from the
 * engine, and a pending comlink call never outlives its worker (comlink #601) because the job settles
 * its own answer on cancel and on crash.
 */
export function startAnalysis<T>(
  use: (api: Comlink.Remote<AnalysisWorkerApi>) => Promise<Answer<T>>,
  spawn: () => Worker = defaultSpawn,
): AnalysisJob<T> {
  const worker = spawn();
  let settle: (answer: Answer<T>) => void = () => {};
  const answer = new Promise<Answer<T>>((resolve) => {
    settle = resolve;
  });
  let open = true;
  const finish = (value: Answer<T>) => {
    if (!open) return;
    open = false;
    worker.terminate();
    settle(value);
  };
  const gone = (problem: Problem) => finish({ ok: false, problem });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    gone({ code: 'worker.crashed', params: { detail: event.message || '' } });
  });
  worker.addEventListener('messageerror', () =>
    gone({ code: 'worker.crashed', params: { detail: 'messageerror' } }),
  );
  use(Comlink.wrap<AnalysisWorkerApi>(worker)).then(finish, (error: unknown) =>
    gone({
      code: 'worker.crashed',
      params: { detail: error instanceof Error ? error.message : String(error) },
    }),
  );
  return { answer, cancel: () => gone({ code: 'worker.cancelled', params: {} }) };
}

function defaultSpawn(): Worker {
  return new Worker(new URL('../../../sim-core/analysis/analysisWorker.ts', import.meta.url), {
    type: 'module',
  });
}
