import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

/** The source files whose code ends up in the bundle of `entry`, as the app's bundler would join them. */
async function bundledFiles(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [root + entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    loader: { '.css': 'empty' },
    // papaparse's Node stream support, which the browser build leaves out too.
    external: ['stream'],
    outdir: 'out',
    logLevel: 'silent',
  });
  const outputs = Object.values((result.metafile as Metafile).outputs);
  return outputs.flatMap((o) =>
    Object.entries(o.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([file]) => file),
  );
}

/**
 * Engine code: what simulates (the event loop, the node kinds, a run's histograms). Not the plain math
 * the editor's analysis panels share with it (`stats/studentT.ts` for their intervals).
 */
const isEngine = (file: string) =>
  /^sim-core\/(engine|kernel)\/|^sim-core\/stats\/(LogHistogram|batchMeans)\.ts$|^sim-core\/worker(Api)?\.ts$/.test(
    file,
  );

describe('where the simulation runs', () => {
  it('the main thread reaches no engine code: every event is simulated in the worker', async () => {
    const [main, worker] = await Promise.all([
      bundledFiles('renderer/src/main.tsx'),
      bundledFiles('sim-core/worker.ts'),
    ]);
    // The check can tell: the worker's bundle holds the engine.
    expect(worker.filter(isEngine)).toEqual(
      expect.arrayContaining(['sim-core/engine/createSimulation.ts', 'sim-core/workerApi.ts']),
    );
    expect(main.length).toBeGreaterThan(50);
    expect(main.filter(isEngine)).toEqual([]);
  }, 60_000);
});
