import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidationResult } from '../api.ts';
import { isCoreCode } from '../messages/formatMessage.ts';
import { issueText } from '../messages/issueText.ts';
import { fullDocument, minimalDocument, type TestDocument } from '../test/fixtures/topologyDocuments.ts';
import { parseTopologyText, validateTopology } from './validate.ts';

/** `nodes[3].params.replicas`, `name["zh-CN"]`, or `''` for the root. */
const PATH =
  /^(?:(?:[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\]|\[\d+\])(?:\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*)?$/;

function expectWellFormed(result: ValidationResult) {
  if (result.ok) {
    expect(result.topology).toBeTypeOf('object');
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.path).toBeTypeOf('string');
    expect(issue.path).toMatch(PATH);
    // Every issue has a code some language words, in English and in Chinese.
    expect(isCoreCode(issue.code), issue.code).toBe(true);
    expect(issueText('en', issue).length).toBeGreaterThan(0);
    expect(issueText('zh-CN', issue).length).toBeGreaterThan(0);
  }
}

describe('validateTopology on arbitrary input', () => {
  it('refuses any JSON value or JS value without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        const result = validateTopology(value);
        expect(result.ok).toBe(false);
        expectWellFormed(result);
      }),
      { numRuns: 200 },
    );
  });

  it('reads any envelope-correct object full of junk without throwing', () => {
    const junk = fc.record(
      {
        format: fc.constant('archsim.topology'),
        version: fc.constant(1),
        nodes: fc.oneof(
          fc.anything(),
          fc.array(fc.dictionary(fc.constantFrom('id', 'kind', 'params', 'region'), fc.anything())),
        ),
        edges: fc.oneof(
          fc.anything(),
          fc.array(fc.dictionary(fc.constantFrom('id', 'source', 'target', 'params'), fc.anything())),
        ),
        regions: fc.anything(),
        scenario: fc.anything(),
      },
      { requiredKeys: ['format', 'version'] },
    );
    fc.assert(
      fc.property(junk, (doc) => expectWellFormed(validateTopology(doc))),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => expectWellFormed(parseTopologyText(text))),
      { numRuns: 200 },
    );
  });
});

type Json = unknown;
type Mutation = [
  kind: 'delete' | 'set' | 'duplicateNode' | 'addEdge',
  pick: number,
  value: Json,
  name: string,
];

/** Every path to a value inside `doc` (not the root), in a stable order. */
function pathsOf(doc: Json): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const walk = (value: Json, path: (string | number)[]) => {
    if (typeof value !== 'object' || value === null) return;
    const entries: [string | number, Json][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    for (const [key, child] of entries) {
      paths.push([...path, key]);
      walk(child, [...path, key]);
    }
  };
  walk(doc, []);
  return paths;
}

function apply(doc: TestDocument, [kind, pick, value, name]: Mutation): void {
  const paths = pathsOf(doc);
  if (paths.length === 0) return;
  const path = paths[pick % paths.length];
  const parent = path.slice(0, -1).reduce<TestDocument>((at, key) => at[key], doc);
  const key = path[path.length - 1];
  const nodes: TestDocument[] = Array.isArray(doc.nodes) ? doc.nodes : [];
  switch (kind) {
    case 'delete':
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else Reflect.deleteProperty(parent, key);
      break;
    case 'set':
      parent[key] = value;
      break;
    case 'duplicateNode':
      if (nodes.length > 0) nodes.push(structuredClone(nodes[pick % nodes.length]));
      break;
    case 'addEdge': {
      const ids = [...nodes.map((n) => n?.id), name];
      if (!Array.isArray(doc.edges)) doc.edges = [];
      doc.edges.push({
        id: `m${doc.edges.length}`,
        source: ids[pick % ids.length],
        target: ids[(pick >> 3) % ids.length],
      });
      break;
    }
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.tuple(
  fc.constantFrom('delete', 'set', 'duplicateNode', 'addEdge'),
  fc.nat(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 8 }),
);

describe('validateTopology on mutated valid documents', () => {
  it('never throws, and every issue has a path and a message', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (full, mutations) => {
        const doc = full ? fullDocument() : minimalDocument();
        for (const m of mutations) apply(doc, m);
        expectWellFormed(validateTopology(doc));
      }),
      { numRuns: 200 },
    );
  });
});

/** A valid topology: clients call services, services call later services (a DAG) and databases. */
const validTopology = fc
  .record({
    clients: fc.integer({ min: 1, max: 3 }),
    services: fc.integer({ min: 1, max: 8 }),
    databases: fc.integer({ min: 0, max: 3 }),
    durationSec: fc.integer({ min: 1, max: 3600 }),
    seed: fc.nat(),
  })
  .chain(({ clients, services, databases, durationSec, seed }) => {
    const probability = fc.double({ min: 0, max: 1, noNaN: true });
    const distribution = fc.oneof(
      fc.record({ dist: fc.constant('constant'), value: fc.double({ min: 0, max: 1e4, noNaN: true }) }),
      fc.record({ dist: fc.constant('exponential'), mean: fc.double({ min: 0.001, max: 1e4, noNaN: true }) }),
      fc
        .tuple(
          fc.double({ min: 0.01, max: 100, noNaN: true }),
          fc.double({ min: 1.01, max: 100, noNaN: true }),
        )
        .map(([p50, factor]) => ({ dist: 'lognormal', p50, p99: p50 * factor })),
      fc.record({
        dist: fc.constant('erlang'),
        k: fc.integer({ min: 1, max: 5 }),
        mean: fc.double({ min: 0.1, max: 100, noNaN: true }),
      }),
    );
    const server = fc.record(
      {
        concurrency: fc.integer({ min: 1, max: 64 }),
        queueCapacity: fc.integer({ min: 0, max: 1000 }),
        serviceTimeMs: distribution,
        errorRate: probability,
      },
      { requiredKeys: ['serviceTimeMs'] },
    );
    const edgeParams = fc.record(
      {
        weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
        latencyMs: distribution,
        stage: fc.integer({ min: 0, max: 3 }),
        probability,
        required: fc.boolean(),
        retries: fc.record({
          max: fc.integer({ min: 0, max: 5 }),
          backoffMs: fc.integer({ min: 0, max: 100 }),
        }),
      },
      { requiredKeys: [] },
    );
    const downstream = services + databases;
    return fc.record({
      clientRates: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: clients, maxLength: clients }),
      firstCalls: fc.array(fc.nat({ max: services - 1 }), { minLength: clients, maxLength: clients }),
      servers: fc.array(server, { minLength: downstream, maxLength: downstream }),
      calls: fc.array(
        fc.tuple(fc.nat({ max: downstream - 1 }), fc.nat({ max: downstream - 1 }), edgeParams),
        { maxLength: 20 },
      ),
      kills: fc.array(fc.tuple(fc.nat({ max: services - 1 }), fc.nat({ max: durationSec - 1 })), {
        maxLength: 3,
      }),
      durationSec: fc.constant(durationSec),
      seed: fc.constant(seed),
      services: fc.constant(services),
    });
  })
  .map(({ clientRates, firstCalls, servers, calls, kills, durationSec, seed, services }) => {
    const serverId = (i: number) => (i < services ? `svc${i}` : `db${i - services}`);
    const nodes = [
      ...clientRates.map((rateRps, i) => ({ id: `client${i}`, kind: 'client', params: { rateRps } })),
      ...servers.map((params, i) => ({
        id: serverId(i),
        kind: i < services ? 'service' : 'database',
        params,
      })),
    ];
    const edges: Record<string, unknown>[] = firstCalls.map((s, i) => ({
      id: `c${i}`,
      source: `client${i}`,
      target: serverId(s),
    }));
    for (const [a, b, params] of calls) {
      // Only from a service to a later server: a DAG, so no call cycle.
      const [from, to] = a < b ? [a, b] : [b, a];
      if (from === to || from >= services) continue;
      edges.push({ id: `e${edges.length}`, source: serverId(from), target: serverId(to), params });
    }
    const events = kills.map(([s, atSec]) => ({
      atSec,
      type: 'killInstances',
      target: serverId(s),
      fraction: 0.5,
    }));
    return { format: 'archsim.topology', version: 1, nodes, edges, scenario: { durationSec, seed, events } };
  });

describe('validateTopology on generated valid topologies', () => {
  it('accepts every one', () => {
    fc.assert(
      fc.property(validTopology, (doc) => {
        const result = validateTopology(doc);
        expect(result.ok ? [] : result.issues).toEqual([]);
        expect(result.ok && result.topology.nodes.length).toBe(doc.nodes.length);
      }),
      { numRuns: 200 },
    );
  });
});
