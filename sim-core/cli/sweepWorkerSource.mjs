// Development only: the sweep pool's worker thread from the TypeScript sources (tests, `tsx`), loaded
// through tsx. The shipped CLI runs the bundled dist/cli/sweepWorker.mjs instead.
import { tsImport } from 'tsx/esm/api';

await tsImport('./sweepWorker.ts', import.meta.url);
