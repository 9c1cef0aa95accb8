import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fullDocument, minimalDocument, type TestDocument } from '../test/fixtures/topologyDocuments.ts';
import { wordedIssues } from '../test/wordedIssues.ts';
import { parseTopologyText, validateTopology } from './validate.ts';

function issuesOf(doc: unknown) {
  return wordedIssues(validateTopology(doc));
}

describe('validateTopology', () => {
  it('accepts a valid document and fills in every default', () => {
    const result = validateTopology(minimalDocument());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { topology } = result;
    expect(topology.name).toBe('Untitled');
    expect(topology.regions).toEqual([]);
    expect(topology.nodes[0]).toMatchObject({
      kind: 'client',
      params: { arrival: 'poisson', interpolation: 'linear' },
    });
    expect(topology.nodes[1]).toMatchObject({
      kind: 'service',
      params: { replicas: 1, concurrency: 1, errorRate: 0, startupSec: 0 },
    });
    expect(topology.edges[0].params).toEqual({
      weight: 1,
      stage: 0,
      probability: 1,
      count: 1,
      required: true,
    });
    expect(topology.scenario).toEqual({ durationSec: 60, warmupSec: 0, seed: 1, windowSec: 1, events: [] });
  });

  it('fills the defaults of optional params objects and of events', () => {
    const doc = fullDocument();
    const result = validateTopology(doc);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byId = new Map(result.topology.nodes.map((n) => [n.id, n]));
    expect(byId.get('lb')?.params).toMatchObject({ policy: 'leastConnections', healthCheckIntervalSec: 0 });
    expect(byId.get('orders')?.params).toMatchObject({ maxRetries: 3, retryDelayMs: 0 });
    expect(byId.get('cache')?.params).toMatchObject({ coalesceMisses: false });
    expect(result.topology.edges[4].params.retries).toEqual({
      max: 2,
      backoffMs: 10,
      multiplier: 2,
      jitter: 0,
    });
    expect(result.topology.scenario.events[0]).toMatchObject({ type: 'trafficMultiplier', target: 'all' });
    expect(result.topology.scenario.events[9]).toMatchObject({ type: 'rollingRestart', batch: 1 });
  });

  it('does not modify its input', () => {
    const doc = minimalDocument();
    validateTopology(doc);
    expect(doc).toEqual(minimalDocument());
  });

  it('reports structural and cross-document problems in one pass', () => {
    const doc = minimalDocument();
    doc.nodes[1].params.replicas = -2;
    doc.edges.push({ id: 'e2', source: 'api', target: 'dbb' });
    expect(issuesOf(doc)).toEqual([
      { path: 'nodes[1].params.replicas', message: 'must be an integer ≥ 1, got -2 (node "api")' },
      { path: 'edges[1].target', message: 'names no node "dbb"' },
    ]);
  });

  it('lists at most 1000 issues', () => {
    const doc = minimalDocument();
    for (let i = 0; i < 1500; i++) doc.nodes.push({ id: `n${i}`, kind: 'service', params: {} });
    const issues = issuesOf(doc);
    expect(issues).toHaveLength(1000);
    expect(issues[999]).toEqual({ path: '', message: 'and 501 more problems not listed' });
  });

  // Speed is measured by `npm run bench`, not here: this checks that a large document validates at all
  // (no recursion that overflows the stack); a quadratic slowdown would trip the test's timeout.
  it('validates a 10 000-node document', () => {
    const doc = minimalDocument();
    for (let i = 0; i < 10_000; i++) {
      doc.nodes.push({
        id: `s${i}`,
        kind: 'service',
        params: { serviceTimeMs: { dist: 'constant', value: 1 } },
      });
      doc.edges.push({ id: `e${i}`, source: i === 0 ? 'api' : `s${i - 1}`, target: `s${i}` });
    }
    expect(validateTopology(doc).ok).toBe(true);
  });

  it('never throws, even on values no JSON parser makes', () => {
    const hostile = {
      format: 'archsim.topology',
      version: 1,
      get nodes(): never {
        throw new Error('boom');
      },
      scenario: { durationSec: 1 },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const value of [hostile, proxy, Symbol('x'), () => 1, 10n]) {
      const result = validateTopology(value);
      expect(result.ok).toBe(false);
    }
    expect(issuesOf(hostile)).toEqual([{ path: '', message: 'could not be read: boom' }]);
  });
});

describe('autoscale', () => {
  function withAutoscale(autoscale: TestDocument): TestDocument {
    const doc = minimalDocument();
    doc.nodes[1].params.autoscale = { min: 1, max: 4, targetUtilization: 0.6, ...autoscale };
    return doc;
  }

  it("is reactive unless told otherwise, and leaves the forecast's horizon and history to the engine", () => {
    const result = validateTopology(withAutoscale({}));
    expect(result.ok && result.topology.nodes[1].params).toMatchObject({
      autoscale: { policy: 'reactive', evaluateEverySec: 15, provisionSec: 30 },
    });
    expect(validateTopology(withAutoscale({ policy: 'predictive', horizonSec: 5, historySec: 60 })).ok).toBe(
      true,
    );
  });

  it('refuses a horizon or a history on the reactive policy', () => {
    expect(issuesOf(withAutoscale({ horizonSec: 5, historySec: 30 }))).toEqual([
      {
        path: 'nodes[1].params.autoscale.horizonSec',
        message:
          'horizonSec applies only to policy "predictive": remove it, or set policy to "predictive" (node "api")',
      },
      {
        path: 'nodes[1].params.autoscale.historySec',
        message:
          'historySec applies only to policy "predictive": remove it, or set policy to "predictive" (node "api")',
      },
    ]);
  });

  it('needs a history of two to a thousand evaluations', () => {
    const predictive = { policy: 'predictive', evaluateEverySec: 0.2 };
    expect(issuesOf(withAutoscale({ ...predictive, historySec: 0.3 }))).toEqual([
      {
        path: 'nodes[1].params.autoscale.historySec',
        message: 'must cover at least two evaluations (0.4 s) for the forecast to fit a line (node "api")',
      },
    ]);
    expect(issuesOf(withAutoscale({ ...predictive, historySec: 400 }))).toEqual([
      {
        path: 'nodes[1].params.autoscale.historySec',
        message:
          'covers 2000 evaluations; the forecast keeps at most 1000: give at most 200 s, or evaluate less often (node "api")',
      },
    ]);
    expect(validateTopology(withAutoscale({ ...predictive, historySec: 200 })).ok).toBe(true);
  });
});

describe('the envelope', () => {
  it('refuses what is not an ArchSim topology', () => {
    expect(issuesOf([1])).toEqual([
      { path: '', message: 'not an ArchSim topology file: expected a JSON object, got [1]' },
    ]);
    expect(issuesOf({ type: 'excalidraw' })).toEqual([
      {
        path: 'format',
        message: 'not an ArchSim topology file: format must be "archsim.topology", it has no "format" field',
      },
    ]);
    expect(issuesOf({ format: 'excalidraw' })[0].message).toBe(
      'not an ArchSim topology file: format must be "archsim.topology", got "excalidraw"',
    );
  });

  it('needs an integer version', () => {
    const at = (version: unknown) => issuesOf({ ...minimalDocument(), version });
    expect(at(undefined)).toEqual([
      { path: 'version', message: 'is required: the format version, an integer' },
    ]);
    expect(at('1')).toEqual([{ path: 'version', message: 'must be an integer ≥ 1, got "1"' }]);
    expect(at(1.5)[0].message).toBe('must be an integer ≥ 1, got 1.5');
    expect(at(0)[0].message).toBe('must be an integer ≥ 1, got 0');
  });

  it('refuses a file from a newer ArchSim with a clear message', () => {
    expect(issuesOf({ ...minimalDocument(), version: 7, somethingNew: true })).toEqual([
      {
        path: 'version',
        message:
          'written by a newer ArchSim (format version 7); this version reads up to 1. Update ArchSim to open it.',
      },
    ]);
  });
});

describe('parseTopologyText', () => {
  it('parses and validates, ignoring a byte-order mark', () => {
    const text = `\uFEFF${JSON.stringify(minimalDocument(), null, 2)}`;
    expect(parseTopologyText(text).ok).toBe(true);
  });

  it('reports a syntax error with its line and column on path ""', () => {
    const text = '{\n  "format": "archsim.topology",\n  "version": 1,\n  "nodes": [,]\n}';
    const result = parseTopologyText(text);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        {
          path: '',
          code: 'json.invalidAt',
          params: { line: 4, column: 13, reason: { code: 'json.expectedValue', params: { found: '","' } } },
        },
      ]);
    expect(wordedIssues(result)).toEqual([
      { path: '', message: 'is not valid JSON (line 4, column 13): expected a value, found ","' },
    ]);
    expect(wordedIssues(parseTopologyText(''))).toEqual([
      { path: '', message: 'is not valid JSON (line 1, column 1): the text is empty' },
    ]);
  });

  it('passes valid JSON on to validation', () => {
    expect(wordedIssues(parseTopologyText('[]'))).toEqual([
      { path: '', message: 'not an ArchSim topology file: expected a JSON object, got []' },
    ]);
  });
});

describe('docs/file-format.md', () => {
  const markdown = readFileSync(new URL('../../docs/file-format.md', import.meta.url), 'utf8');
  const documents = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((match) => match[1])
    .filter((block) => block.includes('"format": "archsim.topology"'));

  it('has complete examples, and every one of them is valid', () => {
    expect(documents.length).toBeGreaterThan(0);
    for (const text of documents) {
      const result = parseTopologyText(text);
      expect(result.ok ? [] : result.issues, text.slice(0, 200)).toEqual([]);
    }
  });

  it('documents every node kind, parameter and event type of the schema', async () => {
    const schema = await import('./schema.ts');
    const names = new Set<string>();
    const shapes: TestDocument[] = [
      schema.clientParams,
      schema.loadBalancerParams,
      schema.serviceParams,
      schema.databaseParams,
      schema.consensus,
      schema.poolParams,
      schema.cacheParams,
      schema.queueParams,
      schema.edgeParams,
      schema.retries,
      schema.circuitBreaker,
      schema.autoscale,
      schema.scenario,
    ].map((s: TestDocument) => s.shape);
    for (const shape of shapes) for (const key of Object.keys(shape)) names.add(key);
    for (const kind of [
      ...schema.NODE_KINDS,
      ...schema.EVENT_TYPES,
      ...schema.LB_POLICIES,
      ...schema.AUTOSCALE_POLICIES,
    ])
      names.add(kind);
    const missing = [...names].filter((name) => !markdown.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
