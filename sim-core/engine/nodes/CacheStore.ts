import { grown } from '../../kernel/tables.ts';

/**
 * One cache's entries: an LRU of at most `capacity` keys with an optional TTL, and the keys whose miss
 * is being fetched (singleflight). A shared cache has one store; a per-instance cache has one for each
 * instance of each caller, so every process keeps its own entries and warms on its own.
 */
export class CacheStore {
  /** LRU: key → slot, and slots in a doubly linked recency list (head = most recent). */
  slotOf = new Map<number, number>();
  slotKey = new Float64Array(0);
  slotTime = new Float64Array(0);
  slotPrev = new Int32Array(0);
  slotNext = new Int32Array(0);
  freeList = new Int32Array(0);
  freeSlots = 0;
  used = 0;
  head = -1;
  tail = -1;
  /** Singleflight: key → first job waiting behind the in-flight miss (linked through job.next). */
  inflight = new Map<number, number>();

  constructor(
    readonly capacity: number,
    readonly ttlMs: number,
  ) {}

  /** Keys held now. */
  get entries(): number {
    return this.used - this.freeSlots;
  }

  /** Whether `key` is held and fresh at `nowMs`; a hit moves the entry to the front. */
  lookup(key: number, nowMs: number): boolean {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return false;
    if (this.ttlMs > 0 && nowMs - this.slotTime[slot] >= this.ttlMs) {
      this.unlink(slot);
      this.slotOf.delete(key);
      this.freeList[this.freeSlots++] = slot;
      return false;
    }
    this.unlink(slot);
    this.pushFront(slot);
    return true;
  }

  /** Stores `key` as fetched at `nowMs`, evicting the least recently used entry when full. */
  insert(key: number, nowMs: number): void {
    let slot = this.slotOf.get(key);
    if (slot !== undefined) this.unlink(slot);
    else {
      if (this.entries >= this.capacity) {
        const victim = this.tail;
        this.unlink(victim);
        this.slotOf.delete(this.slotKey[victim]);
        this.freeList[this.freeSlots++] = victim;
      }
      slot = this.takeSlot();
      this.slotKey[slot] = key;
      this.slotOf.set(key, slot);
    }
    this.slotTime[slot] = nowMs;
    this.pushFront(slot);
  }

  /** Empties the store (a flush, its region coming back, its process restarting). */
  flush(): void {
    this.slotOf.clear();
    this.used = 0;
    this.head = -1;
    this.tail = -1;
    this.freeSlots = 0;
  }

  private takeSlot(): number {
    if (this.freeSlots > 0) return this.freeList[--this.freeSlots];
    if (this.used >= this.slotKey.length) {
      const n = Math.min(this.capacity, Math.max(64, this.slotKey.length * 2));
      this.slotKey = grown(this.slotKey, n);
      this.slotTime = grown(this.slotTime, n);
      this.slotPrev = grown(this.slotPrev, n);
      this.slotNext = grown(this.slotNext, n);
      this.freeList = grown(this.freeList, n);
    }
    return this.used++;
  }

  private unlink(slot: number): void {
    const prev = this.slotPrev[slot];
    const next = this.slotNext[slot];
    if (prev >= 0) this.slotNext[prev] = next;
    else this.head = next;
    if (next >= 0) this.slotPrev[next] = prev;
    else this.tail = prev;
  }

  private pushFront(slot: number): void {
    this.slotPrev[slot] = -1;
    this.slotNext[slot] = this.head;
    if (this.head >= 0) this.slotPrev[this.head] = slot;
    this.head = slot;
    if (this.tail < 0) this.tail = slot;
  }
}
