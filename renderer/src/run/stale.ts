import { useMemo } from 'react';
import type { Doc } from '../model/document.ts';
import { useStore } from '../store/store.ts';

// Documents are immutable: each one's simulated part is worked out once, however many views ask.
const parts = new WeakMap<Doc, string>();

/**
 * What of a document the simulation reads: everything but where things are drawn. Moving a node or a
 * region box leaves the results current; any other edit makes them out of date.
 */
export function simulatedPart(doc: Doc): string {
  let part = parts.get(doc);
  if (part === undefined) {
    part = JSON.stringify({
      ...doc,
      nodes: doc.nodes.map(({ position: _, ...node }) => node),
      regions: doc.regions?.map(({ position: _p, size: _s, ...region }) => region),
    });
    parts.set(doc, part);
  }
  return part;
}

/**
 * Whether what was computed from `source` (a run, an analysis answer) is out of date for `doc`: it
 * simulates differently. False without a source; an undo back to the same content makes it current again.
 */
export function changedSince(source: Doc | null, doc: Doc): boolean {
  return source !== null && source !== doc && simulatedPart(source) !== simulatedPart(doc);
}

/** Whether results are on screen that were computed from another document than the one shown. */
export function useStale(): boolean {
  const doc = useStore((s) => s.doc);
  const runDoc = useStore((s) => s.runDoc);
  const hasResults = useStore((s) => s.summary !== null);
  return useMemo(() => hasResults && changedSince(runDoc, doc), [hasResults, runDoc, doc]);
}

/** Whether an analysis answer computed from `source` is out of date for the document shown. */
export function useChangedSince(source: Doc | null): boolean {
  const doc = useStore((s) => s.doc);
  return useMemo(() => changedSince(source, doc), [source, doc]);
}

/** The length of a results window, in seconds: what "the last window" of a live figure means. */
export function useWindowSec(): number {
  return useStore((s) => s.summary?.windowSec ?? s.doc.scenario?.windowSec ?? 1);
}
