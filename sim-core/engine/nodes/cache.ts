import { grown } from '../../kernel/tables.ts';
import type { Sampler } from '../../random/Sampler.ts';
import { appendSegs, finishJob, makeCall, seg } from '../calls.ts';
import { ErrorCode, EventKind, JobState, OK, Phase } from '../codes.ts';
import type { World } from '../World.ts';
import { pickEdge } from './balancer.ts';
import { CacheStore } from './CacheStore.ts';
import { NodeRt } from './NodeRt.ts';

/**
 * Caches: a lookup (a fixed hit ratio, or an LRU of `capacity` keys with a TTL), its latency, then a
 * hit answers and a miss calls the backing store and fills the entry. With `coalesceMisses`, misses for
 * a key already being fetched wait behind it (singleflight) instead of going out too. A shared cache
 * is one store; a per-instance one keeps a store (entries and singleflight) for each instance of each
 * caller, as an in-process cache does. A cache job's `replica` is its store. Records lookups and hits.
 */

export class CacheRt extends NodeRt {
  hitLatency: Sampler | null = null;
  hitRatio = -1;
  capacity = 0;
  ttlMs = 0;
  coalesce = false;
  perInstance = false;
  /** Store 0 is the shared one; a per-instance cache adds one per caller instance, as callers arrive. */
  stores: CacheStore[] = [];
  /** Per-instance, per caller node index: the store of each of its instances (-1 until its first call). */
  readonly storeOf = new Map<number, Int32Array>();
  /** Caller instances given a store so far. */
  storesGiven = 0;

  /** Creates the first store: call once its parameters are set. */
  init(): void {
    this.stores = [new CacheStore(this.capacity, this.ttlMs)];
  }

  /** Keys held now, in all stores. */
  entries(): number {
    let n = 0;
    for (const s of this.stores) n += s.entries;
    return n;
  }

  /** Empties every store (a flush, or its region coming back). */
  flush(): void {
    for (const s of this.stores) s.flush();
  }
}

/**
 * The store a call from `callerNode`'s instance `callerInstance` (0 for a node with one instance)
 * looks up: 0 for a shared cache, else that instance's own, made on its first call. Store 0 serves
 * the first instance to call; the others get theirs in the order they first call.
 */
export function cacheStoreFor(cache: CacheRt, callerNode: number, callerInstance: number): number {
  if (!cache.perInstance) return 0;
  let ofCaller = cache.storeOf.get(callerNode);
  if (ofCaller === undefined || callerInstance >= ofCaller.length) {
    const old = ofCaller ?? new Int32Array(0);
    ofCaller = grown(old, Math.max(callerInstance + 1, 2 * old.length, 4), -1);
    cache.storeOf.set(callerNode, ofCaller);
  }
  let store = ofCaller[callerInstance];
  if (store < 0) {
    store = cache.storesGiven++ === 0 ? 0 : cache.stores.length;
    if (store > 0) cache.stores.push(new CacheStore(cache.capacity, cache.ttlMs));
    ofCaller[callerInstance] = store;
  }
  return store;
}

/** The store of `callerNode`'s instance `callerInstance` in a per-instance cache, or -1 if it has none. */
export function ownedStore(cache: CacheRt, callerNode: number, callerInstance: number): number {
  if (!cache.perInstance) return -1;
  const ofCaller = cache.storeOf.get(callerNode);
  return ofCaller !== undefined && callerInstance < ofCaller.length ? ofCaller[callerInstance] : -1;
}

/** The process of `callerNode`'s replica restarted: its per-instance cache starts empty. */
export function flushInstance(cache: CacheRt, callerNode: number, callerReplica: number): void {
  const store = ownedStore(cache, callerNode, callerReplica);
  if (store >= 0) cache.stores[store].flush();
}

export function cacheArrive(w: World, cache: CacheRt, j: number): void {
  const jobs = w.jobs;
  const acc = cache.acc;
  acc.arrivals++;
  acc.cumArrivals++;
  jobs.start[j] = w.k.now;
  if (cache.down) {
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  acc.lookups++;
  const hit =
    cache.hitRatio >= 0
      ? cache.rng.next() < cache.hitRatio
      : cache.stores[jobs.replica[j]].lookup(jobs.key[j], w.k.now);
  if (hit) acc.hits++;
  jobs.cacheHit[j] = hit ? 1 : 0;
  const d = cache.hitLatency !== null ? cache.hitLatency.sample(cache.rng) : 0;
  if (d > 0) {
    jobs.state[j] = JobState.delayed;
    jobs.phaseStart[j] = w.k.now;
    w.k.schedule(d, EventKind.delayOver, j, jobs.gen[j]);
    return;
  }
  cacheResume(w, cache, j);
}

/** The lookup's latency is over: a hit answers, a miss goes to the backing store (or joins one). */
export function cacheResume(w: World, cache: CacheRt, j: number): void {
  const jobs = w.jobs;
  if (jobs.cacheHit[j] === 1) {
    finishJob(w, j, OK);
    return;
  }
  const key = jobs.key[j];
  const inflight = cache.stores[jobs.replica[j]].inflight;
  if (cache.coalesce) {
    const leader = inflight.get(key);
    if (leader !== undefined) {
      // Singleflight: wait behind the miss already in flight for this key.
      jobs.state[j] = JobState.coalesced;
      jobs.phaseStart[j] = w.k.now;
      jobs.next[j] = jobs.next[leader];
      jobs.next[leader] = j;
      return;
    }
    inflight.set(key, j);
    jobs.next[j] = -1;
  }
  const edge = pickEdge(w, cache, jobs.klass[j], false);
  if (edge === null) {
    // No backing store takes this class: no miss goes out, so no later miss may wait behind this one
    // (its slot is freed at once and reused by another job, whose links the waiter would overwrite).
    if (cache.coalesce) inflight.delete(key);
    finishJob(w, j, ErrorCode.deadInstance);
    return;
  }
  jobs.state[j] = JobState.calling;
  makeCall(w, j, edge);
}

export function cacheChildDone(
  w: World,
  cache: CacheRt,
  j: number,
  code: number,
  head: number,
  tail: number,
): void {
  const jobs = w.jobs;
  const key = jobs.key[j];
  const store = cache.stores[jobs.replica[j]];
  if (code === OK) {
    if (cache.hitRatio < 0) store.insert(key, w.k.now);
    appendSegs(w, j, head, tail);
  } else w.segs.releaseList(head);
  let waiter = -1;
  if (cache.coalesce && store.inflight.get(key) === j) {
    store.inflight.delete(key);
    waiter = jobs.next[j];
  }
  finishJob(w, j, code);
  while (waiter >= 0) {
    const next = jobs.next[waiter];
    seg(w, waiter, cache.index, Phase.queue, w.k.now - jobs.phaseStart[waiter]);
    finishJob(w, waiter, code);
    waiter = next;
  }
}
