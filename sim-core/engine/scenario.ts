import type { ScenarioEvent } from '../format/schema.ts';
import { message } from '../messages/formatMessage.ts';
import type { Message } from '../messages/Message.ts';
import { NodeKind, ReplicaState } from './codes.ts';
import type { EdgeRt } from './EdgeRt.ts';
import { scheduleArrival, setUsers } from './nodes/client.ts';
import type { NodeRt } from './nodes/NodeRt.ts';
import { killReplica, rollingStep, scaleTo, startReplica } from './nodes/replicas.ts';
import type { ServerRt } from './nodes/server.ts';
import type { World } from './World.ts';

/**
 * Scenario events, scripted or injected live: each applies at its time and, when it has a duration,
 * reverts after it. What an event did is logged for the timeline and events.csv.
 */

/** Per event: what it changed, so that its revert undoes exactly that. */
export interface EventState {
  event: ScenarioEvent;
  killed: number[];
}

export function applyScenario(w: World, index: number, phase: number): void {
  const state = w.scenario[index];
  const ev = state.event;
  const revert = phase === 1;
  const log = (target: string, detail: Message) =>
    w.recorder.log(w, revert ? 'revert' : ev.type, target, ev.label ?? '', detail);
  switch (ev.type) {
    case 'trafficMultiplier': {
      for (const c of w.clients) {
        if (ev.target !== 'all' && c.id !== ev.target) continue;
        if (!revert) c.factors.push(ev.factor);
        else if (c.factors.includes(ev.factor)) c.factors.splice(c.factors.indexOf(ev.factor), 1);
        c.multiplier = c.factors.reduce((a, b) => a * b, 1);
        if (c.open) scheduleArrival(w, c);
        else setUsers(w, c);
      }
      log(ev.target, message('event.traffic', { factor: revert ? 1 : ev.factor }));
      return;
    }
    case 'killInstances': {
      const s = server(w, ev.target);
      if (revert) {
        for (const r of state.killed) startReplica(w, s, r);
        log(s.id, message('event.restarting', { count: state.killed.length }));
        return;
      }
      if (ev.role === 'primary') {
        killPrimaries(w, s, ev.count, ev.fraction, state.killed);
        log(s.id, message('event.killedPrimaries', { killed: state.killed.length, shards: s.shards }));
        return;
      }
      const n =
        ev.count !== undefined
          ? Math.max(1, Math.round(ev.count * w.factor))
          : Math.round((ev.fraction ?? 0) * s.liveCount);
      state.killed = [];
      for (let i = 0; i < n && s.liveCount > 0; i++) {
        const r = s.live[(w.chaos.next() * s.liveCount) | 0];
        killReplica(w, s, r);
        state.killed.push(r);
      }
      const of = state.killed.length + s.liveCount;
      log(
        s.id,
        ev.count !== undefined
          ? message('event.killed', { killed: state.killed.length, of })
          : message('event.killedFraction', {
              killed: state.killed.length,
              of,
              percent: (ev.fraction ?? 0) * 100,
            }),
      );
      return;
    }
    case 'restoreInstances': {
      const s = server(w, ev.target);
      let n =
        ev.count !== undefined ? Math.max(1, Math.round(ev.count * w.factor)) : Number.POSITIVE_INFINITY;
      let started = 0;
      for (let r = 0; r < s.target && n > 0; r++) {
        if (s.state[r] === ReplicaState.off || s.state[r] === ReplicaState.draining) {
          startReplica(w, s, r);
          started++;
          n--;
        }
      }
      log(s.id, message('event.restoring', { count: started }));
      return;
    }
    case 'killRegion': {
      const region = w.regionIndex.get(ev.region) ?? -1;
      w.regionDown[region] = revert ? 0 : 1;
      for (const node of w.nodes) {
        if (node.region !== region) continue;
        setNodeDown(w, node, !revert);
      }
      log(ev.region, message(revert ? 'event.regionRestored' : 'event.regionDown'));
      return;
    }
    case 'partition': {
      const a = w.regionIndex.get(ev.regionA) ?? 0;
      const b = w.regionIndex.get(ev.regionB) ?? 0;
      const v = revert ? 0 : 1;
      w.partitioned[a * w.regionCount + b] = v;
      w.partitioned[b * w.regionCount + a] = v;
      log(`${ev.regionA}|${ev.regionB}`, message(revert ? 'event.partitionHealed' : 'event.partitioned'));
      return;
    }
    case 'injectLatency': {
      const t = target(w, ev.target);
      t.addMs += revert ? -ev.addMs : ev.addMs;
      if (Math.abs(t.addMs) < 1e-9) t.addMs = 0;
      log(ev.target, message(revert ? 'event.latencyRemoved' : 'event.latencyAdded', { ms: ev.addMs }));
      return;
    }
    case 'injectErrors': {
      const t = target(w, ev.target);
      t.addErrorRate += revert ? -ev.rate : ev.rate;
      if (Math.abs(t.addErrorRate) < 1e-12) t.addErrorRate = 0;
      log(
        ev.target,
        message(revert ? 'event.errorsRemoved' : 'event.errorsAdded', { percent: ev.rate * 100 }),
      );
      return;
    }
    case 'cacheFlush': {
      const cache = w.caches[w.nodeIndex.get(ev.target) ?? 0];
      const entries = cache.entries();
      cache.flush();
      log(ev.target, message('event.cacheFlushed', { entries }));
      return;
    }
    case 'setReplicas': {
      const s = server(w, ev.target);
      const to = Math.max(1, Math.round(ev.replicas * w.factor));
      scaleTo(w, s, to);
      log(s.id, message('event.replicas', { replicas: ev.replicas }));
      return;
    }
    case 'rollingRestart': {
      const s = server(w, ev.target);
      s.rollingBatch = Math.max(1, Math.round(ev.batch * w.factor));
      log(s.id, message('event.rollingRestart', { batch: ev.batch }));
      rollingStep(w, s, 0);
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
  w: World,
  s: ServerRt,
  count: number | undefined,
  fraction: number | undefined,
  killed: number[],
): void {
  killed.length = 0;
  const candidates: number[] = [];
  for (let shard = 0; shard < s.shards; shard++) {
    const p = s.primary[shard];
    if (p >= 0 && s.state[p] === ReplicaState.alive && s.electing[shard] === 0) candidates.push(p);
  }
  const n =
    count !== undefined ? Math.max(1, Math.round(count * w.factor)) : Math.round((fraction ?? 0) * s.shards);
  for (let i = 0; i < n && candidates.length > 0; i++) {
    const pick = (w.chaos.next() * candidates.length) | 0;
    const r = candidates[pick];
    candidates[pick] = candidates[candidates.length - 1];
    candidates.pop();
    killReplica(w, s, r);
    killed.push(r);
  }
}

function server(w: World, id: string): ServerRt {
  const s = w.servers[w.nodeIndex.get(id) ?? -1];
  if (s === undefined) throw new RangeError(`"${id}" is not a service or database`);
  return s;
}

function target(w: World, id: string): NodeRt | EdgeRt {
  const n = w.nodeIndex.get(id);
  if (n !== undefined) return w.nodes[n];
  const edge = w.edges.find((x) => x.id === id);
  if (!edge) throw new RangeError(`no node or edge "${id}"`);
  return edge;
}

function setNodeDown(w: World, node: NodeRt, down: boolean): void {
  node.down = down;
  w.liveness.version++;
  if (node.kind === NodeKind.service || node.kind === NodeKind.database) {
    const s = w.servers[node.index];
    if (down) for (let r = 0; r < s.slots; r++) killReplica(w, s, r);
    else for (let r = 0; r < s.target; r++) startReplica(w, s, r);
  } else if (node.kind === NodeKind.client) {
    const c = w.clientAt[node.index];
    if (!c.open) {
      // Closed-loop users in a dead region stop at their next request; they come back with it.
      if (!down) setUsers(w, c);
    } else if (down) c.arrivalGen++;
    else scheduleArrival(w, c);
  } else if (node.kind === NodeKind.cache && !down) w.caches[node.index].flush();
}
