import type { Distribution } from '../../../sim-core/format/distribution.ts';
import type { Doc } from '../model/document.ts';

/** The index of the latency entry between regions `a` and `b` (either way round), or -1. */
export function regionLatencyIndex(doc: Doc, a: string, b: string): number {
  return (doc.regionLatencyMs ?? []).findIndex(
    (l) => (l.from === a && l.to === b) || (l.from === b && l.to === a),
  );
}

/**
 * Sets the round-trip latency between regions `a` and `b` (an entry applies both ways, so an existing
 * entry in either direction is replaced); `undefined` removes the entry.
 */
export function setRegionLatency(doc: Doc, a: string, b: string, latency: Distribution | undefined): Doc {
  const list = doc.regionLatencyMs ?? [];
  const index = regionLatencyIndex(doc, a, b);
  if (latency === undefined) {
    return index < 0 ? doc : { ...doc, regionLatencyMs: list.filter((_, i) => i !== index) };
  }
  if (index < 0) return { ...doc, regionLatencyMs: [...list, { from: a, to: b, latencyMs: latency }] };
  const copy = [...list];
  copy[index] = { ...copy[index], latencyMs: latency };
  return { ...doc, regionLatencyMs: copy };
}

/** Why `to` cannot be the new id of a region, or `null` when it can. */
export function regionIdProblem(doc: Doc, from: string, to: string): 'empty' | 'spaces' | 'taken' | null {
  if (to === '') return 'empty';
  if (/\s/.test(to)) return 'spaces';
  if (to !== from && (doc.regions ?? []).some((r) => r.id === to)) return 'taken';
  return null;
}

/**
 * Renames region `from` to `to` everywhere it is named: the region, its nodes, the region latencies
 * and the scenario events (`killRegion`, `partition`); a label equal to the old id becomes the new id.
 * The caller checks `regionIdProblem` first.
 */
export function renameRegion(doc: Doc, from: string, to: string): Doc {
  if (from === to) return doc;
  const swap = (id: string) => (id === from ? to : id);
  return {
    ...doc,
    // A label that only repeated the id (the palette's default) follows it.
    regions: (doc.regions ?? []).map((r) =>
      r.id === from ? { ...r, id: to, ...(r.label === from ? { label: to } : {}) } : r,
    ),
    nodes: doc.nodes.map((n) => (n.region === from ? { ...n, region: to } : n)),
    regionLatencyMs: (doc.regionLatencyMs ?? []).map((l) =>
      l.from === from || l.to === from ? { ...l, from: swap(l.from), to: swap(l.to) } : l,
    ),
    scenario: {
      ...doc.scenario,
      events: (doc.scenario.events ?? []).map((e) => {
        if (e.type === 'killRegion' && e.region === from) return { ...e, region: to };
        if (e.type === 'partition' && (e.regionA === from || e.regionB === from)) {
          return { ...e, regionA: swap(e.regionA), regionB: swap(e.regionB) };
        }
        return e;
      }),
    },
  };
}
