import type { Runner } from '../run/runner.ts';
import type { Store } from '../store/store.ts';
import type { Preset } from './catalog.ts';

type StoreApi = {
  getState: () => Store;
  subscribe: (listener: (state: Store, previous: Store) => void) => () => void;
};

export type ComparePhase = 'before' | 'after';

/**
 * Runs `runner` on the loaded document as fast as possible to its end. Resolves true when the run is
 * done, false when it stops short: the document does not validate, the worker fails, or the user
 * resets it or loads another document.
 */
export function runToEnd(store: StoreApi, runner: Runner): Promise<boolean> {
  return new Promise((resolve) => {
    let started = false;
    const stop = store.subscribe((s) => {
      if (s.status === 'running') started = true;
      if (s.status === 'done' || (started && s.status === 'idle')) {
        stop();
        resolve(s.status === 'done');
      }
    });
    void runner.run().then(() => {
      if (!started && store.getState().status === 'idle') {
        stop();
        resolve(false);
      }
    });
  });
}

/**
 * The before/after comparison of a preset pair: loads the 'before' preset and runs it to the end at
 * full speed, pins it as `pinLabel`, then loads the 'after' preset and runs it, so the charts overlay
 * the two and the delta table compares them. The 'after' document stays loaded. The speed chosen
 * before is restored. Resolves whether both runs finished.
 */
export async function compareBeforeAfter(
  store: StoreApi,
  runner: Runner,
  pair: { before: Preset; after: Preset },
  pinLabel: string,
  onPhase: (phase: ComparePhase) => void,
): Promise<boolean> {
  const speed = store.getState().speed;
  store.getState().setSpeed(0);
  try {
    onPhase('before');
    store.getState().load(structuredClone(pair.before.doc), null);
    if (!(await runToEnd(store, runner))) return false;
    store.getState().pin(pinLabel);
    onPhase('after');
    store.getState().load(structuredClone(pair.after.doc), null);
    return await runToEnd(store, runner);
  } finally {
    store.getState().setSpeed(speed);
  }
}
