import { describe, expect, it } from 'vitest';
import { addEdge, addNodeOfKind } from '../canvas/edits.ts';
import { connectionProblem } from './connect.ts';
import { emptyDoc } from './document.ts';

describe('connectionProblem', () => {
  let doc = emptyDoc();
  for (const kind of ['client', 'service', 'service', 'queue'] as const)
    doc = addNodeOfKind(doc, kind, { x: 0, y: 0 }).doc;
  doc = addEdge(doc, 'client-1', 'service-1');
  doc = addEdge(doc, 'service-1', 'service-2');

  it('refuses an edge into a client, to itself, or twice', () => {
    expect(connectionProblem(doc, 'service-1', 'client-1')).toBe('edgeIntoClient');
    expect(connectionProblem(doc, 'service-1', 'service-1')).toBe('edgeSelf');
    expect(connectionProblem(doc, 'client-1', 'service-1')).toBe('edgeDuplicate');
  });

  it('refuses a cycle of synchronous calls but allows one through a queue', () => {
    expect(connectionProblem(doc, 'service-2', 'service-1')).toBe('edgeCycle');
    const viaQueue = addEdge(doc, 'service-2', 'queue-1');
    expect(connectionProblem(viaQueue, 'queue-1', 'service-1')).toBeNull();
  });
});
