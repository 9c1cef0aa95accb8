import { z } from 'zod';
import { distribution } from './distribution.ts';
import { presetFields } from './preset.ts';

/**
 * The topology file format, version 1: the public contract between the editor, the CLI and the engine.
 * Structural rules live here; rules that look across the document (ids, references, cycles) live in
 * `crossChecks.ts`. Every params object is strict, so a misspelt parameter is an error, not a silent default.
 * A rule of the schema's own gives a message code (`sim-core/messages/en.ts`) as its `message`, with
 * the code's parameters in `params`.
 */
export const FORMAT = 'archsim.topology';
export const FORMAT_VERSION = 1;

/**
 * Characters no id may hold, though any other string is a safe id (`__proto__`, `toString`, `用户`):
 * control characters (C0, DEL, C1: an ESC would rewrite a terminal, and none belongs in a CSV cell), the
 * bidirectional overrides and isolates that reorder how the text around them is shown, and a lone half
 * of a surrogate pair, which is not Unicode and turns into U+FFFD in every file it is written to.
 */
const UNSAFE_ID_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unsafeCharacterCode(char: string): 'id.halfSurrogate' | 'id.bidiCharacter' | 'id.controlCharacter' {
  const code = char.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return 'id.halfSurrogate';
  if (code >= 0x202a) return 'id.bidiCharacter';
  return 'id.controlCharacter';
}

const id = z
  .string()
  .min(1, 'id.empty')
  .max(200, 'id.tooLong')
  .regex(/^[^\s]+$/, 'id.spaces')
  .superRefine((value, ctx) => {
    const found = UNSAFE_ID_CHARACTER.exec(value);
    if (!found) return;
    const char = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    ctx.addIssue({
      code: 'custom',
      message: unsafeCharacterCode(found[0]),
      params: { char, position: found.index + 1 },
    });
  });
const probability = z.number().min(0).max(1);
const nonNegative = z.number().min(0);
const positive = z.number().gt(0);
const count = z.number().int().min(1);

/** A plain string, or a text per locale: `{ "en": "Startup", "zh-CN": "初创期" }`. */
export const localizedText = z.union([z.string(), z.record(z.string(), z.string())]);
export type LocalizedText = z.infer<typeof localizedText>;

export const position = z.strictObject({ x: z.number(), y: z.number() });

/** At most this many distinct request classes in one topology: the engine keeps them as bits of an int. */
export const MAX_REQUEST_CLASSES = 31;

export const requestClass = z.strictObject({ id, weight: positive, label: localizedText.optional() });

export const clientParams = z
  .strictObject({
    arrival: z.enum(['poisson', 'constant', 'closed']).default('poisson'),
    rateRps: nonNegative.optional(),
    profile: z
      .array(z.strictObject({ atSec: nonNegative, rps: nonNegative }))
      .min(1)
      .optional(),
    interpolation: z.enum(['linear', 'step']).default('linear'),
    users: count.optional(),
    thinkTimeMs: distribution.optional(),
    timeoutMs: positive.optional(),
    keys: z.strictObject({ count, zipfS: nonNegative.default(0) }).optional(),
    classes: z.array(requestClass).min(1).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.arrival === 'closed') {
      if (p.users === undefined)
        ctx.addIssue({ code: 'custom', path: ['users'], message: 'client.usersRequired' });
    } else if (p.rateRps === undefined && p.profile === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateRps'],
        message: 'client.rateRequired',
        params: { arrival: p.arrival },
      });
    }
    if (p.profile) {
      for (let i = 1; i < p.profile.length; i++) {
        if (p.profile[i].atSec <= p.profile[i - 1].atSec) {
          ctx.addIssue({
            code: 'custom',
            path: ['profile', i, 'atSec'],
            message: 'profile.notLater',
          });
        }
      }
    }
  });

export const LB_POLICIES = [
  'roundRobin',
  'random',
  'leastConnections',
  'powerOfTwo',
  'consistentHash',
  'weighted',
] as const;

export const loadBalancerParams = z
  .strictObject({
    policy: z.enum(LB_POLICIES).default('roundRobin'),
    overheadMs: distribution.optional(),
    healthCheckIntervalSec: nonNegative.default(0),
    /** How long a probe waits for an answer; 0: a dead replica refuses at once. */
    healthCheckTimeoutMs: nonNegative.default(0),
    /** Consecutive failed probes that take a replica out of rotation, and successes that bring it back. */
    unhealthyThreshold: count.default(1),
    healthyThreshold: count.default(1),
    rateLimitRps: positive.optional(),
    burst: count.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.healthCheckTimeoutMs > 0 && p.healthCheckTimeoutMs >= p.healthCheckIntervalSec * 1000) {
      ctx.addIssue({
        code: 'custom',
        path: ['healthCheckTimeoutMs'],
        message: 'balancer.healthTimeoutTooLong',
        params: { intervalMs: p.healthCheckIntervalSec * 1000 },
      });
    }
  });

export const AUTOSCALE_POLICIES = ['reactive', 'predictive'] as const;
export type AutoscalePolicy = (typeof AUTOSCALE_POLICIES)[number];

/**
 * The most evaluations a predictive autoscaler keeps for its forecast (`historySec` ÷
 * `evaluateEverySec`): 16 KB a service, so its memory stays inside what a node's scope is budgeted.
 */
export const MAX_FORECAST_POINTS = 1000;

export const autoscale = z
  .strictObject({
    min: count,
    max: count,
    targetUtilization: z.number().gt(0).max(1),
    evaluateEverySec: positive.default(15),
    provisionSec: nonNegative.default(30),
    /** `reactive`: from the utilization just measured; `predictive`: from a forecast of the arrival rate. */
    policy: z.enum(AUTOSCALE_POLICIES).default('reactive'),
    /** How far ahead the predictive policy forecasts; default `provisionSec` + the service's `startupSec`. */
    horizonSec: nonNegative.optional(),
    /** The past the predictive policy fits its line to; default the horizon, at least 3 evaluations. */
    historySec: positive.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.max < a.min) ctx.addIssue({ code: 'custom', path: ['max'], message: 'autoscale.maxBelowMin' });
    if (a.policy === 'reactive') {
      for (const param of ['horizonSec', 'historySec'] as const) {
        if (a[param] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [param],
            message: 'autoscale.predictiveOnly',
            params: { param },
          });
      }
      return;
    }
    if (a.historySec === undefined) return;
    // The tolerance keeps a history of a whole number of intervals (0.6 s of 0.2 s) from being refused.
    const points = a.historySec / a.evaluateEverySec;
    if (points < 2 - 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['historySec'],
        message: 'autoscale.historyTooShort',
        params: { minSec: 2 * a.evaluateEverySec },
      });
    } else if (points > MAX_FORECAST_POINTS + 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['historySec'],
        message: 'autoscale.historyTooLong',
        params: {
          points: Math.round(points),
          maxPoints: MAX_FORECAST_POINTS,
          maxSec: MAX_FORECAST_POINTS * a.evaluateEverySec,
        },
      });
    }
  });

/** What every server-like node (service, database) shares. */
const serverShape = {
  concurrency: count.default(1),
  maxInFlight: count.optional(),
  queueCapacity: z.number().int().min(0).optional(),
  serviceTimeMs: distribution,
  errorRate: probability.default(0),
  startupSec: nonNegative.default(0),
  rateLimitRps: positive.optional(),
};

export const serviceParams = z.strictObject({
  replicas: count.default(1),
  ...serverShape,
  leakMsPerRequest: nonNegative.default(0),
  autoscale: autoscale.optional(),
});

/** A database's shards as Raft groups (etcd): see `sim-core/engine/nodes/raft.ts`. */
export const consensus = z.strictObject({
  heartbeatMs: positive.default(100),
  /** The election timeout T in heartbeats (etcd's ElectionTick): a follower waits U[T, 2T]. */
  electionTicks: z.number().gt(1).default(10),
  /** The round trip between two members; a message takes half a draw. */
  peerLatencyMs: distribution.optional(),
  readPolicy: z.enum(['leader', 'any']).default('leader'),
  noLeader: z.enum(['fail', 'wait']).default('fail'),
});

export const databaseParams = z
  .strictObject({
    ...serverShape,
    shards: count.default(1),
    replicasPerShard: count.default(1),
    readRatio: probability.default(1),
    failoverSec: nonNegative.default(0),
    consensus: consensus.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.consensus !== undefined && p.failoverSec > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['failoverSec'],
        message: 'database.failoverWithConsensus',
      });
    }
  });

export const poolParams = z.strictObject({
  maxConnections: count,
  acquireTimeoutMs: positive.optional(),
});

/**
 * Whose a cache or a circuit breaker is: `shared` by every caller instance, or `perInstance`, kept by
 * each instance of the caller on its own (an in-process cache, a per-process breaker).
 */
export const INSTANCE_SCOPES = ['shared', 'perInstance'] as const;
export type InstanceScope = (typeof INSTANCE_SCOPES)[number];

export const cacheParams = z
  .strictObject({
    hitLatencyMs: distribution.optional(),
    hitRatio: probability.optional(),
    capacity: count.optional(),
    ttlSec: positive.optional(),
    coalesceMisses: z.boolean().default(false),
    /**
     * `shared`: one cache for all callers (a Redis). `perInstance`: each instance of each caller keeps
     * its own entries, capacity and TTL clock (an in-process cache in every replica).
     */
    scope: z.enum(INSTANCE_SCOPES).default('shared'),
  })
  .superRefine((p, ctx) => {
    if (p.hitRatio === undefined && p.capacity === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['capacity'],
        message: 'cache.capacityRequired',
      });
    }
    if (p.hitRatio !== undefined && p.capacity !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['hitRatio'],
        message: 'cache.hitRatioAndCapacity',
      });
    }
    if (p.scope === 'perInstance' && p.hitRatio !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: 'cache.perInstanceNeedsCapacity',
      });
    }
  });

export const queueParams = z.strictObject({
  capacity: count.optional(),
  ackLatencyMs: distribution.optional(),
  maxRetries: z.number().int().min(0).default(0),
  retryDelayMs: nonNegative.default(0),
});

const nodeBase = {
  id,
  label: localizedText.optional(),
  region: id.optional(),
  position: position.optional(),
};

export const NODE_KINDS = [
  'client',
  'loadBalancer',
  'service',
  'pool',
  'cache',
  'queue',
  'database',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const node = z.discriminatedUnion('kind', [
  z.strictObject({ ...nodeBase, kind: z.literal('client'), params: clientParams }),
  z.strictObject({ ...nodeBase, kind: z.literal('loadBalancer'), params: loadBalancerParams.prefault({}) }),
  z.strictObject({ ...nodeBase, kind: z.literal('service'), params: serviceParams }),
  z.strictObject({ ...nodeBase, kind: z.literal('pool'), params: poolParams }),
  z.strictObject({ ...nodeBase, kind: z.literal('cache'), params: cacheParams }),
  z.strictObject({ ...nodeBase, kind: z.literal('queue'), params: queueParams.prefault({}) }),
  z.strictObject({ ...nodeBase, kind: z.literal('database'), params: databaseParams }),
]);

export const retries = z.strictObject({
  max: z.number().int().min(0),
  backoffMs: nonNegative.default(0),
  multiplier: z.number().min(1).default(2),
  jitter: probability.default(0),
});

export const circuitBreaker = z.strictObject({
  errorRatio: z.number().gt(0).max(1),
  minRequests: count.default(20),
  windowSec: positive.default(10),
  openSec: positive.default(5),
  /**
   * `shared`: one breaker for every instance of the caller, its counts pooled across the fleet.
   * `perInstance`: each instance of the caller keeps its own window and state (a per-process breaker).
   */
  scope: z.enum(INSTANCE_SCOPES).default('shared'),
});

export const edgeParams = z.strictObject({
  weight: positive.default(1),
  latencyMs: distribution.optional(),
  stage: z.number().int().min(0).default(0),
  probability: probability.default(1),
  count: count.default(1),
  required: z.boolean().default(true),
  timeoutMs: positive.optional(),
  retries: retries.optional(),
  circuitBreaker: circuitBreaker.optional(),
  classes: z.array(id).min(1).optional(),
  /** Saga: the id of the edge (same source) that undoes this call when a later stage fails. */
  compensation: id.optional(),
});

export const edge = z.strictObject({
  id,
  source: id,
  target: id,
  label: localizedText.optional(),
  params: edgeParams.prefault({}),
});

/** A region; `position` and `size` place its box on the editor's canvas. */
export const region = z.strictObject({
  id,
  label: localizedText.optional(),
  position: position.optional(),
  size: z.strictObject({ width: positive, height: positive }).optional(),
});
export const regionLatency = z.strictObject({ from: id, to: id, latencyMs: distribution });

const timed = { atSec: nonNegative, label: localizedText.optional() };
const lasting = { ...timed, durationSec: positive.optional() };

export const EVENT_TYPES = [
  'trafficMultiplier',
  'killInstances',
  'restoreInstances',
  'killRegion',
  'partition',
  'injectLatency',
  'injectErrors',
  'cacheFlush',
  'setReplicas',
  'rollingRestart',
] as const;
export type ScenarioEventType = (typeof EVENT_TYPES)[number];

export const scenarioEvent = z.discriminatedUnion('type', [
  z.strictObject({
    ...lasting,
    type: z.literal('trafficMultiplier'),
    target: id.default('all'),
    factor: nonNegative,
  }),
  z
    .strictObject({
      ...lasting,
      type: z.literal('killInstances'),
      target: id,
      count: count.optional(),
      fraction: probability.optional(),
      /** `primary`: kill shard primaries of a database (count/fraction of its shards); absent: any instances. */
      role: z.enum(['any', 'primary']).optional(),
    })
    .refine((e) => (e.count === undefined) !== (e.fraction === undefined), {
      message: 'kill.countOrFraction',
      path: ['count'],
    }),
  z.strictObject({ ...timed, type: z.literal('restoreInstances'), target: id, count: count.optional() }),
  z.strictObject({ ...lasting, type: z.literal('killRegion'), region: id }),
  z.strictObject({ ...lasting, type: z.literal('partition'), regionA: id, regionB: id }),
  z.strictObject({ ...lasting, type: z.literal('injectLatency'), target: id, addMs: nonNegative }),
  z.strictObject({ ...lasting, type: z.literal('injectErrors'), target: id, rate: probability }),
  z.strictObject({ ...timed, type: z.literal('cacheFlush'), target: id }),
  z.strictObject({ ...timed, type: z.literal('setReplicas'), target: id, replicas: count }),
  z.strictObject({ ...timed, type: z.literal('rollingRestart'), target: id, batch: count.default(1) }),
]);

export const scenario = z
  .strictObject({
    durationSec: positive,
    warmupSec: nonNegative.default(0),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    windowSec: positive.default(1),
    events: z.array(scenarioEvent).default([]),
  })
  .refine((s) => s.warmupSec < s.durationSec, {
    message: 'scenario.warmupTooLong',
    path: ['warmupSec'],
  });

export const topologyV1 = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  name: localizedText.default('Untitled'),
  description: localizedText.optional(),
  regions: z.array(region).default([]),
  regionLatencyMs: z.array(regionLatency).default([]),
  nodes: z.array(node),
  edges: z.array(edge).default([]),
  scenario,
  ...presetFields,
});

/** A validated topology with every default filled in: what the engine consumes. */
export type Topology = z.output<typeof topologyV1>;
/** A topology as written in a file: defaults may be left out. */
export type TopologyInput = z.input<typeof topologyV1>;
export type TopologyNode = Topology['nodes'][number];
export type TopologyEdge = Topology['edges'][number];
export type ScenarioEvent = z.output<typeof scenarioEvent>;
export type NodeOf<K extends NodeKind> = Extract<TopologyNode, { kind: K }>;
export type EdgeParams = z.output<typeof edgeParams>;
