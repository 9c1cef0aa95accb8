/**
 * The simulation in a web worker, through comlink: a few lines around the same plain functions that
 * Node tests call directly. The UI reaches it through its supervisor (`renderer/src/run/simClient.ts`),
 * which puts a deadline on every call. The worker's clock times the engine and keeps each call's wall
 * budget (see `AdvanceRequest.wallMs`).
 */
import { expose } from 'comlink';
import { createSimWorkerApi } from './workerApi.ts';

expose(createSimWorkerApi(() => performance.now()));
