/**
 * The simulation in a web worker, through comlink: a few lines around the same plain functions that
 * Node tests call directly. The UI creates the worker with
 * `new Worker(new URL('sim-core/worker.ts', import.meta.url), { type: 'module' })` and wraps it with
 * `Comlink.wrap<SimWorkerApi>(worker)`.
 */
import { expose } from 'comlink';
import { createSimWorkerApi } from './workerApi.ts';

expose(createSimWorkerApi());
