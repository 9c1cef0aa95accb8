import { describe, expect, it } from 'vitest';
import { issueText } from '../messages/issueText.ts';
import { minimalDocument } from '../test/fixtures/topologyDocuments.ts';
import { validateTopology } from './validate.ts';

/** The issues of a minimal document whose service draws its time from `dist`. */
function issuesWith(dist: unknown) {
  const doc = minimalDocument();
  doc.nodes[1].params.serviceTimeMs = dist;
  const result = validateTopology(doc);
  return result.ok ? [] : result.issues;
}

describe('distribution ranges', () => {
  it('refuses a lognormal cv that would take its mean from draws no run sees', () => {
    const issues = issuesWith({ dist: 'lognormal', mean: 5, cv: 1e200 });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('nodes[1].params.serviceTimeMs.cv');
    expect(issues[0]).toMatchObject({ code: 'dist.lognormalCvSkew', params: { max: 100, got: 1e200 } });
    expect(issueText('en', issues[0])).toMatch(/^must be at most 100, got 1e\+200: .*empirical/);
    expect(issuesWith({ dist: 'lognormal', mean: 5, cv: 100 })).toEqual([]);
  });

  it('refuses a lognormal p99 more than 1000 times its p50', () => {
    const issues = issuesWith({ dist: 'lognormal', p50: 2, p99: 2001 });
    expect(issues.map((i) => i.path)).toEqual(['nodes[1].params.serviceTimeMs.p99']);
    expect(issueText('en', issues[0])).toMatch(/^must be at most 1,?000 × p50 \(2,?000\), got 2,?001/);
    expect(issuesWith({ dist: 'lognormal', p50: 2, p99: 2000 })).toEqual([]);
  });

  it('refuses durations beyond 1e12 in their unit, where draws would near overflow', () => {
    const issues = issuesWith({ dist: 'normal', mean: 1e308, sd: 1e308 });
    expect(issues.map((i) => i.path)).toEqual([
      'nodes[1].params.serviceTimeMs.mean',
      'nodes[1].params.serviceTimeMs.sd',
    ]);
    expect(issues[0].params).toMatchObject({ got: 1e308 });
    expect(issuesWith({ dist: 'normal', mean: 1e12, sd: 1e12 })).toEqual([]);
  });

  it('accepts an Erlang with any number of stages up to the largest safe integer', () => {
    expect(issuesWith({ dist: 'erlang', k: 1000, mean: 5 })).toEqual([]);
    expect(issuesWith({ dist: 'erlang', k: Number.MAX_SAFE_INTEGER, mean: 5 })).toEqual([]);
  });

  it('refuses an empirical table whose values decrease', () => {
    const issues = issuesWith({ dist: 'empirical', percentiles: { '50': 10, '90': 5, '100': 20 } });
    expect(issues.map((i) => i.path)).toEqual(['nodes[1].params.serviceTimeMs.percentiles["90"]']);
    expect(issueText('en', issues[0])).toMatch(/percentiles cannot decrease/);
  });
});
