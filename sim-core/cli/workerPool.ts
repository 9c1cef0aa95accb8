import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunMetrics, RunTask, TaskRunner } from '../analysis/runPoint.ts';
import { type Message, SimulationError } from '../messages/Message.ts';

/**
 * A small pool of Node worker threads that run simulation tasks (`sweepWorker.ts`). Each worker takes
 * the next task when it finishes one; results land at their task's index, so what a caller gets never
 * depends on the number of workers or on which finished first. The first failing task stops the batch.
 *
 * From the bundle (dist/cli) the workers run sweepWorker.mjs beside it; from the TypeScript sources
 * (tests, development) they load sweepWorker.ts through tsx (sweepWorkerSource.mjs), a dev dependency.
 */
export interface WorkerPool {
  run: TaskRunner;
  /** Ends the workers; the pool cannot be used after. */
  close(): Promise<void>;
}

/** The default number of workers: one per core this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

type Reply = { id: number; metrics?: RunMetrics; error?: Message };

export function workerPool(size: number, onProgress?: (done: number, total: number) => void): WorkerPool {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(fromSource ? './sweepWorkerSource.mjs' : './sweepWorker.mjs', import.meta.url);
  let workers: Worker[] = [];
  /** The running batch's handlers; workers keep one listener each for their whole life. */
  let batch: { reply(worker: Worker, reply: Reply): void; fail(detail: Message): void } | null = null;
  const spawn = () => {
    const worker = new Worker(script);
    // One listener per event for the worker's life: removing a worker's last 'message' listener
    // stops its port for good (Node), so batches swap `batch` instead of listeners.
    worker.on('message', (reply: Reply) => batch?.reply(worker, reply));
    worker.on('error', (error) =>
      batch?.fail({ code: 'analysis.worker.failed', params: { reason: error.message } }),
    );
    worker.on('exit', (code) =>
      batch?.fail({ code: 'analysis.worker.failed', params: { reason: `exit ${code}` } }),
    );
    workers.push(worker);
  };
  const endAll = async () => {
    const ending = workers;
    workers = [];
    await Promise.all(ending.map((worker) => worker.terminate()));
  };

  const run: TaskRunner = (tasks: readonly RunTask[]) =>
    new Promise<RunMetrics[]>((resolve, reject) => {
      const results: RunMetrics[] = new Array(tasks.length);
      if (tasks.length === 0) {
        resolve(results);
        return;
      }
      let next = 0;
      let done = 0;
      const feed = (worker: Worker) => {
        if (next >= tasks.length) return;
        const id = next++;
        worker.postMessage({ id, task: tasks[id] });
      };
      batch = {
        reply(worker, reply) {
          if (reply.error) return this.fail(reply.error);
          results[reply.id] = reply.metrics!;
          done++;
          onProgress?.(done, tasks.length);
          if (done < tasks.length) return feed(worker);
          batch = null;
          resolve(results);
        },
        fail(detail) {
          // Workers may still be busy with tasks of this batch: end them, the next batch starts afresh.
          batch = null;
          void endAll();
          reject(new SimulationError(detail));
        },
      };
      while (workers.length < Math.min(size, tasks.length)) spawn();
      for (const worker of workers) feed(worker);
    });

  return { run, close: endAll };
}
