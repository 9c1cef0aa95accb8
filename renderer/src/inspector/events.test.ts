import { describe, expect, it } from 'vitest';
import { validateTopology } from '../../../sim-core/format/validate.ts';
import { type Doc, emptyDoc } from '../model/document.ts';
import { EVENT_TYPES, eventOfType, eventTargets, newEvent } from './events.ts';

function doc(): Doc {
  return {
    ...emptyDoc(),
    regions: [{ id: 'eu' }, { id: 'us' }],
    nodes: [
      { id: 'users', kind: 'client', region: 'eu', params: { rateRps: 10 } },
      { id: 'api', kind: 'service', region: 'eu', params: { serviceTimeMs: { dist: 'constant', value: 1 } } },
      { id: 'cache', kind: 'cache', region: 'us', params: { hitRatio: 1 } },
    ],
    edges: [
      { id: 'users-api', source: 'users', target: 'api' },
      { id: 'api-cache', source: 'api', target: 'cache' },
    ],
  };
}

describe('events', () => {
  it('offers the targets each type may act on', () => {
    const d = doc();
    expect(eventTargets(d, 'trafficMultiplier')).toEqual(['all', 'users']);
    expect(eventTargets(d, 'cacheFlush')).toEqual(['cache']);
    expect(eventTargets(d, 'injectLatency')).toEqual(['api', 'cache', 'users-api', 'api-cache']);
    expect(eventTargets(d, 'partition')).toEqual(['eu', 'us']);
  });

  it('switching type keeps time, label and a lasting duration, and gives a valid event', () => {
    const d = doc();
    for (const type of EVENT_TYPES) {
      const event = eventOfType(d, type, {
        type: 'injectLatency',
        atSec: 5,
        durationSec: 10,
        label: 'x',
        target: 'api',
        addMs: 1,
      });
      expect(event).toMatchObject({ type, atSec: 5, label: 'x' });
      const withEvent = { ...d, scenario: { ...d.scenario, events: [event] } };
      const result = validateTopology(withEvent);
      expect(result.ok ? [] : result.issues, type).toEqual([]);
    }
    expect(eventOfType(d, 'cacheFlush', { atSec: 5, durationSec: 10 })).not.toHaveProperty('durationSec');
    expect(
      eventOfType(d, 'injectErrors', { type: 'injectLatency', atSec: 1, target: 'api', addMs: 1 }),
    ).toMatchObject({ target: 'api' });
  });

  it('a new event is a valid traffic spike halfway through the run', () => {
    const d = doc();
    const event = newEvent(d);
    expect(event).toEqual({
      type: 'trafficMultiplier',
      atSec: 60,
      durationSec: 30,
      target: 'all',
      factor: 2,
    });
  });
});
