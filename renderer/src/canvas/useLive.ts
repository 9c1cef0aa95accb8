import type { MetricRow } from '../../../sim-core/results/types.ts';
import { useStore } from '../store/store.ts';

/** The latest closed window's metrics of node `id` (or the pinned replay cursor's, later). */
export function useLiveNode(id: string): MetricRow | undefined {
  return useStore((s) => s.windows[s.windows.length - 1]?.nodes[id]);
}

export function useLiveEdge(id: string): MetricRow | undefined {
  return useStore((s) => s.windows[s.windows.length - 1]?.edges[id]);
}
