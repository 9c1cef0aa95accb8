import fc from 'fast-check';
import { EVENT_TARGETS } from '../format/eventTargets.ts';

/*
 * fast-check arbitraries for valid topology documents (raw JSON, as a file holds them): 1–2 clients
 * and 1–6 other nodes in a call DAG (edges only go from a node to one listed after it, so there is no
 * cycle), every kind with its parameters at random, edges with timeouts, retries, breakers, stages and
 * probabilities, regions, request classes and scenario events of every type on fitting targets. Small:
 * 2–10 s at ≤ 2000 rps per client, so a run takes milliseconds.
 */

type Json = Record<string, unknown>;

/** A number in [min, max] on a grid of 1/scale: readable in a counterexample, never NaN or -0. */
const num = (min: number, max: number, scale = 100) =>
  fc.integer({ min: Math.round(min * scale), max: Math.round(max * scale) }).map((x) => x / scale);

/** A duration distribution (ms) whose draws are mostly within [0, maxMs]. */
function distribution(maxMs: number): fc.Arbitrary<Json> {
  return fc.oneof(
    num(0, maxMs).map((value) => ({ dist: 'constant', value })),
    num(0.01, maxMs).map((mean) => ({ dist: 'exponential', mean })),
    fc
      .tuple(num(0, maxMs), num(0, maxMs))
      .map(([a, b]) => ({ dist: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
    fc.tuple(num(0, maxMs), num(0, maxMs / 2)).map(([mean, sd]) => ({ dist: 'normal', mean, sd })),
    fc.tuple(num(0.01, maxMs), num(0.1, 2)).map(([mean, cv]) => ({ dist: 'lognormal', mean, cv })),
    fc
      .tuple(num(0.01, maxMs / 2), num(0.01, maxMs))
      // The validator allows p99 up to 1000 × p50.
      .map(([p50, more]) => ({ dist: 'lognormal', p50, p99: Math.min(p50 + more, p50 * 1000) })),
    fc
      .tuple(fc.integer({ min: 1, max: 4 }), num(0.01, maxMs))
      .map(([k, mean]) => ({ dist: 'erlang', k, mean })),
    fc
      .tuple(num(0, maxMs), num(0, maxMs))
      .map(([a, b]) => ({ dist: 'empirical', percentiles: { '50': Math.min(a, b), '100': Math.max(a, b) } })),
  );
}

/** A distribution that is never 0: a closed-loop user who never thinks would spin at one instant. */
const positiveDistribution = (maxMs: number) =>
  fc.oneof(
    num(0.5, maxMs).map((value) => ({ dist: 'constant', value })),
    num(0.5, maxMs).map((mean) => ({ dist: 'exponential', mean })),
  );

const CLASS_IDS = ['gold', 'free', 'batch'] as const;

const clientParams: fc.Arbitrary<Json> = fc
  .tuple(
    fc.oneof(
      fc.record({
        arrival: fc.constantFrom('poisson', 'constant'),
        rateRps: fc.integer({ min: 1, max: 2000 }),
      }),
      fc.record({
        arrival: fc.constantFrom('poisson', 'constant'),
        profile: fc
          .tuple(fc.integer({ min: 0, max: 2000 }), num(0.5, 8), fc.integer({ min: 0, max: 2000 }))
          .map(([rps0, atSec, rps1]) => [
            { atSec: 0, rps: rps0 },
            { atSec, rps: rps1 },
          ]),
        interpolation: fc.constantFrom('linear', 'step'),
      }),
      fc.record({
        arrival: fc.constant('closed'),
        users: fc.integer({ min: 1, max: 20 }),
        thinkTimeMs: positiveDistribution(100),
      }),
    ),
    fc.record(
      {
        timeoutMs: num(1, 500),
        keys: fc.record({ count: fc.integer({ min: 1, max: 1000 }), zipfS: num(0, 1.5) }),
        classes: fc
          .subarray([...CLASS_IDS], { minLength: 1 })
          .chain((ids) => fc.tuple(...ids.map((id) => num(0.1, 10).map((weight) => ({ id, weight }))))),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([traffic, extras]) => ({ ...traffic, ...extras }));

const serverShape = {
  concurrency: fc.integer({ min: 1, max: 4 }),
  maxInFlight: fc.integer({ min: 1, max: 8 }),
  queueCapacity: fc.integer({ min: 0, max: 10 }),
  serviceTimeMs: distribution(10),
  errorRate: fc.oneof(fc.constant(0), num(0, 0.2)),
  startupSec: num(0, 2),
  rateLimitRps: fc.integer({ min: 10, max: 2000 }),
};

const service = fc.record(
  {
    ...serverShape,
    replicas: fc.integer({ min: 1, max: 3 }),
    autoscale: fc
      .tuple(
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        num(0.1, 1),
        num(0.5, 3),
        num(0, 2),
      )
      .map(([min, more, targetUtilization, evaluateEverySec, provisionSec]) => ({
        min,
        max: min + more,
        targetUtilization,
        evaluateEverySec,
        provisionSec,
      })),
  },
  { requiredKeys: ['serviceTimeMs'] },
);

const database = fc.record(
  {
    ...serverShape,
    shards: fc.integer({ min: 1, max: 3 }),
    replicasPerShard: fc.integer({ min: 1, max: 3 }),
    readRatio: num(0, 1),
    failoverSec: num(0, 2),
  },
  { requiredKeys: ['serviceTimeMs'] },
);

const loadBalancer = fc.record(
  {
    policy: fc.constantFrom(
      'roundRobin',
      'random',
      'leastConnections',
      'powerOfTwo',
      'consistentHash',
      'weighted',
    ),
    overheadMs: distribution(1),
    healthCheckIntervalSec: num(0, 2),
    rateLimitRps: fc.integer({ min: 10, max: 2000 }),
    burst: fc.integer({ min: 1, max: 50 }),
  },
  { requiredKeys: [] },
);

const pool = fc.record(
  { maxConnections: fc.integer({ min: 1, max: 10 }), acquireTimeoutMs: num(1, 200) },
  { requiredKeys: ['maxConnections'] },
);

const cache = fc
  .tuple(
    fc.oneof(
      num(0, 1).map((hitRatio) => ({ hitRatio })),
      fc.record(
        {
          capacity: fc.integer({ min: 1, max: 500 }),
          scope: fc.constantFrom('shared' as const, 'perInstance' as const),
        },
        { requiredKeys: ['capacity'] },
      ),
    ),
    fc.record(
      { hitLatencyMs: distribution(1), ttlSec: num(0.1, 5), coalesceMisses: fc.boolean() },
      { requiredKeys: [] },
    ),
  )
  .map(([lookup, rest]) => ({ ...lookup, ...rest }));

const queue = fc.record(
  {
    capacity: fc.integer({ min: 1, max: 100 }),
    ackLatencyMs: distribution(2),
    maxRetries: fc.integer({ min: 0, max: 3 }),
    retryDelayMs: num(0, 100),
  },
  { requiredKeys: [] },
);

type Kind = 'service' | 'database' | 'loadBalancer' | 'pool' | 'cache' | 'queue';
interface NodeSpec {
  kind: Kind;
  params: Json;
}
const tagged = (kind: Kind, params: fc.Arbitrary<Json>) => params.map((p): NodeSpec => ({ kind, params: p }));
const serverNode = fc.oneof(tagged('service', service), tagged('database', database));
const anyNode = fc.oneof(
  serverNode,
  tagged('loadBalancer', loadBalancer),
  tagged('pool', pool),
  tagged('cache', cache),
  tagged('queue', queue),
);

const edgeParams = (classIds: string[]) =>
  fc.record(
    {
      weight: num(0.1, 5),
      latencyMs: distribution(5),
      stage: fc.integer({ min: 0, max: 2 }),
      probability: num(0, 1),
      count: fc.integer({ min: 1, max: 2 }),
      required: fc.boolean(),
      timeoutMs: num(1, 200),
      retries: fc.record(
        {
          max: fc.integer({ min: 0, max: 3 }),
          backoffMs: num(0, 20),
          multiplier: num(1, 3),
          jitter: num(0, 1),
        },
        { requiredKeys: ['max'] },
      ),
      circuitBreaker: fc.record(
        {
          errorRatio: num(0.01, 1),
          minRequests: fc.integer({ min: 1, max: 20 }),
          windowSec: num(0.5, 5),
          openSec: num(0.1, 3),
        },
        { requiredKeys: ['errorRatio'] },
      ),
      ...(classIds.length > 0 ? { classes: fc.subarray(classIds, { minLength: 1 }) } : {}),
    },
    { requiredKeys: [] },
  );

/**
 * `count`, `probability` and `stage` only for the calls of a service or database: every other kind
 * picks one edge by weight, and the validator refuses them there (crossChecks' `STAGED_ONLY`).
 */
function stagedOnlyFromServers(params: Json, kind: Kind | undefined): Json {
  if (kind === 'service' || kind === 'database') return params;
  const { count: _count, probability: _probability, stage: _stage, ...rest } = params;
  return rest;
}

/** Does a node of this kind need an outgoing edge (see crossChecks' NEEDS_OUTGOING)? */
function needsTarget(node: NodeSpec): boolean {
  if (node.kind === 'service' || node.kind === 'database') return false;
  return !(node.kind === 'cache' && node.params.hitRatio === 1);
}

const isServer = (node: NodeSpec) => node.kind === 'service' || node.kind === 'database';

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;
const shape = fc.record({
  clients: fc.array(clientParams, { minLength: 1, maxLength: 2 }),
  // The last node is a service or database, so every node before it has a target it may call.
  others: fc.tuple(fc.array(anyNode, { maxLength: 5 }), serverNode).map(([head, last]) => [...head, last]),
  regionCount: fc.integer({ min: 0, max: 2 }),
  regionPicks: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 8, maxLength: 8 }),
  regionLatency: fc.option(distribution(50)),
  durationSec: num(2, 10, 10),
  warmupShare: num(0, 0.5),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  windowSec: fc.constantFrom(0.25, 0.5, 1, 2),
});

/** Arbitrary valid topology documents. */
export function topologyDocuments(): fc.Arbitrary<Json> {
  return shape.chain((s) => topologyOf(s));
}

function topologyOf(s: Shape): fc.Arbitrary<Json> {
  const clientIds = s.clients.map((_, i) => `c${i}`);
  const otherIds = s.others.map((_, i) => `n${i}`);
  const regionIds = Array.from({ length: s.regionCount }, (_, i) => `r${i}`);
  const classIds = [
    ...new Set(s.clients.flatMap((c) => ((c.classes as { id: string }[]) ?? []).map((k) => k.id))),
  ];

  // Targets: a client calls one or two of the other nodes; node i calls nodes after it (a queue only
  // services and databases), at least one when its kind needs a target.
  const clientTargets = clientIds.map(() =>
    fc.subarray(otherIds, { minLength: 1, maxLength: Math.min(2, otherIds.length) }),
  );
  const otherTargets = s.others.map((node, i) => {
    const later = otherIds.filter((_, j) => j > i && (node.kind !== 'queue' || isServer(s.others[j])));
    return fc.subarray(later, { minLength: needsTarget(node) ? 1 : 0, maxLength: Math.min(3, later.length) });
  });
  return fc
    .tuple(fc.tuple(...clientTargets), fc.tuple(...otherTargets))
    .chain(([fromClients, fromOthers]) => {
      const pairs: [string, string][] = [
        ...clientIds.flatMap((id, i) => fromClients[i].map((t): [string, string] => [id, t])),
        ...otherIds.flatMap((id, i) => fromOthers[i].map((t): [string, string] => [id, t])),
      ];
      const edgeIds = pairs.map(([a, b]) => `${a}-${b}`);
      const kindOf = new Map<string, string>([
        ...clientIds.map((id): [string, string] => [id, 'client']),
        ...otherIds.map((id, i): [string, string] => [id, s.others[i].kind]),
      ]);
      const atSec = num(0, s.durationSec - 0.01);
      const lasting = { atSec, durationSec: num(0.1, s.durationSec) };
      const events: fc.Arbitrary<Json>[] = [];
      for (const [type, rule] of Object.entries(EVENT_TARGETS)) {
        const targets = [
          ...(rule.all ? ['all'] : []),
          ...[...kindOf]
            .filter(([, kind]) => (rule.kinds as readonly string[]).includes(kind))
            .map(([id]) => id),
          ...(rule.edges ? edgeIds : []),
        ];
        if (targets.length === 0) continue;
        const target = fc.constantFrom(...targets);
        type Fields = Record<string, fc.Arbitrary<unknown>>;
        const event = (required: Fields, optional: Fields = {}): fc.Arbitrary<Json> =>
          fc
            .tuple(
              fc.record({ type: fc.constant(type), atSec, target, ...required }),
              fc.record(optional, { requiredKeys: [] }),
            )
            .map(([fixed, extra]) => ({ ...fixed, ...extra }));
        const byType: Record<string, fc.Arbitrary<Json>> = {
          trafficMultiplier: event({ factor: num(0, 3) }, { durationSec: lasting.durationSec }),
          killInstances: fc
            .tuple(
              event({}, { durationSec: lasting.durationSec }),
              fc.boolean(),
              fc.integer({ min: 1, max: 3 }),
              num(0, 1),
            )
            .map(([e, byCount, count, fraction]) => (byCount ? { ...e, count } : { ...e, fraction })),
          restoreInstances: event({}, { count: fc.integer({ min: 1, max: 3 }) }),
          setReplicas: event({ replicas: fc.integer({ min: 1, max: 4 }) }),
          rollingRestart: event({}, { batch: fc.integer({ min: 1, max: 2 }) }),
          cacheFlush: event({}),
          injectLatency: event({ addMs: num(0, 50) }, { durationSec: lasting.durationSec }),
          injectErrors: event({ rate: num(0, 1) }, { durationSec: lasting.durationSec }),
        };
        if (!(type in byType)) throw new Error(`arbitraryTopology: no generator for ${type} events`);
        events.push(byType[type]);
      }
      if (regionIds.length > 0) {
        events.push(
          fc.record(
            { type: fc.constant('killRegion'), ...lasting, region: fc.constantFrom(...regionIds) },
            { requiredKeys: ['type', 'atSec', 'region'] },
          ),
        );
      }
      if (regionIds.length > 1) {
        events.push(
          fc.record(
            {
              type: fc.constant('partition'),
              ...lasting,
              regionA: fc.constant('r0'),
              regionB: fc.constant('r1'),
            },
            { requiredKeys: ['type', 'atSec', 'regionA', 'regionB'] },
          ),
        );
      }
      return fc
        .tuple(
          fc.tuple(...pairs.map(() => edgeParams(classIds))),
          fc.array(fc.oneof(...events), { maxLength: 4 }),
        )
        .map(([params, scenarioEvents]): Json => {
          const otherKinds = new Map(otherIds.map((id, i) => [id, s.others[i].kind]));
          const region = (i: number) => {
            const pick = s.regionPicks[i % s.regionPicks.length];
            return pick >= 0 && pick < regionIds.length ? { region: regionIds[pick] } : {};
          };
          return {
            format: 'archsim.topology',
            version: 1,
            regions: regionIds.map((id) => ({ id })),
            regionLatencyMs:
              s.regionLatency !== null && regionIds.length > 1
                ? [{ from: 'r0', to: 'r1', latencyMs: s.regionLatency }]
                : [],
            nodes: [
              ...s.clients.map((params, i) => ({ id: clientIds[i], kind: 'client', ...region(i), params })),
              ...s.others.map((n, i) => ({
                id: otherIds[i],
                kind: n.kind,
                ...region(i + 2),
                params: n.params,
              })),
            ],
            edges: pairs.map(([source, target], i) => ({
              id: edgeIds[i],
              source,
              target,
              params: stagedOnlyFromServers(params[i], otherKinds.get(source)),
            })),
            scenario: {
              durationSec: s.durationSec,
              warmupSec: Math.round(s.durationSec * s.warmupShare * 10) / 10,
              seed: s.seed,
              windowSec: s.windowSec,
              events: scenarioEvents,
            },
          };
        });
    });
}

/** The document plus a part that shares nothing with it: a client of its own calling a service of its own. */
export function withUnrelatedPart(doc: Json): Json {
  return {
    ...doc,
    nodes: [
      ...(doc.nodes as Json[]),
      { id: 'zz-users', kind: 'client', params: { rateRps: 300 } },
      { id: 'zz-api', kind: 'service', params: { serviceTimeMs: { dist: 'exponential', mean: 2 } } },
    ],
    edges: [...(doc.edges as Json[]), { id: 'zz-users-api', source: 'zz-users', target: 'zz-api' }],
  };
}

/**
 * Valid documents made hostile: paths that take no time (no think time, 0 ms services, acks and hit
 * latencies, no network latency), huge but valid values (replicas, rates, users, Erlang stages, lognormal
 * skew, durations near 1e12 ms), and scale-in while busy (setReplicas down to 1 and a rolling restart
 * of every service mid-run). A run of one must keep every invariant or be refused cleanly.
 */
export function hostileDocuments(): fc.Arbitrary<Json> {
  return fc
    .tuple(
      topologyDocuments(),
      fc.record({
        zeroTime: fc.boolean(),
        huge: fc.boolean(),
        scaleIn: fc.boolean(),
        factor: fc.constantFrom(1e3, 1e6, 1e9),
        k: fc.constantFrom(700, 1e6, 2 ** 31),
      }),
    )
    .map(([doc, h]) => {
      const scenario = doc.scenario as Json & { durationSec: number; events: Json[] };
      const nodes = (doc.nodes as { id: string; kind: string; params: Json }[]).map((n) => {
        const p = { ...n.params };
        if (h.zeroTime) {
          if (n.kind === 'client' && p.arrival === 'closed') p.thinkTimeMs = { dist: 'constant', value: 0 };
          if (n.kind === 'service' || n.kind === 'database') p.serviceTimeMs = { dist: 'constant', value: 0 };
          if (n.kind === 'cache') p.hitLatencyMs = { dist: 'constant', value: 0 };
          if (n.kind === 'queue') p.ackLatencyMs = { dist: 'constant', value: 0 };
          if (n.kind === 'loadBalancer') p.overheadMs = { dist: 'constant', value: 0 };
        }
        if (h.huge) {
          if (n.kind === 'client' && p.rateRps !== undefined)
            p.rateRps = Math.min(1e12, (p.rateRps as number) * h.factor);
          if (n.kind === 'client' && p.users !== undefined)
            p.users = Math.min(1e9, (p.users as number) * h.factor);
          if (n.kind === 'service') p.replicas = Math.min(1e9, ((p.replicas as number) ?? 1) * h.factor);
          if (n.kind === 'service' || n.kind === 'database')
            p.serviceTimeMs =
              h.factor === 1e3
                ? { dist: 'erlang', k: h.k, mean: 2 }
                : { dist: 'lognormal', mean: 2, cv: 100 };
        }
        return { ...n, params: p };
      });
      const edges = (doc.edges as (Json & { params: Json })[]).map((e) => {
        if (!h.zeroTime) return e;
        const { latencyMs: _latency, ...params } = e.params;
        return { ...e, params };
      });
      const events = [...scenario.events];
      if (h.scaleIn) {
        const atSec = scenario.durationSec / 2;
        for (const n of nodes) {
          if (n.kind !== 'service') continue;
          events.push({ type: 'setReplicas', atSec, target: n.id, replicas: 1 });
          events.push({ type: 'rollingRestart', atSec: atSec / 2, target: n.id, batch: 1 });
        }
      }
      return { ...doc, nodes, edges, scenario: { ...scenario, events } };
    });
}
