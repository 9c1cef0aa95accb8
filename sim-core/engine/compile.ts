import type { SimulationOptions } from '../api.ts';
import {
  MAX_FORECAST_POINTS,
  MAX_REQUEST_CLASSES,
  type Topology,
  type TopologyNode,
} from '../format/schema.ts';
import { streamFor } from '../random/Prng.ts';
import { Sampler } from '../random/Sampler.ts';
import { Zipf } from '../random/Zipf.ts';
import { LinearTrend } from '../stats/LinearTrend.ts';
import { Breaker, Breakers } from './Breaker.ts';
import { EventKind, NodeKind, ReplicaState } from './codes.ts';
import { EdgeRt } from './EdgeRt.ts';
import { forecastPoints } from './nodes/autoscale.ts';
import { BalancerRt, POLICY } from './nodes/balancer.ts';
import { CacheRt } from './nodes/cache.ts';
import { ClientRt, startClients } from './nodes/client.ts';
import { BalancerView, startHealthChecks } from './nodes/healthCheck.ts';
import type { NodeRt } from './nodes/NodeRt.ts';
import { PoolRt } from './nodes/pool.ts';
import { QueueRt } from './nodes/queue.ts';
import { makeRaft } from './nodes/raft.ts';
import { ServerRt } from './nodes/server.ts';
import { Recorder, type Scope } from './Recorder.ts';
import { ScopeAcc } from './ScopeAcc.ts';
import { planSampling } from './sampling.ts';
import { MAX_WINDOWS, planWindowMs, Reported, rowWidth } from './WindowStore.ts';
import { World } from './World.ts';

const MASKS: Record<TopologyNode['kind'], number> = {
  client: 0,
  loadBalancer: 0,
  service: Reported.util | Reported.queue | Reported.instances | Reported.wait,
  database: Reported.util | Reported.queue | Reported.instances | Reported.wait,
  pool: Reported.queue | Reported.wait,
  cache: Reported.hits,
  queue: Reported.broker,
};

/**
 * Bytes a request's job takes at its peak, with its share of calls and critical-path segments and the
 * tables' doubling: what bounds the jobs in flight under a memory budget.
 */
export const BYTES_PER_JOB = 256;
/** Jobs in flight allowed without a memory budget: about a gigabyte of them. */
export const DEFAULT_MAX_JOBS = 4 * 2 ** 20;

/** Builds a ready-to-start world from a validated topology (see `start`). */
export function compile(topology: Topology, options: SimulationOptions = {}): World {
  const memory = options.budgets?.maxMemoryBytes;
  const e = new World(
    memory !== undefined ? Math.max(1024, Math.floor(memory / BYTES_PER_JOB)) : DEFAULT_MAX_JOBS,
  );
  if (options.budgets?.maxEvents !== undefined) e.k.maxEvents = options.budgets.maxEvents;
  const sc = topology.scenario;
  e.seed = options.seed ?? sc.seed;
  e.endMs = (options.durationSec ?? sc.durationSec) * 1000;
  e.warmupMs = Math.min(sc.warmupSec * 1000, e.endMs);
  const plan = planSampling(topology, options.sampling ?? 'auto');
  e.factor = plan.factor;
  e.sampledKept = plan.kept;
  e.sampledOf = plan.of;
  const f = e.factor;
  e.chaos = streamFor(e.seed, 'scenario:chaos');

  topology.regions.forEach((r, i) => {
    e.regionIndex.set(r.id, i);
  });
  const noRegion = topology.regions.length;
  e.regionCount = noRegion + 1;
  e.partitioned = new Uint8Array(e.regionCount * e.regionCount);
  e.regionDown = new Uint8Array(e.regionCount);

  // Request classes, numbered across all clients.
  const classIds: string[] = [];
  for (const n of topology.nodes) {
    if (n.kind !== 'client') continue;
    for (const c of n.params.classes ?? []) if (!classIds.includes(c.id)) classIds.push(c.id);
  }
  if (classIds.length > MAX_REQUEST_CLASSES)
    throw new RangeError(
      `at most ${MAX_REQUEST_CLASSES} request classes are supported, got ${classIds.length}`,
    );
  const classScopes: Scope[] = classIds.map((id) => ({ id, acc: new ScopeAcc(0), total: new ScopeAcc(0) }));

  const clientCount = topology.nodes.filter((n) => n.kind === 'client').length;
  const e2e: Scope = { id: 'endToEnd', acc: new ScopeAcc(0), total: new ScopeAcc(0) };
  const clientScopes: Scope[] = [];

  topology.nodes.forEach((n, index) => {
    e.nodeIndex.set(n.id, index);
    const region = n.region !== undefined ? (e.regionIndex.get(n.region) ?? noRegion) : noRegion;
    const rng = streamFor(e.seed, `node:${n.id}`);
    const single = n.kind === 'client' && clientCount === 1;
    const acc = single ? e2e.acc : new ScopeAcc(MASKS[n.kind]);
    const total = single ? e2e.total : new ScopeAcc(MASKS[n.kind]);
    let node: NodeRt;
    switch (n.kind) {
      case 'client': {
        const c = new ClientRt(index, n.id, NodeKind.client, region, rng, acc, total);
        const p = n.params;
        c.open = p.arrival !== 'closed';
        c.constantArrivals = p.arrival === 'constant';
        c.baseRps = p.rateRps ?? 0;
        if (p.profile) {
          c.profileSec = Float64Array.from(p.profile, (x) => x.atSec);
          c.profileRps = Float64Array.from(p.profile, (x) => x.rps);
        }
        c.stepProfile = p.interpolation === 'step';
        c.timeoutMs = p.timeoutMs ?? 0;
        if (c.timeoutMs > 0) c.deadlines = e.k.timerLine(c.timeoutMs, EventKind.rootTimeout, e.jobs);
        c.users = p.users ?? 0;
        c.think = p.thinkTimeMs ? Sampler.of(p.thinkTimeMs) : null;
        if (p.keys) {
          c.zipf = p.keys.zipfS > 0 || p.keys.count > 0 ? new Zipf(p.keys.count, p.keys.zipfS) : null;
          c.keyCount = p.keys.count;
        }
        if (p.classes) {
          let sum = 0;
          c.classWeights = Float64Array.from(p.classes, (k) => (sum += k.weight));
          c.classIndex = Int32Array.from(p.classes, (k) => classIds.indexOf(k.id));
          c.classAcc = p.classes.map((k) => classScopes[classIds.indexOf(k.id)].acc);
        }
        c.e2e = single ? null : e2e.acc;
        clientScopes.push({ id: n.id, acc, total });
        e.clients.push(c);
        e.clientAt[index] = c;
        node = c;
        break;
      }
      case 'loadBalancer': {
        const lb = new BalancerRt(index, n.id, NodeKind.loadBalancer, region, rng, acc, total);
        const p = n.params;
        lb.policy = POLICY[p.policy];
        lb.overhead = p.overheadMs ? Sampler.of(p.overheadMs) : null;
        lb.healthEveryMs = p.healthCheckIntervalSec * 1000;
        lb.healthTimeoutMs = p.healthCheckTimeoutMs;
        lb.unhealthyThreshold = p.unhealthyThreshold;
        lb.healthyThreshold = p.healthyThreshold;
        if (p.rateLimitRps !== undefined) {
          // Only the rate scales: the sampled bucket is the real one in slowed time (see sampling.ts).
          lb.rateLimitPerMs = (p.rateLimitRps * f) / 1000;
          lb.burst = Math.max(1, p.burst ?? Math.max(1, p.rateLimitRps / 10));
          lb.tokens = lb.burst;
        }
        e.balancers[index] = lb;
        node = lb;
        break;
      }
      case 'service':
      case 'database': {
        const s = new ServerRt(
          index,
          n.id,
          n.kind === 'service' ? NodeKind.service : NodeKind.database,
          region,
          rng,
          acc,
          total,
        );
        const p = n.params;
        s.liveness = e.liveness;
        s.concurrency = p.concurrency;
        s.maxInFlight = p.maxInFlight ?? Number.POSITIVE_INFINITY;
        s.queueCapacity = p.queueCapacity ?? Number.POSITIVE_INFINITY;
        s.serviceTime = Sampler.of(p.serviceTimeMs);
        s.errorRate = p.errorRate;
        s.startupMs = p.startupSec * 1000;
        if (p.rateLimitRps !== undefined) {
          s.rateLimitPerMs = p.rateLimitRps / 1000;
          s.burst = Math.max(1, p.rateLimitRps / 10);
        }
        let instances: number;
        if (n.kind === 'database') {
          s.shards = Math.max(1, Math.round(n.params.shards * f));
          s.perShard = n.params.replicasPerShard;
          s.readRatio = n.params.readRatio;
          s.failoverMs = n.params.failoverSec * 1000;
          s.primary = Int32Array.from({ length: s.shards }, (_, i) => i * s.perShard);
          s.electing = new Uint8Array(s.shards);
          instances = s.shards * s.perShard;
          const c = n.params.consensus;
          if (c) s.raft = makeRaft(c, s.shards, s.perShard, streamFor(e.seed, `node:${n.id}:raft`));
        } else {
          instances = Math.max(1, Math.round(n.params.replicas * f));
          s.leakMs = n.params.leakMsPerRequest;
          const a = n.params.autoscale;
          if (a) {
            const horizonSec = a.horizonSec ?? a.provisionSec + p.startupSec;
            s.autoscale = {
              policy: a.policy,
              min: Math.max(1, Math.round(a.min * f)),
              max: Math.max(1, Math.round(a.max * f)),
              target: a.targetUtilization,
              everyMs: a.evaluateEverySec * 1000,
              provisionMs: a.provisionSec * 1000,
              horizonMs: horizonSec * 1000,
              trend:
                a.policy === 'predictive'
                  ? new LinearTrend(
                      forecastPoints(a.historySec, horizonSec, a.evaluateEverySec, MAX_FORECAST_POINTS),
                    )
                  : null,
              lastArrivals: 0,
              lastMs: 0,
            };
            e.k.scheduleAt(s.autoscale.everyMs, EventKind.autoscale, index, 0);
          }
        }
        s.grouped = s.shards > 1 || s.perShard > 1 || s.raft !== null;
        s.target = instances;
        s.ensureSlots(instances);
        for (let r = 0; r < instances; r++) {
          s.state[r] = ReplicaState.alive;
          s.counted[r] = 1;
          s.markAlive(r);
        }
        acc.workers.set(0, instances * s.concurrency);
        acc.instances.set(0, instances);
        e.servers[index] = s;
        node = s;
        break;
      }
      case 'pool': {
        const pool = new PoolRt(index, n.id, NodeKind.pool, region, rng, acc, total);
        pool.maxConnections = n.params.maxConnections;
        pool.acquireTimeoutMs = n.params.acquireTimeoutMs ?? 0;
        if (pool.acquireTimeoutMs > 0)
          pool.acquireTimeouts = e.k.timerLine(pool.acquireTimeoutMs, EventKind.poolTimeout, e.jobs);
        e.pools[index] = pool;
        node = pool;
        break;
      }
      case 'cache': {
        const cache = new CacheRt(index, n.id, NodeKind.cache, region, rng, acc, total);
        const p = n.params;
        cache.hitLatency = p.hitLatencyMs ? Sampler.of(p.hitLatencyMs) : null;
        cache.hitRatio = p.hitRatio ?? -1;
        cache.capacity = p.capacity ?? 0;
        cache.ttlMs = (p.ttlSec ?? 0) * 1000;
        cache.coalesce = p.coalesceMisses;
        cache.perInstance = p.scope === 'perInstance';
        cache.init();
        e.caches[index] = cache;
        if (cache.perInstance) e.instanceCaches.push(cache);
        node = cache;
        break;
      }
      case 'queue': {
        const q = new QueueRt(index, n.id, NodeKind.queue, region, rng, acc, total);
        const p = n.params;
        q.capacity =
          p.capacity !== undefined ? Math.max(1, Math.round(p.capacity * f)) : Number.POSITIVE_INFINITY;
        q.ack = p.ackLatencyMs ? Sampler.of(p.ackLatencyMs) : null;
        q.maxRetries = p.maxRetries;
        q.retryDelayMs = p.retryDelayMs;
        e.queues[index] = q;
        e.queueList.push(q);
        node = q;
        break;
      }
    }
    e.nodes.push(node);
  });
  e.kindOf = Uint8Array.from(e.nodes, (n) => n.kind);
  e.accOf = e.nodes.map((n) => n.acc);

  const regionLatency = (a: string, b: string) => {
    const entry = topology.regionLatencyMs.find(
      (x) => (x.from === a && x.to === b) || (x.from === b && x.to === a),
    );
    return entry ? Sampler.of(entry.latencyMs) : null;
  };
  topology.edges.forEach((x, index) => {
    const source = e.nodes[e.nodeIndex.get(x.source)!];
    const target = e.nodes[e.nodeIndex.get(x.target)!];
    const edge = new EdgeRt(
      index,
      x.id,
      source,
      target,
      new ScopeAcc(Reported.retries),
      new ScopeAcc(Reported.retries),
    );
    const p = x.params;
    edge.slot = source.out.length;
    edge.sourceKind = source.kind;
    edge.targetKind = target.kind;
    edge.weight = p.weight;
    edge.latency = p.latencyMs ? Sampler.of(p.latencyMs) : null;
    const from = topology.nodes[source.index].region;
    const to = topology.nodes[target.index].region;
    if (from !== undefined && to !== undefined && from !== to) {
      edge.crossRegion = true;
      edge.regionLatency = regionLatency(from, to);
    }
    edge.stage = p.stage;
    edge.probability = p.probability;
    edge.count = p.count;
    edge.required = p.required;
    edge.timeoutMs = p.timeoutMs ?? 0;
    if (edge.timeoutMs > 0) edge.timeouts = e.k.timerLine(edge.timeoutMs, EventKind.attemptTimeout, e.calls);
    if (p.retries) {
      edge.retriesMax = p.retries.max;
      edge.backoffMs = p.retries.backoffMs;
      edge.backoffMultiplier = p.retries.multiplier;
      edge.jitter = p.retries.jitter;
    }
    if (p.circuitBreaker) {
      const b = p.circuitBreaker;
      const breaker = new Breaker(b.errorRatio, b.minRequests, b.windowSec * 1000, b.openSec * 1000);
      edge.breakers = new Breakers(breaker, b.scope === 'perInstance');
    }
    if (p.classes)
      edge.classMask = p.classes.reduce((m, id) => m | (1 << Math.max(0, classIds.indexOf(id))), 0);
    source.out.push(edge);
    source.outWeight += edge.weight;
    e.edges.push(edge);
  });

  topology.edges.forEach((x, index) => {
    if (x.params.compensation === undefined) return;
    const undo = e.edges.find((y) => y.id === x.params.compensation)!;
    e.edges[index].compensation = undo;
    undo.isCompensation = true;
  });

  for (const node of e.nodes) {
    if (node.kind === NodeKind.service || node.kind === NodeKind.database) {
      const byStage = new Map<number, EdgeRt[]>();
      for (const edge of node.out) {
        if (edge.isCompensation) continue;
        byStage.set(edge.stage, [...(byStage.get(edge.stage) ?? []), edge]);
      }
      node.stages = [...byStage.entries()].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
      e.servers[node.index].compensates = node.out.some((x) => x.compensation !== null);
    }
    if (node.kind === NodeKind.loadBalancer) {
      const lb = e.balancers[node.index];
      lb.views = lb.out.map(() => new BalancerView());
      startHealthChecks(e, lb);
    }
  }

  const hops = e.nodes.length + e.edges.length;
  let width = rowWidth(0) * (1 + clientScopes.length + classScopes.length);
  for (const n of e.nodes) if (n.kind !== NodeKind.client) width += rowWidth(n.acc.mask);
  for (const x of e.edges) width += rowWidth(x.acc.mask);
  const requestedMs = sc.windowSec * 1000;
  const windowMs = planWindowMs(e.endMs, requestedMs, width);
  e.recorder = new Recorder(e2e, clientScopes, classScopes, windowMs, hops, e.warmupMs, e.endMs);
  e.recorder.notices.push(...plan.notices);
  if (windowMs !== requestedMs)
    e.recorder.notices.push({
      code: 'windows.widened',
      params: { requestedSec: sc.windowSec, windowSec: windowMs / 1000, maxWindows: MAX_WINDOWS },
    });
  sc.events.forEach((event, i) => {
    e.scenario.push({ event, killed: [] });
    e.k.scheduleAt(event.atSec * 1000, EventKind.scenario, i, 0);
    if ('durationSec' in event && event.durationSec !== undefined) {
      e.k.scheduleAt((event.atSec + event.durationSec) * 1000, EventKind.scenario, i, 1);
    }
  });
  return e;
}

/** Starts the world's periodic work: clients, health checks, metric windows. Called once after compile. */
export function start(w: World): void {
  startClients(w);
  w.recorder.start(w);
}
