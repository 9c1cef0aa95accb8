import { describe, expect, it } from 'vitest';
import { type CallEdge, findCallCycles } from './callCycles.ts';

const sync = () => false;

function edges(...pairs: [string, string][]): CallEdge[] {
  return pairs.map(([source, target], index) => ({ index, source, target }));
}

describe('findCallCycles', () => {
  it('finds nothing in a DAG, even with diamonds and parallel edges', () => {
    const dag = edges(['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd'], ['b', 'd']);
    expect(findCallCycles(dag, sync)).toEqual([]);
  });

  it('reports a cycle in call order, closed by the edge that returns to its start', () => {
    const graph = edges(['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd']);
    expect(findCallCycles(graph, sync)).toEqual([{ edgeIndex: 2, nodeIds: ['a', 'b', 'c'] }]);
  });

  it('ignores edges out of asynchronous nodes and self-loops', () => {
    const graph = edges(['a', 'q'], ['q', 'b'], ['b', 'a'], ['b', 'b']);
    expect(findCallCycles(graph, (id) => id === 'q')).toEqual([]);
  });

  it('reports overlapping loops through the same nodes once', () => {
    const graph = edges(['a', 'b'], ['b', 'a'], ['b', 'c'], ['c', 'a'], ['c', 'b']);
    expect(findCallCycles(graph, sync)).toHaveLength(1);
  });

  it('reports disjoint cycles separately, at most 20', () => {
    const pairs: [string, string][] = [];
    for (let i = 0; i < 50; i++) pairs.push([`x${i}`, `y${i}`], [`y${i}`, `x${i}`]);
    const cycles = findCallCycles(edges(...pairs), sync);
    expect(cycles).toHaveLength(20);
    expect(cycles[0]).toEqual({ edgeIndex: 1, nodeIds: ['x0', 'y0'] });
  });

  it('walks a 100 000-node chain without overflowing the stack', () => {
    const pairs: [string, string][] = [];
    const n = 100_000;
    for (let i = 0; i < n; i++) pairs.push([`n${i}`, `n${i + 1}`]);
    expect(findCallCycles(edges(...pairs), sync)).toEqual([]);
    pairs.push([`n${n}`, 'n0']);
    const [cycle] = findCallCycles(edges(...pairs), sync);
    expect(cycle.nodeIds).toHaveLength(n + 1);
    expect(cycle.edgeIndex).toBe(n);
  });
});
