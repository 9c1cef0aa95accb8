import { useEffect } from 'react';
import type { Doc } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { JobSlot } from './JobSlot.ts';

/** Wait this long after an edit before estimating, ms: typing a number is one estimate, not five. */
const SETTLE_MS = 250;

/**
 * Keeps the store's analytic estimate (flow-balance utilization, `archsim estimate`) current while the
 * user edits, before any run. Each estimate runs on an analysis worker of its own, ended once it has
 * answered, so a big estate never stalls typing and no worker is left behind; an edit made meanwhile
 * cancels it, so only the latest document is estimated. Renders nothing.
 */
export function LiveEstimate() {
  useEffect(() => {
    const estimating = new JobSlot();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const estimate = (doc: Doc) => {
      estimating.start(
        async (api) => api.estimate(doc),
        (answer) => {
          if (answer.ok) useStore.getState().setEstimate(answer.value);
          else if (answer.problem.code !== 'worker.cancelled') useStore.getState().setEstimate(null);
        },
      );
    };
    const schedule = (doc: Doc) => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        estimate(doc);
      }, SETTLE_MS);
    };
    schedule(useStore.getState().doc);
    const unsubscribe = useStore.subscribe((s, before) => {
      if (s.doc !== before.doc) schedule(s.doc);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      estimating.cancel();
    };
  }, []);
  return null;
}
