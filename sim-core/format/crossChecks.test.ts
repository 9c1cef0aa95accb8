import { describe, expect, it } from 'vitest';
import { fullDocument, minimalDocument, type TestDocument } from '../test/fixtures/topologyDocuments.ts';
import { wordedIssues } from '../test/wordedIssues.ts';
import { crossCheck } from './crossChecks.ts';
import { validateTopology } from './validate.ts';

function issuesOf(doc: TestDocument) {
  return wordedIssues(validateTopology(doc));
}

/** Asserts that validating `doc` reports an issue at `path` whose message contains `fragment`. */
function expectIssue(doc: TestDocument, path: string, fragment: string) {
  const issues = issuesOf(doc);
  const match = issues.find((i) => i.path === path && i.message.includes(fragment));
  expect(
    match,
    `no issue at ${path} containing "${fragment}" in ${JSON.stringify(issues, null, 1)}`,
  ).toBeDefined();
}

function expectValid(doc: TestDocument) {
  expect(issuesOf(doc)).toEqual([]);
}

function node(doc: TestDocument, id: string) {
  return doc.nodes.find((n: TestDocument) => n.id === id);
}

function event(doc: TestDocument, event: TestDocument) {
  doc.scenario.events = [{ atSec: 10, ...event }];
  return doc;
}

describe('duplicate ids', () => {
  it('refuses a second node with the same id, naming the first', () => {
    const doc = minimalDocument();
    doc.nodes.push({ id: 'api', kind: 'service', params: { serviceTimeMs: { dist: 'constant', value: 1 } } });
    expectIssue(doc, 'nodes[2].id', 'duplicate id "api": nodes[1] already has it');
  });

  it('refuses duplicate edge ids', () => {
    const doc = minimalDocument();
    doc.edges.push({ id: 'users-api', source: 'users', target: 'api' });
    expectIssue(doc, 'edges[1].id', 'edges[0] already has it');
  });

  it('refuses duplicate region ids', () => {
    const doc = fullDocument();
    doc.regions.push({ id: 'eu' });
    expectIssue(doc, 'regions[2].id', 'duplicate id "eu": regions[0]');
  });

  it('refuses a 32nd request class, which the engine cannot carry, across clients', () => {
    const doc = minimalDocument();
    const classes = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({ id: `c${from + i}`, weight: 1 }));
    doc.nodes[0].params.classes = classes(0, 20);
    doc.nodes.push({ id: 'bots', kind: 'client', params: { rateRps: 1, classes: [...classes(10, 31)] } });
    doc.edges.push({ id: 'bots-api', source: 'bots', target: 'api' });
    expectValid(doc);
    doc.nodes[2].params.classes.push({ id: 'c31', weight: 1 });
    expect(issuesOf(doc)).toEqual([
      {
        path: 'nodes[2].params.classes[21].id',
        message: expect.stringMatching(
          /^"c31" would be one request class too many: a topology may declare at most 31/,
        ),
      },
    ]);
  });

  it('refuses duplicate request classes on one client', () => {
    const doc = fullDocument();
    node(doc, 'users').params.classes.push({ id: 'browse', weight: 1 });
    expectIssue(doc, 'nodes[0].params.classes[2].id', 'duplicate request class "browse"');
  });
});

describe('references', () => {
  it('refuses an edge from or to an unknown node, suggesting a near id', () => {
    const doc = minimalDocument();
    doc.edges[0].target = 'apii';
    expectIssue(doc, 'edges[0].target', 'names no node "apii" (did you mean "api"?)');
    doc.edges[0].source = 'nobody';
    expectIssue(doc, 'edges[0].source', 'names no node "nobody"');
  });

  it('refuses a node region that is not declared', () => {
    const doc = fullDocument();
    node(doc, 'api').region = 'eu-west';
    expectIssue(doc, 'nodes[2].region', 'names no region "eu-west"');
    const bare = minimalDocument();
    bare.nodes[1].region = 'eu';
    expectIssue(bare, 'nodes[1].region', 'the document declares no regions');
  });

  it('refuses region latencies between unknown regions, and duplicate pairs', () => {
    const doc = fullDocument();
    doc.regionLatencyMs.push({ from: 'us', to: 'asia', latencyMs: { dist: 'constant', value: 1 } });
    doc.regionLatencyMs.push({ from: 'us', to: 'eu', latencyMs: { dist: 'constant', value: 1 } });
    expectIssue(doc, 'regionLatencyMs[1].to', 'names no region "asia"');
    expectIssue(doc, 'regionLatencyMs[2]', 'regionLatencyMs[0] already gives it');
  });

  it('refuses an edge class no client declares', () => {
    const doc = fullDocument();
    doc.edges[2].params.classes = ['browse', 'brwose'];
    expectIssue(
      doc,
      'edges[2].params.classes[1]',
      'names no request class "brwose": the clients declare browse, checkout (did you mean "browse"?)',
    );
    const bare = minimalDocument();
    bare.edges[0].params = { classes: ['gold'] };
    expectIssue(bare, 'edges[0].params.classes[0]', 'no client declares classes');
  });
});

describe('edges', () => {
  it('refuses an edge into a client', () => {
    const doc = minimalDocument();
    doc.edges.push({ id: 'back', source: 'api', target: 'users' });
    expectIssue(doc, 'edges[1].target', 'clients only send traffic; an edge cannot end at client "users"');
  });

  it('reports an edge into a client once, not again as a missing or wrong consumer', () => {
    const doc = fullDocument();
    doc.edges.find((e: TestDocument) => e.id === 'orders-worker').target = 'users';
    expect(issuesOf(doc)).toEqual([
      { path: 'edges[6].target', message: 'clients only send traffic; an edge cannot end at client "users"' },
    ]);
  });

  it('refuses count, probability and stage on an edge from a node that picks one edge, which would ignore them', () => {
    const doc = minimalDocument();
    doc.edges[0].params = { count: 3, probability: 0.5, stage: 1 };
    expect(issuesOf(doc)).toEqual(
      ['count', 'probability', 'stage'].map((param) => ({
        path: `edges[0].params.${param}`,
        message: `${param} applies only to the calls a service or database makes; "users" is a client, which sends each request along one of its edges (chosen by weight), so ${param} would be ignored. Remove it: use weight to split traffic, or the client's rate for more of it`,
      })),
    );
    // Their defaults, spelled out, change nothing and are accepted; from a service they mean what they say.
    doc.edges[0].params = { count: 1, probability: 1, stage: 0 };
    expectValid(doc);
    doc.nodes.push({ id: 'db', kind: 'database', params: { serviceTimeMs: { dist: 'constant', value: 1 } } });
    doc.edges.push({
      id: 'api-db',
      source: 'api',
      target: 'db',
      params: { count: 3, probability: 0.5, stage: 1 },
    });
    expectValid(doc);
  });

  it('refuses a self-loop', () => {
    const doc = minimalDocument();
    doc.edges.push({ id: 'loop', source: 'api', target: 'api' });
    expectIssue(doc, 'edges[1].target', 'an edge cannot go from a node to itself ("api")');
  });
});

describe('outgoing edges', () => {
  it('requires a client to send somewhere', () => {
    const doc = minimalDocument();
    doc.edges = [];
    expectIssue(doc, 'nodes[0]', 'client "users" has no outgoing edge');
  });

  it('requires a queue to have consumers, and only services or databases', () => {
    const doc = fullDocument();
    doc.edges = doc.edges.filter((e: TestDocument) => e.source !== 'orders');
    expectIssue(doc, 'nodes[6]', 'queue "orders" has no outgoing edge');
    doc.edges.push({ id: 'orders-cache', source: 'orders', target: 'cache' });
    expectIssue(
      doc,
      `edges[${doc.edges.length - 1}].target`,
      'a queue delivers only to services or databases',
    );
    expectIssue(doc, `edges[${doc.edges.length - 1}].target`, '"cache" is a cache');
  });

  it('requires a pool, a load balancer and an LRU cache to call on', () => {
    const doc = fullDocument();
    doc.edges = doc.edges.filter((e: TestDocument) => !['dbPool', 'lb', 'cache'].includes(e.source));
    expectIssue(doc, 'nodes[4]', 'pool "dbPool" has no outgoing edge');
    expectIssue(doc, 'nodes[1]', 'load balancer "lb" has no outgoing edge');
    expectIssue(doc, 'nodes[3]', 'cache "cache" has no outgoing edge');
  });

  it('lets a cache with a fixed hit ratio of 1 stand alone', () => {
    const doc = fullDocument();
    doc.edges = doc.edges.filter((e: TestDocument) => e.source !== 'cache');
    node(doc, 'cache').params = { hitRatio: 1 };
    expect(issuesOf(doc).filter((i) => i.path === 'nodes[3]')).toEqual([]);
  });
});

describe('call cycles', () => {
  it('refuses a synchronous cycle, spelling it out on one of its edges', () => {
    const doc = fullDocument();
    doc.edges.push({ id: 'db-api', source: 'db', target: 'api' });
    const cycle = issuesOf(doc).find((i) => i.message.includes('call cycle'));
    expect(cycle?.message).toContain('edges form a call cycle: api → cache → dbPool → db → api');
    expect(cycle?.path).toBe(`edges[${doc.edges.length - 1}]`);
  });

  it('allows a cycle through a queue', () => {
    // fullDocument has api → orders (queue) → worker → api.
    expectValid(fullDocument());
  });

  it('handles a 10 000-node chain closed into one cycle without recursion', () => {
    const doc = minimalDocument();
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      doc.nodes.push({
        id: `s${i}`,
        kind: 'service',
        params: { serviceTimeMs: { dist: 'constant', value: 1 } },
      });
      doc.edges.push({ id: `e${i}`, source: `s${i}`, target: `s${(i + 1) % n}` });
    }
    doc.edges.push({ id: 'api-s0', source: 'api', target: 's0' });
    const cycles = issuesOf(doc).filter((i) => i.message.includes('call cycle'));
    expect(cycles).toHaveLength(1);
    expect(cycles[0].message).toContain('s0 → s1 → s2');
    expect(cycles[0].message).toContain('… +9991 … → s9997 → s9998 → s9999 → s0');
  });
});

describe('scenario events', () => {
  it('refuses an event after the end of the run', () => {
    const doc = event(minimalDocument(), { atSec: 60, type: 'trafficMultiplier', factor: 2 });
    expectIssue(doc, 'scenario.events[0].atSec', 'happens after the run ends (durationSec 60)');
  });

  it('aims trafficMultiplier at a client or "all"', () => {
    expectValid(event(minimalDocument(), { type: 'trafficMultiplier', factor: 2, target: 'users' }));
    expectValid(event(minimalDocument(), { type: 'trafficMultiplier', factor: 2, target: 'all' }));
    const doc = event(minimalDocument(), { type: 'trafficMultiplier', factor: 2, target: 'api' });
    expectIssue(
      doc,
      'scenario.events[0].target',
      '"api" is a service; trafficMultiplier needs a client or "all"',
    );
  });

  it('aims instance events at a service or a database', () => {
    for (const type of ['killInstances', 'restoreInstances', 'rollingRestart']) {
      const extra = type === 'killInstances' ? { count: 1 } : type === 'setReplicas' ? { replicas: 2 } : {};
      expectValid(event(fullDocument(), { type, target: 'db', ...extra }));
      const doc = event(fullDocument(), { type, target: 'cache', ...extra });
      expectIssue(
        doc,
        'scenario.events[0].target',
        `"cache" is a cache; ${type} needs a service or a database`,
      );
      const unknown = event(fullDocument(), { type, target: 'apu', ...extra });
      expectIssue(unknown, 'scenario.events[0].target', 'names no node "apu"');
      expect(issuesOf(unknown).find((i) => i.path === 'scenario.events[0].target')?.message).toMatch(
        /\(did you mean "api"\?\)$/,
      );
    }
  });

  it('aims injectLatency at a node or an edge', () => {
    expectValid(event(fullDocument(), { type: 'injectLatency', target: 'cache', addMs: 5 }));
    expectValid(event(fullDocument(), { type: 'injectLatency', target: 'lb-api', addMs: 5 }));
    const doc = event(fullDocument(), { type: 'injectLatency', target: 'ghost', addMs: 5 });
    expectIssue(doc, 'scenario.events[0].target', 'names no node or edge "ghost"');
  });

  it('aims setReplicas at a service (a database keeps its shard layout)', () => {
    expectValid(event(fullDocument(), { type: 'setReplicas', target: 'api', replicas: 2 }));
    const doc = event(fullDocument(), { type: 'setReplicas', target: 'db', replicas: 2 });
    expectIssue(doc, 'scenario.events[0].target', '"db" is a database; setReplicas needs a service');
  });

  it('aims injectErrors at any node but a client, or an edge', () => {
    expectValid(event(fullDocument(), { type: 'injectErrors', target: 'lb-api', rate: 0.5 }));
    expectValid(event(fullDocument(), { type: 'injectErrors', target: 'lb', rate: 0.5 }));
    const doc = event(fullDocument(), { type: 'injectErrors', target: 'users', rate: 0.5 });
    expectIssue(doc, 'scenario.events[0].target', '"users" is a client; injectErrors needs a service');
  });

  it('refuses a target that is both a node id and an edge id', () => {
    const doc = event(fullDocument(), { type: 'injectLatency', target: 'api', addMs: 5 });
    doc.edges[0].id = 'api';
    expectIssue(
      doc,
      'scenario.events[0].target',
      'is ambiguous: nodes[2] and edges[0] both have the id "api"',
    );
  });

  it('aims cacheFlush at a cache', () => {
    const doc = event(fullDocument(), { type: 'cacheFlush', target: 'api' });
    expectIssue(doc, 'scenario.events[0].target', '"api" is a service; cacheFlush needs a cache');
    const edge = event(fullDocument(), { type: 'cacheFlush', target: 'lb-api' });
    expectIssue(edge, 'scenario.events[0].target', '"lb-api" is an edge; cacheFlush needs a cache');
  });

  it('checks the regions of killRegion and partition', () => {
    expectIssue(
      event(fullDocument(), { type: 'killRegion', region: 'asia' }),
      'scenario.events[0].region',
      'names no region "asia"',
    );
    const partition = event(fullDocument(), { type: 'partition', regionA: 'eu', regionB: 'eu' });
    expectIssue(partition, 'scenario.events[0].regionB', 'must differ from regionA (both are "eu")');
    const unknown = event(fullDocument(), { type: 'partition', regionA: 'eu', regionB: 'ua' });
    expectIssue(unknown, 'scenario.events[0].regionB', 'names no region "ua" (did you mean "us"?)');
  });
});

describe('crossCheck on malformed input', () => {
  it('skips what it cannot read instead of throwing', () => {
    const junk: unknown[] = [
      null,
      42,
      [],
      { nodes: 'x', edges: {}, regions: [null, 1, { id: 5 }] },
      {
        nodes: [null, { id: {} }, { id: 'a', kind: 'queue', params: 3 }],
        edges: [{ source: 1, target: [], params: { classes: 'x' } }],
      },
      {
        scenario: {
          durationSec: 'long',
          events: [null, { type: 'partition' }, { type: 'injectErrors', target: 7 }],
        },
      },
      {
        nodes: [
          { id: 'toString', kind: 'client' },
          { id: '__proto__', kind: 'service' },
        ],
        edges: [{ source: 'constructor', target: 'toString' }],
      },
    ];
    for (const doc of junk) expect(() => crossCheck(doc)).not.toThrow();
  });
});
