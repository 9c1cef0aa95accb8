import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fullDocument, minimalDocument, type TestDocument } from '../test/fixtures/topologyDocuments.ts';
import { worded, wordedIssues } from '../test/wordedIssues.ts';
import { formatZodIssues, zodErrorMap } from './formatIssue.ts';
import { validateTopology } from './validate.ts';

function issuesOf(doc: TestDocument) {
  return wordedIssues(validateTopology(doc));
}

/** The issues of the minimal document after `change`. */
function issuesAfter(change: (doc: TestDocument) => void) {
  const doc = minimalDocument();
  change(doc);
  return issuesOf(doc);
}

function formatted(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value, { error: zodErrorMap });
  return parsed.success ? [] : worded(formatZodIssues(parsed.error.issues, value));
}

describe('messages for the schema’s issues', () => {
  it('too_small / too_big on numbers give the whole range and the value', () => {
    expect(issuesAfter((d) => (d.nodes[1].params.replicas = -2))).toEqual([
      { path: 'nodes[1].params.replicas', message: 'must be an integer ≥ 1, got -2 (node "api")' },
    ]);
    expect(issuesAfter((d) => (d.nodes[1].params.errorRate = 1.5))).toEqual([
      { path: 'nodes[1].params.errorRate', message: 'must be a number from 0 to 1, got 1.5 (node "api")' },
    ]);
    expect(issuesAfter((d) => (d.scenario.durationSec = 0))).toContainEqual({
      path: 'scenario.durationSec',
      message: 'must be a number > 0, got 0',
    });
    expect(issuesAfter((d) => (d.scenario.seed = 2 ** 40))).toEqual([
      { path: 'scenario.seed', message: 'must be an integer from 0 to 4294967295, got 1099511627776' },
    ]);
  });

  it('invalid_type says what was expected and what came, or that a value is required', () => {
    expect(issuesAfter((d) => (d.nodes[1].params.replicas = 1.5))[0].message).toBe(
      'must be an integer ≥ 1, got 1.5 (node "api")',
    );
    expect(issuesAfter((d) => (d.nodes[1].params.replicas = '3'))[0].message).toBe(
      'must be an integer ≥ 1, got "3" (node "api")',
    );
    expect(issuesAfter((d) => delete d.nodes[1].params.serviceTimeMs)).toEqual([
      { path: 'nodes[1].params.serviceTimeMs', message: 'is required (node "api")' },
    ]);
    expect(issuesAfter((d) => (d.edges[0].params = { required: 'yes' }))[0].message).toBe(
      'must be true or false, got "yes" (edge "users-api")',
    );
    expect(issuesAfter((d) => (d.nodes = {}))).toEqual([
      { path: 'nodes', message: 'must be a list, got {}' },
    ]);
    expect(issuesAfter((d) => (d.nodes[0] = 'users'))[0]).toEqual({
      path: 'nodes[0]',
      message: 'must be an object, got "users"',
    });
  });

  it('unrecognized_keys gives one issue per key, with the key in the path and a guess', () => {
    expect(
      issuesAfter(
        (d) =>
          (d.nodes[1].params = { replica: 3, concurency: 2, serviceTimeMs: { dist: 'constant', value: 1 } }),
      ),
    ).toEqual([
      {
        path: 'nodes[1].params.replica',
        message: 'unknown parameter "replica" (did you mean "replicas"?) (node "api")',
      },
      {
        path: 'nodes[1].params.concurency',
        message: 'unknown parameter "concurency" (did you mean "concurrency"?) (node "api")',
      },
    ]);
    expect(issuesAfter((d) => (d.nmae = 'x'))).toEqual([
      { path: 'nmae', message: 'unknown field "nmae" (did you mean "name"?)' },
    ]);
    expect(issuesAfter((d) => (d.nodes[1]['zh-CN'] = 1))[0].path).toBe('nodes[1]["zh-CN"]');
  });

  it('invalid_value lists the options, with a guess', () => {
    expect(issuesAfter((d) => (d.nodes[0].params.arrival = 'posson'))[0].message).toBe(
      'must be one of poisson, constant, closed, got "posson" (did you mean "poisson"?) (node "users")',
    );
  });

  it('a bad or missing discriminator lists the kinds', () => {
    expect(issuesAfter((d) => (d.nodes[1].kind = 'servce'))).toEqual([
      {
        path: 'nodes[1].kind',
        message:
          'must be one of client, loadBalancer, service, pool, cache, queue, database, got "servce" (did you mean "service"?) (node "api")',
      },
    ]);
    expect(issuesAfter((d) => delete d.nodes[1].kind)[0]).toMatchObject({
      path: 'nodes[1].kind',
      message: expect.stringMatching(/^is required: one of client,/),
    });
    expect(issuesAfter((d) => (d.nodes[1].params.serviceTimeMs = { dist: 'gamma' }))[0]).toMatchObject({
      path: 'nodes[1].params.serviceTimeMs.dist',
      message: expect.stringContaining('must be one of constant, exponential, uniform'),
    });
  });

  it('a plain union reports the branch the value was meant for, or both types', () => {
    expect(issuesAfter((d) => (d.name = { en: 5 }))).toEqual([
      { path: 'name.en', message: 'must be a string, got 5' },
    ]);
    expect(issuesAfter((d) => (d.name = 5))).toEqual([
      { path: 'name', message: 'must be a string or an object, got 5' },
    ]);
  });

  it('keeps the schema’s own messages', () => {
    expect(issuesAfter((d) => (d.nodes[1].id = 'my api'))[0]).toEqual({
      path: 'nodes[1].id',
      message: 'must not contain spaces',
    });
    expect(issuesAfter((d) => (d.nodes[0].params = { arrival: 'closed' }))[0]).toEqual({
      path: 'nodes[0].params.users',
      message: 'is required when arrival is "closed" (node "users")',
    });
    expect(issuesAfter((d) => (d.scenario.warmupSec = 100))[0]).toEqual({
      path: 'scenario.warmupSec',
      message: 'must be shorter than durationSec',
    });
  });

  it('arrays too short', () => {
    const doc = fullDocument();
    doc.nodes[0].params.classes = [];
    expect(issuesOf(doc)).toContainEqual({
      path: 'nodes[0].params.classes',
      message: 'must not be empty (node "users")',
    });
  });

  it('codes the topology schema does not raise still read well', () => {
    expect(formatted(z.object({ n: z.number().multipleOf(5) }), { n: 7 })).toEqual([
      { path: 'n', message: 'must be a multiple of 5, got 7' },
    ]);
    expect(formatted(z.object({ s: z.string().regex(/^a+$/) }), { s: 'b' })).toEqual([
      { path: 's', message: 'must match /^a+$/, got "b"' },
    ]);
    expect(formatted(z.object({ s: z.string().max(3) }), { s: 'abcdef' })).toEqual([
      { path: 's', message: 'must be at most 3 characters long, got 6' },
    ]);
    expect(formatted(z.array(z.number()).max(1), [1, 2])).toEqual([
      { path: '', message: 'must have at most 1 item, got 2' },
    ]);
    expect(
      formatted(
        z.number().refine(() => false),
        1,
      ),
    ).toEqual([{ path: '', message: 'is not valid' }]);
  });
});
