import { describe, expect, it } from 'vitest';
import { validateTopology } from '../../../sim-core/format/validate.ts';
import { type Doc, emptyDoc } from '../model/document.ts';
import { regionIdProblem, regionLatencyIndex, renameRegion, setRegionLatency } from './regionEdits.ts';

function doc(): Doc {
  return {
    ...emptyDoc(),
    regions: [{ id: 'eu' }, { id: 'us' }, { id: 'ap' }],
    regionLatencyMs: [{ from: 'us', to: 'eu', latencyMs: { dist: 'constant', value: 80 } }],
    nodes: [
      { id: 'users', kind: 'client', region: 'eu', params: { rateRps: 10 } },
      { id: 'api', kind: 'service', region: 'us', params: { serviceTimeMs: { dist: 'constant', value: 1 } } },
    ],
    edges: [{ id: 'e', source: 'users', target: 'api' }],
    scenario: {
      durationSec: 60,
      events: [
        { type: 'killRegion', atSec: 1, region: 'eu' },
        { type: 'partition', atSec: 2, regionA: 'us', regionB: 'eu' },
      ],
    },
  };
}

describe('region latency', () => {
  it('finds and replaces the entry in either direction', () => {
    const d = doc();
    expect(regionLatencyIndex(d, 'eu', 'us')).toBe(0);
    const out = setRegionLatency(d, 'eu', 'us', { dist: 'constant', value: 90 });
    expect(out.regionLatencyMs).toEqual([
      { from: 'us', to: 'eu', latencyMs: { dist: 'constant', value: 90 } },
    ]);
    expect(d.regionLatencyMs?.[0].latencyMs).toEqual({ dist: 'constant', value: 80 });
  });

  it('adds a missing pair and removes one', () => {
    const d = doc();
    const added = setRegionLatency(d, 'eu', 'ap', { dist: 'constant', value: 200 });
    expect(added.regionLatencyMs).toHaveLength(2);
    expect(setRegionLatency(d, 'us', 'eu', undefined).regionLatencyMs).toEqual([]);
    expect(setRegionLatency(d, 'eu', 'ap', undefined)).toBe(d);
  });
});

describe('renameRegion', () => {
  it('renames every reference and keeps the document valid', () => {
    const out = renameRegion(doc(), 'eu', 'europe');
    expect(out.regions?.map((r) => r.id)).toEqual(['europe', 'us', 'ap']);
    expect(out.nodes[0].region).toBe('europe');
    expect(out.regionLatencyMs?.[0]).toMatchObject({ from: 'us', to: 'europe' });
    expect(out.scenario.events).toEqual([
      { type: 'killRegion', atSec: 1, region: 'europe' },
      { type: 'partition', atSec: 2, regionA: 'us', regionB: 'europe' },
    ]);
    expect(validateTopology(out).ok).toBe(true);
  });

  it('a label that was the old id follows the rename; a real label stays', () => {
    const d: Doc = {
      ...doc(),
      regions: [
        { id: 'eu', label: 'eu' },
        { id: 'us', label: 'US East' },
      ],
    };
    expect(renameRegion(d, 'eu', 'europe').regions?.[0]).toEqual({ id: 'europe', label: 'europe' });
    expect(renameRegion(d, 'us', 'usa').regions?.[1]).toEqual({ id: 'usa', label: 'US East' });
  });

  it('refuses empty, spaced and taken ids', () => {
    const d = doc();
    expect(regionIdProblem(d, 'eu', '')).toBe('empty');
    expect(regionIdProblem(d, 'eu', 'e u')).toBe('spaces');
    expect(regionIdProblem(d, 'eu', 'us')).toBe('taken');
    expect(regionIdProblem(d, 'eu', 'eu')).toBeNull();
    expect(regionIdProblem(d, 'eu', 'europe')).toBeNull();
  });
});
