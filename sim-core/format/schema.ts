import { z } from 'zod';
import { distribution } from './distribution.ts';
import { presetFields } from './preset.ts';

/**
 * The topology file format, version 1: the public contract between the editor, the CLI and the engine.
 * Structural rules live here; rules that look across the document (ids, references, cycles) live in
 * `crossChecks.ts`. Every params object is strict, so a misspelt parameter is an error, not a silent default.
 */
export const FORMAT = 'archsim.topology';
export const FORMAT_VERSION = 1;

const id = z
  .string()
  .min(1, 'must be a non-empty id')
  .max(200, 'must be at most 200 characters')
  .regex(/^[^\s]+$/, 'must not contain spaces');
const probability = z.number().min(0).max(1);
const nonNegative = z.number().min(0);
const positive = z.number().gt(0);
const count = z.number().int().min(1);

/** A plain string, or a text per locale: `{ "en": "Startup", "zh-CN": "初创期" }`. */
export const localizedText = z.union([z.string(), z.record(z.string(), z.string())]);
export type LocalizedText = z.infer<typeof localizedText>;

export const position = z.strictObject({ x: z.number(), y: z.number() });

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
        ctx.addIssue({ code: 'custom', path: ['users'], message: 'is required when arrival is "closed"' });
    } else if (p.rateRps === undefined && p.profile === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateRps'],
        message: `is required (or a profile) when arrival is "${p.arrival}"`,
      });
    }
    if (p.profile) {
      for (let i = 1; i < p.profile.length; i++) {
        if (p.profile[i].atSec <= p.profile[i - 1].atSec) {
          ctx.addIssue({
            code: 'custom',
            path: ['profile', i, 'atSec'],
            message: 'must be later than the point before it',
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

export const loadBalancerParams = z.strictObject({
  policy: z.enum(LB_POLICIES).default('roundRobin'),
  overheadMs: distribution.optional(),
  healthCheckIntervalSec: nonNegative.default(0),
  rateLimitRps: positive.optional(),
  burst: count.optional(),
});

export const autoscale = z
  .strictObject({
    min: count,
    max: count,
    targetUtilization: z.number().gt(0).max(1),
    evaluateEverySec: positive.default(15),
    provisionSec: nonNegative.default(30),
  })
  .refine((a) => a.max >= a.min, { message: 'must be ≥ min', path: ['max'] });

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

export const databaseParams = z.strictObject({
  ...serverShape,
  shards: count.default(1),
  replicasPerShard: count.default(1),
  readRatio: probability.default(1),
  failoverSec: nonNegative.default(0),
});

export const poolParams = z.strictObject({
  maxConnections: count,
  acquireTimeoutMs: positive.optional(),
});

export const cacheParams = z
  .strictObject({
    hitLatencyMs: distribution.optional(),
    hitRatio: probability.optional(),
    capacity: count.optional(),
    ttlSec: positive.optional(),
    coalesceMisses: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.hitRatio === undefined && p.capacity === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['capacity'],
        message: 'is required unless a fixed hitRatio is given',
      });
    }
    if (p.hitRatio !== undefined && p.capacity !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['hitRatio'],
        message: 'give either a fixed hitRatio or an LRU capacity, not both',
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

export const node = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ ...nodeBase, kind: z.literal('client'), params: clientParams }),
    z.strictObject({ ...nodeBase, kind: z.literal('loadBalancer'), params: loadBalancerParams.prefault({}) }),
    z.strictObject({ ...nodeBase, kind: z.literal('service'), params: serviceParams }),
    z.strictObject({ ...nodeBase, kind: z.literal('pool'), params: poolParams }),
    z.strictObject({ ...nodeBase, kind: z.literal('cache'), params: cacheParams }),
    z.strictObject({ ...nodeBase, kind: z.literal('queue'), params: queueParams.prefault({}) }),
    z.strictObject({ ...nodeBase, kind: z.literal('database'), params: databaseParams }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `must be one of ${NODE_KINDS.join(', ')}` : undefined,
  },
);

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

export const scenarioEvent = z.discriminatedUnion(
  'type',
  [
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
        message: 'give exactly one of count or fraction',
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
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `must be one of ${EVENT_TYPES.join(', ')}` : undefined,
  },
);

export const scenario = z
  .strictObject({
    durationSec: positive,
    warmupSec: nonNegative.default(0),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    windowSec: positive.default(1),
    events: z.array(scenarioEvent).default([]),
  })
  .refine((s) => s.warmupSec < s.durationSec, {
    message: 'must be shorter than durationSec',
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
