import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, run, topology } from '../test/simHarness.ts';

/*
 * A leak (`leakMsPerRequest`): each request a replica starts makes its later requests' own work longer
 * by a fixed amount, until the replica restarts.
 */

describe('a leaking service', () => {
  // 10 evenly spaced requests a second to one replica whose work is 1 ms plus 0.1 ms per earlier request:
  // request k (from 0) works 1 + 0.1·k ms, so window w's mean is 1 + 0.1·(10w + 4.5) = 1.45 + w ms.
  const doc = (events: Doc['scenario']['events'] = []): Doc => ({
    nodes: [
      { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
      {
        id: 'api',
        kind: 'service',
        params: { concurrency: 100, serviceTimeMs: constant(1), leakMsPerRequest: 0.1 },
      },
    ],
    edges: [edge('users', 'api')],
    scenario: { durationSec: 8, events },
  });

  it('slows down linearly with the requests it has served', () => {
    const { windows } = run(doc());
    for (const w of windows.slice(0, 8)) {
      expect(w.nodes.api.latencyMs.mean).toBeGreaterThan(1.45 + w.index - 0.11);
      expect(w.nodes.api.latencyMs.mean).toBeLessThan(1.45 + w.index + 0.11);
    }
  });

  it('is reset by a restart', () => {
    const { windows } = run(doc([{ type: 'rollingRestart', atSec: 5.05, target: 'api' }]));
    // Window 5 starts again from request 0 (the one at 5.0 s is the last of the old incarnation).
    expect(windows[4].nodes.api.latencyMs.mean).toBeGreaterThan(5.3);
    expect(windows[5].nodes.api.latencyMs.mean).toBeLessThan(1.9);
    expect(windows[6].nodes.api.latencyMs.mean).toBeGreaterThan(2.3);
    expect(windows[6].nodes.api.latencyMs.mean).toBeLessThan(2.7);
  });

  it('is off by default and refuses a negative rate', () => {
    const t = topology({
      ...doc(),
      nodes: [doc().nodes[0], { id: 'api', kind: 'service', params: { serviceTimeMs: constant(1) } }],
    });
    const api = t.nodes[1];
    expect(api.kind === 'service' && api.params.leakMsPerRequest).toBe(0);
    const bad = doc();
    const node = bad.nodes[1];
    if (node.kind === 'service') node.params.leakMsPerRequest = -1;
    expect(() => topology(bad)).toThrow(/leakMsPerRequest/);
  });
});
