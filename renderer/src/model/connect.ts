import type { Doc } from './document.ts';

/**
 * Whether an edge from `source` to `target` makes sense, and why not: clients only send; nothing calls
 * itself; synchronous calls must not form a cycle (a queue breaks one, since its consumers run apart
 * from the producer). Returns null when the edge is fine, else the reason to show the user.
 */
export function connectionProblem(doc: Doc, source: string, target: string): string | null {
  const kindOf = (id: string) => doc.nodes.find((n) => n.id === id)?.kind;
  if (source === target) return 'edgeSelf';
  if (kindOf(target) === 'client') return 'edgeIntoClient';
  if ((doc.edges ?? []).some((e) => e.source === source && e.target === target)) return 'edgeDuplicate';
  if (kindOf(target) === 'queue' || kindOf(source) === 'queue') return null;
  // A path target → … → source along synchronous edges would close a cycle.
  const out = new Map<string, string[]>();
  for (const e of doc.edges ?? []) {
    if (kindOf(e.source) === 'queue') continue;
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  }
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === source) return 'edgeCycle';
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of out.get(id) ?? []) stack.push(next);
  }
  return null;
}
