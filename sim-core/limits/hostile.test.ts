import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Budgets } from '../api.ts';
import { EXIT_OK, EXIT_USAGE } from '../cli/main.ts';
import { cli } from '../cli/testCli.ts';
import { BYTES_PER_JOB } from '../engine/compile.ts';
import { createSimulation } from '../engine/createSimulation.ts';
import { validateTopology } from '../format/validate.ts';
import { SimulationError } from '../messages/Message.ts';
import { MAX_CALL_DEPTH, resolveBudgets } from './budgets.ts';

/*
 * The hostile corpus (issue 8): files the schema may accept but no run can survive, or that look
 * harmless and hide a trap. Each goes through the real CLI, `validate` and `run --json`, and must end
 * with exit 0 and finite numbers, or exit 2 with a message naming the field or the nodes; one verdict
 * per file (whatever `run` refuses before it starts, `validate` refuses). Each run that starts is run
 * again in-process to check it kept within its budgets: its events, and its requests in flight at 256
 * bytes each within the memory budget. Budgets, not wall time. Run-time stops use lowered budgets so
 * the corpus stays quick; refusals before the run use the defaults.
 */

type Doc = Record<string, unknown> & { nodes: object[]; edges?: object[]; scenario: Record<string, unknown> };

interface Case {
  name: string;
  /** The file (envelope added), or its text when it is not JSON of an object. */
  doc: Doc;
  /** More options for `run` (and the budgets for `validate`). */
  args?: string[];
  /**
   * `ok`: exit 0, finite numbers. `refused`: exit 2 from both validate and run, before the run.
   * `stopped`: validate says OK (no estimate foresees it), run starts and stops with exit 2.
   */
  verdict: 'ok' | 'refused' | 'stopped';
  /** An option only `run` takes (`--duration`): `validate` checks the file as it is. */
  runOnly?: boolean;
  /** Text the message must contain: the code, the field, the nodes. */
  names?: string[];
}

const exp = (mean: number) => ({ dist: 'exponential', mean });
const constant = (value: number) => ({ dist: 'constant', value });
const edge = (source: string, target: string, params: object = {}) => ({
  id: `${source}->${target}`,
  source,
  target,
  params,
});

/** users → api: the smallest run, for a field to be made hostile. */
function service(api: object = {}, users: object = {}, scenario: object = {}): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100, ...users } },
      { id: 'api', kind: 'service', params: { serviceTimeMs: exp(5), ...api } },
    ],
    edges: [edge('users', 'api')],
    scenario: { durationSec: 5, ...scenario },
  };
}

/** users → db with `db` params. */
function database(db: object): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100 } },
      { id: 'db', kind: 'database', params: { serviceTimeMs: exp(2), ...db } },
    ],
    edges: [edge('users', 'db')],
    scenario: { durationSec: 5 },
  };
}

/** users → lb → api with an autoscale policy. */
function autoscaled(autoscale: object): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100 } },
      { id: 'api', kind: 'service', params: { serviceTimeMs: exp(5), autoscale } },
    ],
    edges: [edge('users', 'api')],
    scenario: { durationSec: 5 },
  };
}

/** 20 closed-loop users with no think time in front of `nodes`. */
function closedLoop(nodes: object[], edges: object[]): Doc {
  return {
    nodes: [{ id: 'users', kind: 'client', params: { arrival: 'closed', users: 20 } }, ...nodes],
    edges,
    scenario: { durationSec: 30 },
  };
}

/** producer → jobs → worker, the worker sending `back` to jobs again. */
function amplifier(back: object, queue: object = {}): Doc {
  return {
    nodes: [
      { id: 'producer', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
      { id: 'jobs', kind: 'queue', params: queue },
      { id: 'worker', kind: 'service', params: { concurrency: 4, serviceTimeMs: constant(1) } },
    ],
    edges: [edge('producer', 'jobs'), edge('jobs', 'worker'), edge('worker', 'jobs', back)],
    scenario: { durationSec: 60 },
  };
}

/** A client calling a chain of `n` services. */
function chain(n: number, params: object = {}): Doc {
  const nodes: object[] = [{ id: 'users', kind: 'client', params: { rateRps: 5 } }];
  const edges: object[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `s${i}`, kind: 'service', params: { serviceTimeMs: exp(0.5) } });
    edges.push({ id: `e${i}`, source: i === 0 ? 'users' : `s${i - 1}`, target: `s${i}`, params });
  }
  return { nodes, edges, scenario: { durationSec: 2 } };
}

/** One client fanning out to `n` services (a star), each call unlikely: valid, huge, idle. */
function star(n: number): Doc {
  const nodes: object[] = [{ id: 'users', kind: 'client', params: { rateRps: 1 } }];
  const edges: object[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `s${i}`, kind: 'service', params: { serviceTimeMs: exp(1) } });
    edges.push({ id: `e${i}`, source: 'users', target: `s${i}`, params: { weight: 1 } });
  }
  return { nodes, edges, scenario: { durationSec: 2 } };
}

/** `n` request classes on one client. */
function classes(n: number, perClient = n): Doc {
  const clients = Math.ceil(n / perClient);
  const nodes: object[] = [];
  const edges: object[] = [];
  for (let c = 0; c < clients; c++) {
    const ids = Array.from({ length: Math.min(perClient, n - c * perClient) }, (_, i) => ({
      id: `class${c * perClient + i}`,
      weight: 1,
    }));
    nodes.push({ id: `users${c}`, kind: 'client', params: { rateRps: 50, classes: ids } });
    edges.push(edge(`users${c}`, 'api'));
  }
  nodes.push({ id: 'api', kind: 'service', params: { serviceTimeMs: exp(2) } });
  return { nodes, edges, scenario: { durationSec: 3 } };
}

/** A service whose id (and its edge's) is `id`. */
function named(id: string, where: 'node' | 'edge' | 'class' | 'region' = 'node'): Doc {
  const base = service();
  if (where === 'node') {
    return {
      ...base,
      nodes: [base.nodes[0], { id, kind: 'service', params: { serviceTimeMs: exp(5) } }],
      edges: [edge('users', id)],
    };
  }
  if (where === 'edge') return { ...base, edges: [{ id, source: 'users', target: 'api' }] };
  if (where === 'class') {
    return {
      ...base,
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 100, classes: [{ id, weight: 1 }] } },
        base.nodes[1],
      ],
    };
  }
  return { ...base, regions: [{ id }], nodes: [base.nodes[0], { ...(base.nodes[1] as object), region: id }] };
}

const SIZE = 'unbounded size';
const AMPLIFY = 'self-amplifying work';
const ZERO = 'zero-time loops';
const DIST = 'distributions';
const SCALE = 'scale-in while busy';
const IDS = 'ids';
const CLASSES = 'request classes';
const BUDGET = 'budget options';
const DEPTH = 'deep call chains';

/** Lowered budgets for the runs a guard stops while they go: the corpus stays quick. */
const SMALL = ['--max-events', '2e5', '--max-memory', '64M'];

const CASES: Record<string, Case[]> = {
  [SIZE]: [
    ...[1e9, 1e12, 1e15].map(
      (replicas): Case => ({
        name: `replicas ${replicas}`,
        doc: service({ replicas }),
        verdict: 'refused',
        names: ['budget.memory', 'nodes[1].params.replicas', '"api"'],
      }),
    ),
    {
      name: 'replicas 1e308 (past the largest exact integer)',
      doc: service({ replicas: 1e308 }),
      verdict: 'refused',
      names: ['nodes[1].params.replicas', '"api"'],
    },
    ...[1e9, 1e308].map(
      (shards): Case => ({
        name: `shards ${shards}`,
        doc: database({ shards }),
        verdict: 'refused',
        names: ['nodes[1].params.shards', '"db"'],
      }),
    ),
    {
      name: 'replicasPerShard 1e9',
      doc: database({ shards: 4, replicasPerShard: 1e9 }),
      verdict: 'refused',
      names: ['nodes[1].params.replicasPerShard'],
    },
    ...[1e9, 1e308].map(
      (max): Case => ({
        name: `autoscale.max ${max}`,
        doc: autoscaled({ min: 1, max, targetUtilization: 0.5 }),
        verdict: 'refused',
        names: ['nodes[1].params.autoscale.max', '"api"'],
      }),
    ),
    ...[1e9, 1e308].map(
      (replicas): Case => ({
        name: `setReplicas ${replicas}`,
        doc: service({}, {}, { events: [{ type: 'setReplicas', atSec: 1, target: 'api', replicas }] }),
        verdict: 'refused',
        names: ['scenario.events[0].replicas'],
      }),
    ),
    ...[1e9, 1e308].map(
      (factor): Case => ({
        name: `trafficMultiplier ${factor}`,
        doc: service({}, {}, { events: [{ type: 'trafficMultiplier', atSec: 1, target: 'all', factor }] }),
        verdict: 'refused',
        // The multiplier is to blame, not the client's ordinary rate.
        names: ['budget.', '"users"', 'scenario.events[0].factor'],
      }),
    ),
    ...[1e9, 1e12, 1e308].map(
      (rateRps): Case => ({
        name: `rateRps ${rateRps} on one replica`,
        doc: service({}, { rateRps }),
        verdict: 'refused',
        names: ['budget.', 'nodes[0].params.rateRps'],
      }),
    ),
    {
      name: 'rateRps 1e12 with --sampling auto on one replica',
      doc: service({}, { rateRps: 1e12 }),
      args: ['--sampling', 'auto'],
      verdict: 'refused',
      names: ['nodes[0].params.rateRps'],
    },
    {
      name: 'a profile point of 1e12 rps',
      doc: service(
        {},
        {
          rateRps: undefined,
          profile: [
            { atSec: 0, rps: 10 },
            { atSec: 2, rps: 1e12 },
          ],
        },
      ),
      verdict: 'refused',
      names: ['nodes[0].params.profile[1].rps'],
    },
    {
      name: 'a billion closed-loop users',
      doc: service({}, { arrival: 'closed', users: 1e9, rateRps: undefined, thinkTimeMs: exp(100) }),
      verdict: 'refused',
      names: ['nodes[0].params.users'],
    },
    {
      name: 'durationSec 1e9',
      doc: service({}, {}, { durationSec: 1e9 }),
      verdict: 'refused',
      names: ['scenario.durationSec'],
    },
    {
      name: '--duration 1e9',
      doc: service(),
      args: ['--duration', '1e9'],
      runOnly: true,
      verdict: 'refused',
      names: ['--duration 1000000000', 'scenario.durationSec'],
    },
    ...[1e-9, 1e-6].map(
      (windowSec): Case => ({
        name: `windowSec ${windowSec}`,
        doc: service({}, {}, { windowSec, durationSec: 60 }),
        verdict: 'refused',
        names: ['scenario.windowSec'],
      }),
    ),
    {
      name: '50 000 valid nodes',
      doc: star(50_000),
      verdict: 'refused',
      names: ['budget.memory', 'nodes'],
    },
    {
      name: 'a call made a billion times per request',
      doc: {
        nodes: [...service().nodes, { id: 'db', kind: 'database', params: { serviceTimeMs: exp(1) } }],
        edges: [edge('users', 'api'), edge('api', 'db', { count: 1e9 })],
        scenario: { durationSec: 5 },
      },
      verdict: 'refused',
      names: ['edges[1].params.count'],
    },
    {
      name: 'health checks every nanosecond',
      doc: {
        nodes: [
          { id: 'users', kind: 'client', params: { rateRps: 10 } },
          { id: 'lb', kind: 'loadBalancer', params: { healthCheckIntervalSec: 1e-9 } },
          { id: 'api', kind: 'service', params: { replicas: 3, serviceTimeMs: exp(5) } },
        ],
        edges: [edge('users', 'lb'), edge('lb', 'api')],
        scenario: { durationSec: 60 },
      },
      verdict: 'refused',
      names: ['nodes[1].params.healthCheckIntervalSec'],
    },
    {
      name: 'autoscaling evaluated every nanosecond',
      doc: autoscaled({ min: 1, max: 4, targetUtilization: 0.5, evaluateEverySec: 1e-9 }),
      verdict: 'refused',
      names: ['nodes[1].params.autoscale.evaluateEverySec'],
    },
    {
      name: 'retries that never stop (1e9 attempts, no backoff, always failing)',
      doc: {
        ...service({ serviceTimeMs: constant(0), errorRate: 1 }, { rateRps: 10 }),
        edges: [edge('users', 'api', { retries: { max: 1e9, backoffMs: 0 } })],
      },
      args: SMALL,
      verdict: 'stopped',
      names: ['budget.eventsExceeded', '"api"', '--max-events'],
    },
    {
      name: 'an overloaded waiting room with no capacity, for an hour',
      doc: service({ serviceTimeMs: constant(1) }, { rateRps: 2000 }, { durationSec: 3600, windowSec: 60 }),
      args: ['--max-events', '1e9', '--max-memory', '32M'],
      verdict: 'stopped',
      names: ['watchdog.unboundedWork', '"api"', '--max-memory'],
    },
    {
      name: 'a pool whose callers are 20 000 replicas',
      doc: {
        nodes: [
          { id: 'users', kind: 'client', params: { rateRps: 10 } },
          { id: 'api', kind: 'service', params: { replicas: 20_000, serviceTimeMs: exp(1) } },
          { id: 'pool', kind: 'pool', params: { maxConnections: 10 } },
          { id: 'db', kind: 'database', params: { serviceTimeMs: exp(1) } },
        ],
        edges: [edge('users', 'api'), edge('api', 'pool'), edge('pool', 'db')],
        scenario: { durationSec: 5 },
      },
      verdict: 'ok',
    },
    {
      name: 'a huge but valid LRU cache with its key space',
      doc: {
        nodes: [
          { id: 'users', kind: 'client', params: { rateRps: 100, keys: { count: 1e12 } } },
          { id: 'cache', kind: 'cache', params: { capacity: 1e12 } },
          { id: 'db', kind: 'database', params: { serviceTimeMs: exp(1) } },
        ],
        edges: [edge('users', 'cache'), edge('cache', 'db')],
        scenario: { durationSec: 5 },
      },
      verdict: 'ok',
    },
    {
      name: 'a traffic multiplier of 0 for the whole run',
      doc: service({}, {}, { events: [{ type: 'trafficMultiplier', atSec: 0, target: 'all', factor: 0 }] }),
      verdict: 'ok',
    },
  ],
  [AMPLIFY]: [
    {
      name: 'two messages back per message',
      doc: amplifier({ count: 2 }),
      verdict: 'refused',
      names: ['budget.unboundedLoop', 'nodes[1]', '"jobs"'],
    },
    {
      name: 'one message back per message, for ever',
      doc: amplifier({}),
      verdict: 'refused',
      names: ['nodes[1]', '"jobs"'],
    },
    {
      name: '1.5 messages back per message',
      doc: amplifier({ count: 3, probability: 0.5 }),
      verdict: 'refused',
      names: ['nodes[1]'],
    },
    {
      name: 'two queues feeding each other',
      doc: {
        nodes: [
          { id: 'producer', kind: 'client', params: { rateRps: 10 } },
          { id: 'a', kind: 'queue', params: {} },
          { id: 'wa', kind: 'service', params: { serviceTimeMs: constant(1) } },
          { id: 'b', kind: 'queue', params: {} },
          { id: 'wb', kind: 'service', params: { serviceTimeMs: constant(1) } },
        ],
        edges: [
          edge('producer', 'a'),
          edge('a', 'wa'),
          edge('wa', 'b', { count: 2 }),
          edge('b', 'wb'),
          edge('wb', 'a'),
        ],
        scenario: { durationSec: 60 },
      },
      verdict: 'refused',
      names: ['budget.unboundedLoop', '"b"'],
    },
    {
      name: 'half the messages come back once (damped)',
      doc: amplifier({ probability: 0.5 }),
      verdict: 'ok',
    },
    {
      name: 'messages retried 1e6 times by a consumer that always fails',
      doc: {
        nodes: [
          { id: 'producer', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
          { id: 'jobs', kind: 'queue', params: { maxRetries: 1_000_000, retryDelayMs: 0 } },
          { id: 'worker', kind: 'service', params: { serviceTimeMs: constant(0), errorRate: 1 } },
        ],
        edges: [edge('producer', 'jobs'), edge('jobs', 'worker')],
        scenario: { durationSec: 60 },
      },
      args: SMALL,
      verdict: 'stopped',
      names: ['"jobs"'],
    },
  ],
  [ZERO]: [
    {
      name: 'a 0 ms service',
      doc: closedLoop(
        [{ id: 'api', kind: 'service', params: { serviceTimeMs: constant(0) } }],
        [edge('users', 'api')],
      ),
      verdict: 'refused',
      names: ['nodes[0].params.thinkTimeMs', '"users"', '"api"'],
    },
    {
      name: 'a queue that acknowledges at once',
      doc: closedLoop(
        [
          { id: 'jobs', kind: 'queue', params: {} },
          { id: 'worker', kind: 'service', params: { serviceTimeMs: exp(50) } },
        ],
        [edge('users', 'jobs'), edge('jobs', 'worker')],
      ),
      verdict: 'refused',
      names: ['nodes[0].params.thinkTimeMs', '"jobs"'],
    },
    {
      name: 'a cache with hit ratio 1',
      doc: closedLoop(
        [
          { id: 'cache', kind: 'cache', params: { hitRatio: 1 } },
          { id: 'db', kind: 'database', params: { serviceTimeMs: constant(5) } },
        ],
        [edge('users', 'cache'), edge('cache', 'db')],
      ),
      verdict: 'refused',
      names: ['"cache"'],
    },
    {
      name: 'a chain of three 0 ms services',
      doc: closedLoop(
        ['a', 'b', 'c'].map((id) => ({ id, kind: 'service', params: { serviceTimeMs: constant(0) } })),
        [edge('users', 'a'), edge('a', 'b'), edge('b', 'c')],
      ),
      verdict: 'refused',
      names: ['"a"', '"c"'],
    },
    {
      name: 'a balancer in front of 0 ms replicas',
      doc: closedLoop(
        [
          { id: 'lb', kind: 'loadBalancer', params: {} },
          { id: 'api', kind: 'service', params: { replicas: 3, serviceTimeMs: constant(0) } },
        ],
        [edge('users', 'lb'), edge('lb', 'api')],
      ),
      verdict: 'refused',
      names: ['"lb"'],
    },
    {
      name: 'an explicit think time of 0 ms',
      doc: {
        ...closedLoop(
          [{ id: 'api', kind: 'service', params: { serviceTimeMs: constant(0) } }],
          [edge('users', 'api')],
        ),
        nodes: [
          { id: 'users', kind: 'client', params: { arrival: 'closed', users: 5, thinkTimeMs: constant(0) } },
          { id: 'api', kind: 'service', params: { serviceTimeMs: constant(0) } },
        ],
      },
      verdict: 'refused',
      names: ['nodes[0].params.thinkTimeMs'],
    },
    {
      name: 'a 0.1 ms service (time advances, however slowly)',
      doc: {
        ...closedLoop(
          [{ id: 'api', kind: 'service', params: { serviceTimeMs: constant(0.1) } }],
          [edge('users', 'api')],
        ),
        scenario: { durationSec: 2 },
      },
      verdict: 'ok',
    },
    {
      name: 'an open client in front of a 0 ms service',
      doc: service({ serviceTimeMs: constant(0) }, { rateRps: 1000 }),
      verdict: 'ok',
    },
    {
      name: 'a 0 ms pool and database behind users who think',
      doc: {
        nodes: [
          { id: 'users', kind: 'client', params: { arrival: 'closed', users: 20, thinkTimeMs: exp(10) } },
          { id: 'pool', kind: 'pool', params: { maxConnections: 2 } },
          { id: 'db', kind: 'database', params: { serviceTimeMs: constant(0) } },
        ],
        edges: [edge('users', 'pool'), edge('pool', 'db')],
        scenario: { durationSec: 5 },
      },
      verdict: 'ok',
    },
  ],
  [DIST]: [
    ...[700, 1000, 1e6, 2 ** 31].map(
      (k): Case => ({
        name: `erlang k = ${k}`,
        doc: service({ serviceTimeMs: { dist: 'erlang', k, mean: 4 } }),
        verdict: 'ok',
      }),
    ),
    {
      name: 'erlang k = 1e6 with a mean of 1e12 ms',
      doc: service({ serviceTimeMs: { dist: 'erlang', k: 1e6, mean: 1e12 } }, { rateRps: 10 }),
      verdict: 'refused',
      // Ten requests a second that each take ~1e12 ms pile up: ~1e10 in flight at once.
      names: ['budget.memory', 'requests in flight'],
    },
    {
      name: 'a think time of erlang k = 1e9',
      doc: service(
        {},
        {
          arrival: 'closed',
          users: 10,
          rateRps: undefined,
          thinkTimeMs: { dist: 'erlang', k: 1e9, mean: 50 },
        },
      ),
      verdict: 'ok',
    },
    ...[1e200, 101, Number.MAX_VALUE].map(
      (cv): Case => ({
        name: `lognormal cv ${cv}`,
        doc: service({ serviceTimeMs: { dist: 'lognormal', mean: 5, cv } }),
        verdict: 'refused',
        names: ['nodes[1].params.serviceTimeMs.cv'],
      }),
    ),
    {
      name: 'lognormal cv 100',
      doc: service({ serviceTimeMs: { dist: 'lognormal', mean: 5, cv: 100 } }),
      verdict: 'ok',
    },
    {
      name: 'lognormal mean 1e12 ms, cv 100',
      doc: service({ serviceTimeMs: { dist: 'lognormal', mean: 1e12, cv: 100 } }, { rateRps: 10 }),
      verdict: 'refused',
      // Ten requests a second that each take ~1e12 ms pile up: ~1e10 in flight at once.
      names: ['budget.memory', 'requests in flight'],
    },
    {
      name: 'lognormal p99 a million times p50',
      doc: service({ serviceTimeMs: { dist: 'lognormal', p50: 1, p99: 1e6 } }),
      verdict: 'refused',
      names: ['nodes[1].params.serviceTimeMs.p99'],
    },
    {
      name: 'an edge latency of lognormal cv 1e200',
      doc: {
        ...service(),
        edges: [edge('users', 'api', { latencyMs: { dist: 'lognormal', mean: 1, cv: 1e200 } })],
      },
      verdict: 'refused',
      names: ['edges[0].params.latencyMs.cv'],
    },
    ...[1e13, 1e308].map(
      (mean): Case => ({
        name: `exponential mean ${mean} ms`,
        doc: service({ serviceTimeMs: exp(mean) }),
        verdict: 'refused',
        names: ['nodes[1].params.serviceTimeMs.mean'],
      }),
    ),
    {
      name: 'a constant of 1e308 ms',
      doc: service({ serviceTimeMs: constant(1e308) }),
      verdict: 'refused',
      names: ['nodes[1].params.serviceTimeMs.value'],
    },
    {
      name: 'a normal of sd 1e12 around 0',
      doc: service({ serviceTimeMs: { dist: 'normal', mean: 0, sd: 1e12 } }, { rateRps: 10 }),
      verdict: 'refused',
      // Ten requests a second that each take ~1e12 ms pile up: ~1e10 in flight at once.
      names: ['budget.memory', 'requests in flight'],
    },
    {
      name: 'a uniform from 0 to 1e12 ms',
      doc: service({ serviceTimeMs: { dist: 'uniform', min: 0, max: 1e12 } }, { rateRps: 10 }),
      verdict: 'refused',
      // Ten requests a second that each take ~1e12 ms pile up: ~1e10 in flight at once.
      names: ['budget.memory', 'requests in flight'],
    },
    {
      name: 'an empirical table that decreases',
      doc: service({ serviceTimeMs: { dist: 'empirical', percentiles: { '50': 10, '90': 5, '100': 20 } } }),
      verdict: 'refused',
      names: ['nodes[1].params.serviceTimeMs.percentiles["90"]', 'cannot decrease'],
    },
    {
      name: 'an empirical table without its maximum',
      doc: service({ serviceTimeMs: { dist: 'empirical', percentiles: { '50': 10, '99': 50 } } }),
      verdict: 'refused',
      names: ['nodes[1].params.serviceTimeMs.percentiles'],
    },
    {
      name: 'an injected latency of 1e308 ms',
      doc: service({}, {}, { events: [{ type: 'injectLatency', atSec: 1, target: 'api', addMs: 1e308 }] }),
      verdict: 'ok',
    },
    {
      name: 'a client timeout of 1e-300 ms',
      doc: service({}, { timeoutMs: 1e-300 }),
      verdict: 'ok',
    },
  ],
  [SCALE]: [
    ...[
      [8, 1],
      [8, 2],
      [16, 1],
    ].map(
      ([from, to]): Case => ({
        name: `setReplicas ${from} → ${to} while every replica is busy`,
        doc: service(
          { replicas: from, serviceTimeMs: constant(10) },
          { rateRps: from * 80 },
          {
            durationSec: 8,
            windowSec: 0.5,
            events: [{ type: 'setReplicas', atSec: 3, target: 'api', replicas: to }],
          },
        ),
        verdict: 'ok',
      }),
    ),
    {
      name: 'scale in, out and in again',
      doc: service(
        { replicas: 8, serviceTimeMs: constant(10) },
        { rateRps: 600 },
        {
          durationSec: 8,
          windowSec: 0.5,
          events: [
            { type: 'setReplicas', atSec: 2, target: 'api', replicas: 1 },
            { type: 'setReplicas', atSec: 4, target: 'api', replicas: 8 },
            { type: 'setReplicas', atSec: 6, target: 'api', replicas: 2 },
          ],
        },
      ),
      verdict: 'ok',
    },
    {
      name: 'a rolling restart under load',
      doc: service(
        { replicas: 6, serviceTimeMs: constant(10), startupSec: 1 },
        { rateRps: 400 },
        {
          durationSec: 8,
          windowSec: 0.5,
          events: [{ type: 'rollingRestart', atSec: 2, target: 'api', batch: 3 }],
        },
      ),
      verdict: 'ok',
    },
    {
      name: '90% of the instances killed while busy, then restored',
      doc: service(
        { replicas: 10, serviceTimeMs: constant(10) },
        { rateRps: 700 },
        {
          durationSec: 8,
          windowSec: 0.5,
          events: [
            { type: 'killInstances', atSec: 2, target: 'api', fraction: 0.9 },
            { type: 'restoreInstances', atSec: 5, target: 'api' },
          ],
        },
      ),
      verdict: 'ok',
    },
    {
      name: 'autoscaling in after the traffic drops',
      doc: {
        ...autoscaled({ min: 1, max: 10, targetUtilization: 0.6, evaluateEverySec: 1, provisionSec: 0 }),
        scenario: {
          durationSec: 10,
          windowSec: 0.5,
          events: [{ type: 'trafficMultiplier', atSec: 5, target: 'all', factor: 0.05 }],
        },
      },
      verdict: 'ok',
    },
    {
      name: 'scaled in while busy replicas are still starting',
      doc: service(
        { replicas: 4, serviceTimeMs: constant(10), startupSec: 2 },
        { rateRps: 300 },
        {
          durationSec: 8,
          windowSec: 0.5,
          events: [
            { type: 'setReplicas', atSec: 1, target: 'api', replicas: 8 },
            { type: 'setReplicas', atSec: 2, target: 'api', replicas: 1 },
          ],
        },
      ),
      verdict: 'ok',
    },
  ],
  [IDS]: [
    ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'].map(
      (id): Case => ({ name: `a node called ${id}`, doc: named(id), verdict: 'ok', names: [id] }),
    ),
    ...['__proto__', 'constructor'].map(
      (id): Case => ({ name: `an edge called ${id}`, doc: named(id, 'edge'), verdict: 'ok', names: [id] }),
    ),
    ...['__proto__', 'toString'].map(
      (id): Case => ({
        name: `a request class called ${id}`,
        doc: named(id, 'class'),
        verdict: 'ok',
        names: [id],
      }),
    ),
    { name: 'a region called __proto__', doc: named('__proto__', 'region'), verdict: 'ok' },
    ...(
      [
        ['NUL', '\u0000', 'node'],
        ['ESC', '\u001b', 'node'],
        ['DEL', '\u007f', 'node'],
        ['NEL (C1)', '\u0085', 'node'],
        ['a right-to-left override', '\u202e', 'node'],
        ['half a surrogate pair', '\ud800', 'node'],
        ['a newline', '\n', 'edge'],
        ['a tab', '\t', 'class'],
        ['a bidi isolate', '\u2066', 'region'],
        ['a carriage return', '\r', 'edge'],
      ] as const
    ).map(
      ([what, char, where]): Case => ({
        name: `${what} in a ${where} id`,
        doc: named(`api${char}x`, where),
        verdict: 'refused',
        names: [
          where === 'node'
            ? 'nodes[1].id'
            : where === 'edge'
              ? 'edges[0].id'
              : where === 'class'
                ? 'nodes[0].params.classes[0].id'
                : 'regions[0].id',
          `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
        ],
      }),
    ),
  ],
  [CLASSES]: [
    { name: '31 request classes', doc: classes(31), verdict: 'ok' },
    { name: '32 request classes', doc: classes(32), verdict: 'refused', names: ['classes', '31'] },
    { name: '32 classes over two clients', doc: classes(32, 16), verdict: 'refused', names: ['classes'] },
    { name: '200 request classes', doc: classes(200), verdict: 'refused', names: ['classes'] },
  ],
  [BUDGET]: [
    ...['0', '-5', 'abc', '1e400', 'NaN'].map(
      (value): Case => ({
        name: `--max-events ${value}`,
        doc: service(),
        args: ['--max-events', value],
        verdict: 'refused',
        names: ['--max-events'],
      }),
    ),
    ...['0', '12XB', '-1G'].map(
      (value): Case => ({
        name: `--max-memory ${value}`,
        doc: service(),
        args: ['--max-memory', value],
        verdict: 'refused',
        names: ['--max-memory'],
      }),
    ),
    {
      name: '--max-events 1000 for a run of 2500 requests',
      doc: service(),
      args: ['--max-events', '1000'],
      verdict: 'refused',
      names: ['budget.events', 'nodes[0].params.rateRps', '--max-events'],
    },
    {
      name: '--max-memory 1M for 300 services',
      doc: chain(150),
      args: ['--max-memory', '1M'],
      verdict: 'refused',
      names: ['budget.memory', '--max-memory'],
    },
  ],
  [DEPTH]: [
    {
      name: `a chain of ${MAX_CALL_DEPTH + 1} services`,
      doc: chain(MAX_CALL_DEPTH + 1),
      verdict: 'refused',
      names: ['engine.callDepth', 'nodes[0]', `"s${MAX_CALL_DEPTH}"`],
    },
    {
      name: 'a chain of 1000 services with network latency',
      doc: chain(1000, { latencyMs: constant(1) }),
      verdict: 'refused',
      names: ['engine.callDepth'],
    },
    { name: 'a chain of 150 services', doc: chain(150), verdict: 'ok' },
    {
      name: 'a chain of 600 hops broken by queues every 100',
      doc: (() => {
        const d = chain(600);
        for (let i = 99; i < 500; i += 100) d.nodes[i + 1] = { id: `s${i}`, kind: 'queue', params: {} };
        return d;
      })(),
      verdict: 'ok',
    },
  ],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archsim-hostile-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let fileNo = 0;
async function fileOf(doc: Doc): Promise<string> {
  const file = join(dir, `case${fileNo++}.archsim.json`);
  await writeFile(file, JSON.stringify({ format: 'archsim.topology', version: 1, ...doc }));
  return file;
}

/** The budgets `args` asks for (the CLI's own parse, through a refusal-free path). */
function budgetsOf(args: readonly string[]): Required<Budgets> {
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const mem = at('--max-memory');
  const unit = mem === undefined ? 1 : 1024 ** ' KMGT'.indexOf(mem.slice(-1).toUpperCase());
  return resolveBudgets({
    maxEvents: at('--max-events') === undefined ? undefined : Number(at('--max-events')),
    maxMemoryBytes: mem === undefined ? undefined : Number.parseFloat(mem) * unit,
  });
}

/** Every number in `value` (a summary), with where it is. */
function* numbers(value: unknown, path = 'summary'): Generator<[string, number]> {
  if (typeof value === 'number') yield [path, value];
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) yield* numbers(value[i], `${path}[${i}]`);
  else if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value))
      yield* numbers((value as Record<string, unknown>)[key], `${path}.${key}`);
}

/** Runs a case in-process, as the CLI does, and checks it kept within its budgets. */
function runInProcess(c: Case, budgets: Required<Budgets>): SimulationError | null {
  const result = validateTopology({ format: 'archsim.topology', version: 1, ...c.doc });
  if (!result.ok) throw new Error(`${c.name}: invalid, ${result.issues[0].path}`);
  const durationArg = c.args?.includes('--duration')
    ? Number(c.args[c.args.indexOf('--duration') + 1])
    : undefined;
  const sim = createSimulation(result.topology, { budgets, durationSec: durationArg });
  let stop: SimulationError | null = null;
  try {
    sim.runUntil(sim.endSec);
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    stop = error;
  }
  const summary = sim.summary();
  expect(summary.events, 'events within the budget').toBeLessThanOrEqual(budgets.maxEvents);
  if (stop?.detail.code === 'watchdog.unboundedWork') {
    const inFlight = stop.detail.params.inFlight as number;
    expect(inFlight * BYTES_PER_JOB, 'requests in flight within the memory budget').toBeLessThanOrEqual(
      budgets.maxMemoryBytes,
    );
  }
  if (stop === null) {
    for (const [where, x] of numbers(summary)) expect(Number.isFinite(x), `${where} = ${x}`).toBe(true);
    for (const [id, row] of Object.entries(summary.nodes)) {
      if (row.utilization !== null)
        expect(row.utilization, `${id} utilization`).toBeLessThanOrEqual(1 + 1e-9);
    }
    for (const w of sim.snapshot().windows)
      for (const [id, row] of Object.entries(w.nodes))
        if (row.utilization !== null)
          expect(row.utilization, `${id} at ${w.startSec} s`).toBeLessThanOrEqual(1 + 1e-9);
  }
  return stop;
}

describe('the hostile corpus', () => {
  const total = Object.values(CASES).reduce((n, list) => n + list.length, 0);
  it('has at least 100 inputs', () => {
    expect(total).toBeGreaterThanOrEqual(100);
  });

  for (const [group, list] of Object.entries(CASES)) {
    describe(`${group} (${list.length})`, () => {
      it.each(list.map((c) => [c.name, c] as const))('%s', { timeout: 60_000 }, async (_name, c) => {
        const file = await fileOf(c.doc);
        const args = c.args ?? [];
        const budgetArgs = args.filter((_a, i) => {
          const flag = args[i - (args[i].startsWith('--') ? 0 : 1)];
          return flag === '--max-events' || flag === '--max-memory';
        });
        const checked = await cli('validate', file, ...budgetArgs);
        const ran = await cli('run', file, '--json', ...args);
        const said = ran.stderr;
        if (c.verdict === 'ok') {
          expect(ran.code, said).toBe(EXIT_OK);
          expect(checked.code, checked.stderr).toBe(EXIT_OK);
          const summary = JSON.parse(ran.stdout);
          for (const id of c.names ?? []) {
            const found = [summary.nodes, summary.edges, summary.classes].some((rows) =>
              Object.hasOwn(rows, id),
            );
            expect(found, `${id} in the summary`).toBe(true);
          }
        } else {
          expect(ran.code, said).toBe(EXIT_USAGE);
          expect(ran.stdout).toBe('');
          const refused = c.verdict === 'refused' && !c.runOnly;
          expect(checked.code, checked.stderr).toBe(refused ? EXIT_USAGE : EXIT_OK);
          // One verdict: validate says what run says.
          if (refused) expect(checked.stderr.split('\n').slice(1)).toEqual(said.split('\n').slice(1));
          for (const name of c.names ?? []) expect(said).toContain(name);
          // Never a stack trace, never a code printed raw with its parameters for want of a sentence.
          expect(said).not.toMatch(/\n\s+at .*:\d+:\d+\)?$/m);
          expect(said).not.toMatch(/[a-z]\.[a-zA-Z]+ \{"/);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
          expect(said).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        }
        if (c.verdict !== 'refused') {
          const stop = runInProcess(c, budgetsOf(args));
          expect(stop === null, stop?.detail.code).toBe(c.verdict === 'ok');
        }
      });
    });
  }

  describe('--out (3)', () => {
    it('refuses, before the run, an --out under a file, one that is a file, one two levels under a file', async () => {
      // A run of 1e9 s would be refused for its events: --out is checked first, so it is what is said.
      const file = await fileOf(service({}, {}, { durationSec: 1e9 }));
      const plain = join(dir, 'plain.txt');
      await writeFile(plain, 'x');
      for (const out of [join(plain, 'out'), plain, join(plain, 'a', 'b')]) {
        const { code, stderr } = await cli('run', file, '--out', out);
        expect(code).toBe(EXIT_USAGE);
        expect(stderr).toContain('--out');
        expect(stderr).not.toContain('budget');
      }
    });
  });
});
