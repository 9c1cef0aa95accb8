import { pickEdge } from './balancer.ts';
import { E, ERR, K, OK, P, S } from './codes.ts';
import type { Engine } from './Engine.ts';
import type { CacheRt, NodeRt, PoolRt, QueueRt, ServerRt } from './runtime.ts';
import { grown } from './tables.ts';

/**
 * Pools, caches and message queues: nodes that hold requests (a connection, an entry, a message)
 * rather than work on them.
 */

// ---- connection pools --------------------------------------------------------------------------------

export function poolArrive(e: Engine, node: NodeRt, j: number): void {
  const pool = node as PoolRt;
  const jobs = e.jobs;
  pool.acc.arrivals++;
  pool.acc.cumArrivals++;
  jobs.start[j] = e.now;
  if (pool.down) {
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  const inst = jobs.replica[j];
  pool.ensure(inst);
  if (pool.used[inst] < pool.maxConnections) {
    acquire(e, pool, j, inst);
    return;
  }
  jobs.state[j] = S.poolWait;
  pool.waiters[inst].push(j, jobs.gen[j]);
  pool.acc.queue.add(e.now, 1);
  if (pool.acquireTimeoutMs > 0) e.at(pool.acquireTimeoutMs, E.poolTimeout, j, jobs.gen[j]);
}

function acquire(e: Engine, pool: PoolRt, j: number, inst: number): void {
  const jobs = e.jobs;
  pool.used[inst]++;
  jobs.holds[j] = 1;
  const wait = e.now - jobs.start[j];
  pool.acc.wait.record(wait);
  e.seg(j, pool.index, P.pool, wait);
  const edge = pickEdge(e, pool, jobs.klass[j], false);
  if (edge === null) {
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  jobs.state[j] = S.calling;
  e.makeCall(j, edge);
}

export function poolTimeout(e: Engine, j: number): void {
  if (e.jobs.state[j] !== S.poolWait) return;
  const pool = e.nodes[e.jobs.node[j]] as PoolRt;
  pool.acc.queue.add(e.now, -1);
  pool.acc.wait.record(e.now - e.jobs.start[j]);
  // The entry stays in the waiters' ring; its generation marks it stale once this job is released.
  e.finishJob(j, ERR.poolTimeout);
}

/** Gives the connection back and hands it to the first waiter still waiting. */
export function poolRelease(e: Engine, node: NodeRt, j: number): void {
  const jobs = e.jobs;
  if (jobs.holds[j] === 0) return;
  jobs.holds[j] = 0;
  const pool = node as PoolRt;
  const inst = jobs.replica[j];
  pool.used[inst]--;
  // A waiter's call can fail at once (an open breaker, injected errors) and release its connection
  // from inside acquire: the loop below, further up the stack, then hands it on, so the stack stays
  // flat however many jobs wait.
  if (pool.releasing === inst) return;
  const outer = pool.releasing;
  pool.releasing = inst;
  const waiters = pool.waiters[inst];
  while (pool.used[inst] < pool.maxConnections && waiters.length > 0) {
    const w = waiters.shift();
    if (jobs.gen[w] !== waiters.shiftedGen || jobs.state[w] !== S.poolWait) continue;
    pool.acc.queue.add(e.now, -1);
    acquire(e, pool, w, inst);
  }
  pool.releasing = outer;
}

// ---- caches --------------------------------------------------------------------------------------------

const HIT = 1;
const MISS = 2;

export function cacheArrive(e: Engine, node: NodeRt, j: number): void {
  const cache = node as CacheRt;
  const jobs = e.jobs;
  const acc = cache.acc;
  acc.arrivals++;
  acc.cumArrivals++;
  jobs.start[j] = e.now;
  if (cache.down) {
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  acc.lookups++;
  const hit = cache.hitRatio >= 0 ? cache.rng.next() < cache.hitRatio : lookup(e, cache, jobs.key[j]);
  if (hit) acc.hits++;
  jobs.aux[j] = hit ? HIT : MISS;
  const d = cache.hitLatency !== null ? cache.hitLatency.sample(cache.rng) : 0;
  if (d > 0) {
    jobs.state[j] = S.delayed;
    jobs.mark[j] = e.now;
    e.at(d, E.resume, j, jobs.gen[j]);
    return;
  }
  cacheResume(e, cache, j);
}

/** The lookup's latency is over: a hit answers, a miss goes to the backing store (or joins one). */
export function cacheResume(e: Engine, node: NodeRt, j: number): void {
  const cache = node as CacheRt;
  const jobs = e.jobs;
  if (jobs.aux[j] === HIT) {
    e.finishJob(j, OK);
    return;
  }
  const key = jobs.key[j];
  if (cache.coalesce) {
    const leader = cache.inflight.get(key);
    if (leader !== undefined) {
      // Singleflight: wait behind the miss already in flight for this key.
      jobs.state[j] = S.coalesced;
      jobs.mark[j] = e.now;
      jobs.next[j] = jobs.next[leader];
      jobs.next[leader] = j;
      return;
    }
    cache.inflight.set(key, j);
    jobs.next[j] = -1;
  }
  const edge = pickEdge(e, cache, jobs.klass[j], false);
  if (edge === null) {
    // No backing store takes this class: no miss goes out, so no later miss may wait behind this one
    // (its slot is freed at once and reused by another job, whose links the waiter would overwrite).
    if (cache.coalesce) cache.inflight.delete(key);
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  jobs.state[j] = S.calling;
  e.makeCall(j, edge);
}

export function cacheChildDone(e: Engine, j: number, code: number, head: number, tail: number): void {
  const jobs = e.jobs;
  const cache = e.nodes[jobs.node[j]] as CacheRt;
  const key = jobs.key[j];
  if (code === OK) {
    if (cache.hitRatio < 0) insert(e, cache, key);
    e.appendSegs(j, head, tail);
  } else e.segs.releaseList(head);
  let waiter = -1;
  if (cache.coalesce && cache.inflight.get(key) === j) {
    cache.inflight.delete(key);
    waiter = jobs.next[j];
  }
  e.finishJob(j, code);
  while (waiter >= 0) {
    const next = jobs.next[waiter];
    e.seg(waiter, cache.index, P.queue, e.now - jobs.mark[waiter]);
    e.finishJob(waiter, code);
    waiter = next;
  }
}

/** LRU lookup with TTL; a hit moves the entry to the front. */
function lookup(e: Engine, cache: CacheRt, key: number): boolean {
  const slot = cache.slotOf.get(key);
  if (slot === undefined) return false;
  if (cache.ttlMs > 0 && e.now - cache.slotTime[slot] >= cache.ttlMs) {
    unlinkSlot(cache, slot);
    cache.slotOf.delete(key);
    freeSlot(cache, slot);
    return false;
  }
  unlinkSlot(cache, slot);
  pushFront(cache, slot);
  return true;
}

function insert(e: Engine, cache: CacheRt, key: number): void {
  let slot = cache.slotOf.get(key);
  if (slot !== undefined) unlinkSlot(cache, slot);
  else {
    if (cache.used - cache.freeSlots >= cache.capacity) {
      const victim = cache.tail;
      unlinkSlot(cache, victim);
      cache.slotOf.delete(cache.slotKey[victim]);
      freeSlot(cache, victim);
    }
    slot = takeSlot(cache);
    cache.slotKey[slot] = key;
    cache.slotOf.set(key, slot);
  }
  cache.slotTime[slot] = e.now;
  pushFront(cache, slot);
}

/** Empties the cache (a flush, or its region coming back). */
export function flushCache(cache: CacheRt): void {
  cache.slotOf.clear();
  cache.used = 0;
  cache.head = -1;
  cache.tail = -1;
  cache.freeSlots = 0;
}

function takeSlot(cache: CacheRt): number {
  if (cache.freeSlots > 0) return cache.freeList[--cache.freeSlots];
  if (cache.used >= cache.slotKey.length) {
    const n = Math.min(cache.capacity, Math.max(64, cache.slotKey.length * 2));
    cache.slotKey = grown(cache.slotKey, n);
    cache.slotTime = grown(cache.slotTime, n);
    cache.slotPrev = grown(cache.slotPrev, n);
    cache.slotNext = grown(cache.slotNext, n);
    cache.freeList = grown(cache.freeList, n);
  }
  return cache.used++;
}

function freeSlot(cache: CacheRt, slot: number): void {
  cache.freeList[cache.freeSlots++] = slot;
}

function unlinkSlot(cache: CacheRt, slot: number): void {
  const prev = cache.slotPrev[slot];
  const next = cache.slotNext[slot];
  if (prev >= 0) cache.slotNext[prev] = next;
  else cache.head = next;
  if (next >= 0) cache.slotPrev[next] = prev;
  else cache.tail = prev;
}

function pushFront(cache: CacheRt, slot: number): void {
  cache.slotPrev[slot] = -1;
  cache.slotNext[slot] = cache.head;
  if (cache.head >= 0) cache.slotPrev[cache.head] = slot;
  cache.head = slot;
  if (cache.tail < 0) cache.tail = slot;
}

// ---- message queues ---------------------------------------------------------------------------------

/** A producer's request: the message is stored and acknowledged; the producer does not wait for it. */
export function queueArrive(e: Engine, q: QueueRt, j: number): void {
  const jobs = e.jobs;
  q.acc.arrivals++;
  q.acc.cumArrivals++;
  jobs.start[j] = e.now;
  if (q.down) {
    e.finishJob(j, ERR.deadInstance);
    return;
  }
  if (q.messages.length + q.outstanding + q.delayed >= q.capacity) {
    e.finishJob(j, ERR.queueFull);
    return;
  }
  const m = e.newJob(q, 0, jobs.key[j], jobs.klass[j]);
  jobs.aux[m] = 0; // delivery attempts so far
  jobs.state[m] = S.waitingMessage;
  q.messages.push(m, jobs.gen[m]);
  q.acc.depth.add(e.now, 1);
  const d = q.ack !== null ? q.ack.sample(q.rng) : 0;
  if (d > 0) {
    jobs.state[j] = S.delayed;
    jobs.mark[j] = e.now;
    e.at(d, E.resume, j, jobs.gen[j]);
  } else e.finishJob(j, OK);
  pump(e, q);
}

/** How many deliveries the consumers can take at once: live replicas × per-replica capacity. */
function consumerCapacity(q: QueueRt): number {
  let cap = 0;
  for (const edge of q.out) {
    const s = edge.target as ServerRt;
    if (s.kind !== K.service && s.kind !== K.database) continue;
    const perReplica = Number.isFinite(s.maxInFlight) ? s.maxInFlight : s.concurrency;
    cap += s.liveCount * perReplica;
  }
  return cap;
}

/** Hands waiting messages to consumers while they have room. */
export function pump(e: Engine, q: QueueRt): void {
  // A delivery can fail at once (an open breaker, injected errors, a partition) and call back into
  // pump through messageChildDone: the loop below goes on instead, so the stack stays flat however
  // many messages wait.
  if (q.messages.length === 0 || q.pumping) return;
  q.pumping = true;
  const cap = consumerCapacity(q);
  const jobs = e.jobs;
  while (q.outstanding < cap && q.messages.length > 0) {
    const m = q.messages.shift();
    q.acc.depth.add(e.now, -1);
    const edge = pickEdge(e, q, jobs.klass[m], false);
    if (edge === null) {
      q.acc.deadLetters++;
      e.releaseJob(m);
      continue;
    }
    q.outstanding++;
    jobs.state[m] = S.calling;
    e.makeCall(m, edge);
  }
  q.pumping = false;
}

/** Every queue gets a chance to deliver (after consumers came up). */
export function pumpQueues(e: Engine): void {
  for (const node of e.nodes) if (node.kind === K.queue) pump(e, node as QueueRt);
}

export function messageChildDone(e: Engine, q: QueueRt, m: number, code: number): void {
  const jobs = e.jobs;
  q.outstanding--;
  if (code === OK) {
    q.acc.lag.record(e.now - jobs.start[m]);
    e.releaseJob(m);
  } else if (jobs.aux[m] < q.maxRetries) {
    // Dead-letter with a TTL: the message comes back after the retry delay.
    jobs.aux[m]++;
    jobs.state[m] = S.delayed;
    q.delayed++;
    q.acc.depth.add(e.now, 1);
    e.at(q.retryDelayMs, E.messageRetry, m, jobs.gen[m]);
  } else {
    q.acc.deadLetters++;
    e.releaseJob(m);
  }
  pump(e, q);
}

export function messageRetry(e: Engine, m: number): void {
  const q = e.nodes[e.jobs.node[m]] as QueueRt;
  q.delayed--;
  e.jobs.state[m] = S.waitingMessage;
  q.messages.push(m, e.jobs.gen[m]);
  pump(e, q);
}
