/**
 * A worker thread of the sweep pool (`workerPool.ts`): runs the tasks it is sent, one at a time, and
 * answers each with its metrics or its error. Bundled to dist/cli/sweepWorker.mjs with the CLI.
 */
import { parentPort } from 'node:worker_threads';
import { type RunTask, runTask } from '../analysis/runPoint.ts';
import { SimulationError } from '../messages/Message.ts';

const port = parentPort;
if (!port) throw new Error('sweepWorker.ts runs as a worker thread');
port.on('message', ({ id, task }: { id: number; task: RunTask }) => {
  try {
    port.postMessage({ id, metrics: runTask(task, () => performance.now()) });
  } catch (error) {
    // Only plain data crosses the thread boundary: send the message as data.
    const detail =
      error instanceof SimulationError
        ? error.detail
        : {
            code: 'analysis.worker.failed',
            params: { reason: error instanceof Error ? error.message : String(error) },
          };
    port.postMessage({ id, error: detail });
  }
});
