import type { ScenarioEvent } from '../format/schema.ts';
import { E, K, R } from './codes.ts';
import type { Engine } from './Engine.ts';
import type { CacheRt, ClientRt, EdgeRt, NodeRt, ServerRt } from './runtime.ts';
import { drainReplica, killReplica, startReplica } from './servers.ts';
import { flushCache, pumpQueues } from './stores.ts';
import { scheduleArrival, setUsers } from './traffic.ts';

/**
 * Scenario events, scripted or injected live: each applies at its time and, when it has a duration,
 * reverts after it. What an event did is logged for the timeline and events.csv.
 */

/** Per event: what it changed, so that its revert undoes exactly that. */
export interface EventState {
  event: ScenarioEvent;
  killed: number[];
}

export function applyScenario(e: Engine, index: number, phase: number): void {
  const state = e.scenario[index];
  const ev = state.event;
  const revert = phase === 1;
  const label =
    typeof ev.label === 'string' ? ev.label : (ev.label?.en ?? Object.values(ev.label ?? {})[0] ?? '');
  const log = (target: string, detail: string) =>
    e.recorder.log(e, revert ? 'revert' : ev.type, target, label, detail);
  switch (ev.type) {
    case 'trafficMultiplier': {
      for (const c of e.clients) {
        if (ev.target !== 'all' && c.id !== ev.target) continue;
        if (!revert) c.factors.push(ev.factor);
        else if (c.factors.includes(ev.factor)) c.factors.splice(c.factors.indexOf(ev.factor), 1);
        c.multiplier = c.factors.reduce((a, b) => a * b, 1);
        if (c.open) scheduleArrival(e, c);
        else setUsers(e, c);
      }
      log(ev.target, `traffic ×${revert ? 1 : ev.factor}`);
      return;
    }
    case 'killInstances': {
      const s = server(e, ev.target);
      if (revert) {
        for (const r of state.killed) startReplica(e, s, r);
        log(s.id, `restarting ${state.killed.length} instance(s)`);
        return;
      }
      if (ev.role === 'primary') {
        killPrimaries(e, s, ev.count, ev.fraction, state.killed);
        log(s.id, `killed the primaries of ${state.killed.length} of ${s.shards} shard(s)`);
        return;
      }
      const n =
        ev.count !== undefined
          ? Math.max(1, Math.round(ev.count * e.factor))
          : Math.round((ev.fraction ?? 0) * s.liveCount);
      state.killed = [];
      for (let i = 0; i < n && s.liveCount > 0; i++) {
        const r = s.live[(e.chaos.next() * s.liveCount) | 0];
        killReplica(e, s, r);
        state.killed.push(r);
      }
      log(s.id, `killed ${state.killed.length} of ${state.killed.length + s.liveCount} instance(s)`);
      return;
    }
    case 'restoreInstances': {
      const s = server(e, ev.target);
      let n =
        ev.count !== undefined ? Math.max(1, Math.round(ev.count * e.factor)) : Number.POSITIVE_INFINITY;
      let started = 0;
      for (let r = 0; r < s.target && n > 0; r++) {
        if (s.state[r] === R.off || s.state[r] === R.draining) {
          startReplica(e, s, r);
          started++;
          n--;
        }
      }
      log(s.id, `restoring ${started} instance(s)`);
      return;
    }
    case 'killRegion': {
      const region = e.regionIndex.get(ev.region) ?? -1;
      e.regionDown[region] = revert ? 0 : 1;
      for (const node of e.nodes) {
        if (node.region !== region) continue;
        setNodeDown(e, node, !revert);
      }
      log(ev.region, revert ? 'region restored' : 'region down');
      return;
    }
    case 'partition': {
      const a = e.regionIndex.get(ev.regionA) ?? 0;
      const b = e.regionIndex.get(ev.regionB) ?? 0;
      const v = revert ? 0 : 1;
      e.partitioned[a * e.regionCount + b] = v;
      e.partitioned[b * e.regionCount + a] = v;
      log(`${ev.regionA}|${ev.regionB}`, revert ? 'partition healed' : 'partitioned');
      return;
    }
    case 'injectLatency': {
      const t = target(e, ev.target);
      t.addMs += revert ? -ev.addMs : ev.addMs;
      if (Math.abs(t.addMs) < 1e-9) t.addMs = 0;
      log(ev.target, `${revert ? '-' : '+'}${ev.addMs} ms`);
      return;
    }
    case 'injectErrors': {
      const t = target(e, ev.target);
      t.addErrorRate += revert ? -ev.rate : ev.rate;
      if (Math.abs(t.addErrorRate) < 1e-12) t.addErrorRate = 0;
      log(ev.target, `${revert ? '-' : '+'}${ev.rate * 100}% errors`);
      return;
    }
    case 'cacheFlush': {
      const cache = e.nodes[e.nodeIndex.get(ev.target) ?? 0] as CacheRt;
      const entries = cache.used - cache.freeSlots;
      flushCache(cache);
      log(ev.target, `flushed ${entries} entr${entries === 1 ? 'y' : 'ies'}`);
      return;
    }
    case 'setReplicas': {
      const s = server(e, ev.target);
      const to = Math.max(1, Math.round(ev.replicas * e.factor));
      scaleTo(e, s, to);
      log(s.id, `replicas → ${ev.replicas}`);
      return;
    }
    case 'rollingRestart': {
      const s = server(e, ev.target);
      s.rollingBatch = Math.max(1, Math.round(ev.batch * e.factor));
      log(s.id, `rolling restart in batches of ${ev.batch}`);
      rollingStep(e, s, 0);
      return;
    }
    default: {
      const never: never = ev;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Kills the primaries of `count` shards (or a `fraction` of the shards), chosen at random among the
 * shards whose primary is alive and not being replaced; each death starts that shard's election.
 * Scenario events are rare, so the candidate list may allocate.
 */
function killPrimaries(
  e: Engine,
  s: ServerRt,
  count: number | undefined,
  fraction: number | undefined,
  killed: number[],
): void {
  killed.length = 0;
  const candidates: number[] = [];
  for (let shard = 0; shard < s.shards; shard++) {
    const p = s.primary[shard];
    if (p >= 0 && s.state[p] === R.alive && s.electing[shard] === 0) candidates.push(p);
  }
  const n =
    count !== undefined ? Math.max(1, Math.round(count * e.factor)) : Math.round((fraction ?? 0) * s.shards);
  for (let i = 0; i < n && candidates.length > 0; i++) {
    const pick = (e.chaos.next() * candidates.length) | 0;
    const r = candidates[pick];
    candidates[pick] = candidates[candidates.length - 1];
    candidates.pop();
    killReplica(e, s, r);
    killed.push(r);
  }
}

function server(e: Engine, id: string): ServerRt {
  const node = e.nodes[e.nodeIndex.get(id) ?? -1];
  if (!node || (node.kind !== K.service && node.kind !== K.database))
    throw new RangeError(`"${id}" is not a service or database`);
  return node as ServerRt;
}

function target(e: Engine, id: string): NodeRt | EdgeRt {
  const n = e.nodeIndex.get(id);
  if (n !== undefined) return e.nodes[n];
  const edge = e.edges.find((x) => x.id === id);
  if (!edge) throw new RangeError(`no node or edge "${id}"`);
  return edge;
}

function setNodeDown(e: Engine, node: NodeRt, down: boolean): void {
  node.down = down;
  if (node.kind === K.service || node.kind === K.database) {
    const s = node as ServerRt;
    if (down) for (let r = 0; r < s.slots; r++) killReplica(e, s, r);
    else for (let r = 0; r < s.target; r++) startReplica(e, s, r);
  } else if (node.kind === K.client) {
    const c = node as ClientRt;
    if (!c.open) {
      // Closed-loop users in a dead region stop at their next request; they come back with it.
      if (!down) setUsers(e, c);
    } else if (down) c.arrivalGen++;
    else scheduleArrival(e, c);
  } else if (node.kind === K.cache && !down) flushCache(node as CacheRt);
}

/** Scale to `to` replicas: start stopped slots (or new ones), or drain the highest-numbered ones. */
export function scaleTo(e: Engine, s: ServerRt, to: number, delayMs = s.startupMs): void {
  s.target = to;
  s.ensureSlots(to);
  let running = 0;
  for (let r = 0; r < s.slots; r++) if (s.state[r] === R.alive || s.state[r] === R.starting) running++;
  for (let r = 0; r < s.slots && running < to; r++) {
    if (s.state[r] === R.off || s.state[r] === R.draining) {
      startReplica(e, s, r, delayMs);
      running++;
    }
  }
  for (let r = s.slots - 1; r >= 0 && running > to; r--) {
    if (s.state[r] === R.alive || s.state[r] === R.starting) {
      if (s.state[r] === R.starting) s.state[r] = R.off;
      else drainReplica(e, s, r);
      running--;
    }
  }
  pumpQueues(e);
}

/** Restarts the next batch of replicas from `from`, then waits for them before the next batch. */
export function rollingStep(e: Engine, s: ServerRt, from: number): void {
  let r = from;
  let restarted = 0;
  while (r < s.target && restarted < s.rollingBatch) {
    if (s.state[r] === R.alive) {
      drainReplica(e, s, r);
      startReplica(e, s, r);
      restarted++;
    }
    r++;
  }
  if (r < s.target) e.at(s.startupMs, E.rolling, s.index, r);
}

/** An autoscaler evaluation: replicas so that utilization comes back to its target. */
export function autoscaleTick(e: Engine, s: ServerRt): void {
  const a = s.autoscale;
  if (a === null) return;
  const busy = s.acc.busy.integral(e.now);
  const workers = s.acc.workers.integral(e.now);
  const dBusy = busy - s.lastBusyIntegral;
  const dWorkers = workers - s.lastWorkersIntegral;
  s.lastBusyIntegral = busy;
  s.lastWorkersIntegral = workers;
  e.at(a.everyMs, E.autoscale, s.index, 0);
  if (dWorkers <= 0) return;
  const utilization = dBusy / dWorkers;
  let running = 0;
  for (let r = 0; r < s.slots; r++) if (s.state[r] === R.alive || s.state[r] === R.starting) running++;
  const desired = Math.min(a.max, Math.max(a.min, Math.ceil((s.liveCount * utilization) / a.target)));
  if (desired === running) return;
  scaleTo(e, s, desired, a.provisionMs + s.startupMs);
  e.recorder.log(
    e,
    'autoscale',
    s.id,
    '',
    `utilization ${(utilization * 100).toFixed(0)}%: ${running} → ${desired} replicas`,
  );
}
