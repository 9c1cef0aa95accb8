import { describe, expect, it } from 'vitest';
import { analyticEstimate } from '../../../sim-core/analysis/estimate.ts';
import { constant, type Doc, edge, exponential, topology } from '../../../sim-core/test/simHarness.ts';
import { modelEndToEndMeanMs, modelNodeMeanMs, msPairText } from './modelMean.ts';

/** An M/M/1 service behind a random balancer, calling an M/M/1 database: a Jackson network. */
function tandem(dist: 'exponential' | 'constant' = 'exponential'): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 50 } },
      { id: 'lb', kind: 'loadBalancer', params: { policy: 'random', overheadMs: constant(1) } },
      {
        id: 'api',
        kind: 'service',
        params: { serviceTimeMs: dist === 'exponential' ? exponential(10) : constant(10) },
      },
      { id: 'db', kind: 'database', params: { concurrency: 1, serviceTimeMs: exponential(4) } },
    ],
    edges: [edge('users', 'lb'), edge('lb', 'api'), edge('api', 'db', { latencyMs: constant(2) })],
    scenario: { durationSec: 60 },
  };
}

describe('the model means shown beside the simulated ones', () => {
  it('gives a server the M/M/1 sojourn plus its calls, and the end-to-end mean', () => {
    const estimate = analyticEstimate(topology(tandem()));
    // M/M/1: 1 / (μ − λ), μ = 100/s and 250/s, λ = 50/s.
    const apiSojournMs = 1000 / (100 - 50);
    const dbSojournMs = 1000 / (250 - 50);
    expect(modelNodeMeanMs(estimate, 'db')).toBeCloseTo(dbSojournMs, 9);
    expect(modelNodeMeanMs(estimate, 'api')).toBeCloseTo(apiSojournMs + 2 + dbSojournMs, 9);
    expect(modelEndToEndMeanMs(estimate)).toBeCloseTo(1 + apiSojournMs + 2 + dbSojournMs, 9);
  });

  it('gives nothing for a node that is no server, an id it does not know, or no estimate', () => {
    const estimate = analyticEstimate(topology(tandem()));
    expect(modelNodeMeanMs(estimate, 'lb')).toBeNull();
    expect(modelNodeMeanMs(estimate, 'constructor')).toBeNull();
    expect(modelNodeMeanMs(null, 'api')).toBeNull();
    expect(modelEndToEndMeanMs(null)).toBeNull();
  });

  it('gives nothing where the network is not product-form', () => {
    const estimate = analyticEstimate(topology(tandem('constant')));
    expect(estimate.productForm).toBe(false);
    expect(modelNodeMeanMs(estimate, 'db')).toBeNull();
    expect(modelNodeMeanMs(estimate, 'api')).toBeNull();
    expect(modelEndToEndMeanMs(estimate)).toBeNull();
  });
});

describe('a simulated mean beside the model’s', () => {
  it('writes both in the model’s unit, three significant digits, the unit once', () => {
    expect(msPairText('en', 18.43, 18.3)).toEqual({ sim: '18.4', model: '18.3 ms' });
    expect(msPairText('en', 1234, 1180)).toEqual({ sim: '1.23', model: '1.18 s' });
    expect(msPairText('en', 0.42, 0.4)).toEqual({ sim: '420', model: '400 µs' });
    expect(msPairText('zh-CN', 9.996, 10)).toEqual({ sim: '10', model: '10 ms' });
  });
});
