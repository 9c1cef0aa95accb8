/**
 * The editor's analysis worker, through comlink: the capacity search, sweeps and the analytic estimate
 * (`analysisWorkerApi.ts`), apart from the simulation worker so a long search never holds up a run.
 * The UI reaches it through `renderer/src/analysis/analysisClient.ts`, which cancels by terminating it.
 */
import { expose } from 'comlink';
import { createAnalysisWorkerApi } from './analysisWorkerApi.ts';

expose(createAnalysisWorkerApi(() => performance.now()));
