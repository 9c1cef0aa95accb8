/**
 * The future-event list: a binary min-heap ordered by (time, sequence), so events at the same time run
 * first-in first-out and every run is deterministic (SimPy's ordering). Each entry carries three int
 * payload fields (an event kind and two operands, typically a record index and its generation).
 *
 * NOTE: parallel typed arrays, not objects: pushing and popping allocate nothing. The heap itself
 * holds only each entry's time and a slot number, so a sift moves two values per level; the sequence
 * number and payload stay in their slot (read on ties only), and freed slots are reused. The arrays
 * double when full (at most `size` slots are in use, so slots never outgrow the heap).
 */
export class EventHeap {
  /** The heap proper: each entry's time and the slot holding the rest of it. */
  private time: Float64Array;
  private slot: Int32Array;
  /** Per slot: the entry's sequence number and payload; free slots are chained through `kind`. */
  private seq: Float64Array;
  private kind: Int32Array;
  private a: Int32Array;
  private b: Int32Array;
  private freeSlot = -1;
  private slotsUsed = 0;
  private n = 0;
  private nextSeq = 0;

  /** Payload of the entry last returned by `pop`. */
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0] : Number.POSITIVE_INFINITY;
  }

  /** Schedules an event. `time` must not be NaN (the caller checks; a NaN would corrupt the order). */
  push(time: number, kind: number, a: number, b: number): void {
    this.pushWithSeq(time, this.nextSeq++, kind, a, b);
  }

  /**
   * Takes the next sequence number without scheduling anything: a timer kept outside the heap (see
   * TimerLine) takes its place in the (time, sequence) order when it is created, and keeps it.
   */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Schedules an event with a sequence number from `takeSeq`. */
  pushWithSeq(time: number, s: number, kind: number, a: number, b: number): void {
    if (this.n === this.time.length) this.grow();
    let slot = this.freeSlot;
    if (slot >= 0) this.freeSlot = this.kind[slot];
    else slot = this.slotsUsed++;
    this.seq[slot] = s;
    this.kind[slot] = kind;
    this.a[slot] = a;
    this.b[slot] = b;
    const T = this.time;
    const L = this.slot;
    const S = this.seq;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = T[p];
      if (pt < time || (pt === time && S[L[p]] < s)) break;
      T[i] = pt;
      L[i] = L[p];
      i = p;
    }
    T[i] = time;
    L[i] = slot;
  }

  /** Removes the earliest event, returns its time and leaves its payload in `popped*`. */
  pop(): number {
    const T = this.time;
    const L = this.slot;
    const S = this.seq;
    const top = T[0];
    const freed = L[0];
    this.poppedKind = this.kind[freed];
    this.poppedA = this.a[freed];
    this.poppedB = this.b[freed];
    this.kind[freed] = this.freeSlot;
    this.freeSlot = freed;
    const last = --this.n;
    if (last > 0) {
      const t = T[last];
      const l = L[last];
      const s = S[l];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        const r = c + 1;
        if (r < last && (T[r] < T[c] || (T[r] === T[c] && S[L[r]] < S[L[c]]))) c = r;
        const ct = T[c];
        if (t < ct || (t === ct && s < S[L[c]])) break;
        T[i] = ct;
        L[i] = L[c];
        i = c;
      }
      T[i] = t;
      L[i] = l;
    }
    return top;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const grow64 = (x: Float64Array) => {
      const y = new Float64Array(size);
      y.set(x);
      return y;
    };
    const grow32 = (x: Int32Array) => {
      const y = new Int32Array(size);
      y.set(x);
      return y;
    };
    this.time = grow64(this.time);
    this.slot = grow32(this.slot);
    this.seq = grow64(this.seq);
    this.kind = grow32(this.kind);
    this.a = grow32(this.a);
    this.b = grow32(this.b);
  }
}
