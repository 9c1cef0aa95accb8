/**
 * The future-event list: a binary min-heap ordered by (time, sequence), so events at the same time run
 * first-in first-out and every run is deterministic (SimPy's ordering). Each entry carries three int
 * payload fields (an event kind and two operands, typically a record index and its generation).
 *
 * NOTE: parallel typed arrays, not objects: pushing and popping allocate nothing, and the sift loops
 * touch a few contiguous arrays. The arrays double when full.
 */
export class EventHeap {
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private a: Int32Array;
  private b: Int32Array;
  private n = 0;
  private nextSeq = 0;

  /** Payload of the entry last returned by `pop`. */
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
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
    if (this.n === this.time.length) this.grow();
    const s = this.nextSeq++;
    let i = this.n++;
    const T = this.time;
    const S = this.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = T[p];
      if (pt < time || (pt === time && S[p] < s)) break;
      this.move(p, i);
      i = p;
    }
    T[i] = time;
    S[i] = s;
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
  }

  /** Removes the earliest event, returns its time and leaves its payload in `popped*`. */
  pop(): number {
    const T = this.time;
    const S = this.seq;
    const top = T[0];
    this.poppedKind = this.kind[0];
    this.poppedA = this.a[0];
    this.poppedB = this.b[0];
    const last = --this.n;
    if (last > 0) {
      const t = T[last];
      const s = S[last];
      const k = this.kind[last];
      const a = this.a[last];
      const b = this.b[last];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        const r = c + 1;
        if (r < last && (T[r] < T[c] || (T[r] === T[c] && S[r] < S[c]))) c = r;
        if (t < T[c] || (t === T[c] && s < S[c])) break;
        this.move(c, i);
        i = c;
      }
      T[i] = t;
      S[i] = s;
      this.kind[i] = k;
      this.a[i] = a;
      this.b[i] = b;
    }
    return top;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.a[to] = this.a[from];
    this.b[to] = this.b[from];
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
    this.seq = grow64(this.seq);
    this.kind = grow32(this.kind);
    this.a = grow32(this.a);
    this.b = grow32(this.b);
  }
}
