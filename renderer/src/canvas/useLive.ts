import { entryOf } from '../../../sim-core/results/entryOf.ts';
import type { MetricRow } from '../../../sim-core/results/types.ts';
import { shownWindow } from '../store/runSlice.ts';
import { useStore } from '../store/store.ts';

/** Node `id`'s metrics in the shown window: the replayed one after a run, else the latest closed one. */
export function useLiveNode(id: string): MetricRow | undefined {
  return useStore((s) => entryOf(shownWindow(s)?.nodes, id));
}

export function useLiveEdge(id: string): MetricRow | undefined {
  return useStore((s) => entryOf(shownWindow(s)?.edges, id));
}
