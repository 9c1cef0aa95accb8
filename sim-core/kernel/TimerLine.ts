import type { EventHeap } from './EventHeap.ts';

/** A table whose records carry a generation, bumped whenever a record moves on (see tables.ts). */
export interface Generations {
  gen: Int32Array;
}

/**
 * Timers of one fixed duration (an edge's attempt timeout, a client's deadline, a pool's acquire
 * timeout), kept in creation order outside the event heap. Timers started at non-decreasing times with
 * the same duration expire in the order they were started, so a FIFO holds them sorted; only the oldest
 * live one sits in the heap. Most timeouts never fire (the call answers first): a cancelled timer is
 * just skipped when it reaches the front, at the cost of an array read, instead of a heap push and pop.
 *
 * A timer is (a, b) with b the generation of record a when it started (a call or a job); it is live
 * while `table.gen[a] === b`. Each timer takes its sequence number when it starts, so the run's event
 * order is exactly what it would be with every timer in the heap.
 *
 * NOTE: a cancelled timer that is already at the front stays in the heap until its deadline, then costs
 * one pop: about one per `durationMs` per line, whatever the rate.
 */
export class TimerLine {
  private deadline = new Float64Array(16);
  private seq = new Float64Array(16);
  private a = new Int32Array(16);
  private b = new Int32Array(16);
  private head = 0;
  /** Timers held, live or cancelled. */
  length = 0;

  constructor(
    readonly index: number,
    readonly durationMs: number,
    /** The event kind a live timer dispatches as, with operands (a, b). */
    readonly kind: number,
    private readonly table: Generations,
  ) {}

  /** Starts a timer at `now`; `lineEvent` is the heap's event kind for "a timer line's front is due". */
  start(heap: EventHeap, now: number, a: number, b: number, lineEvent: number): void {
    if (this.length === this.deadline.length) this.grow();
    const at = (this.head + this.length) & (this.deadline.length - 1);
    const s = heap.takeSeq();
    this.deadline[at] = now + this.durationMs;
    this.seq[at] = s;
    this.a[at] = a;
    this.b[at] = b;
    if (this.length++ === 0) heap.pushWithSeq(now + this.durationMs, s, lineEvent, this.index, 0);
  }

  /**
   * The front timer is due (its heap entry was popped): removes it, puts the next live one in the heap
   * and returns whether the removed one is live. Its operands are left in `firedA`, `firedB`.
   */
  fire(heap: EventHeap, lineEvent: number): boolean {
    const mask = this.deadline.length - 1;
    const h = this.head;
    this.firedA = this.a[h];
    this.firedB = this.b[h];
    this.head = (h + 1) & mask;
    this.length--;
    const gen = this.table.gen;
    while (this.length > 0) {
      const x = this.head;
      if (gen[this.a[x]] === this.b[x]) {
        heap.pushWithSeq(this.deadline[x], this.seq[x], lineEvent, this.index, 0);
        break;
      }
      this.head = (x + 1) & mask;
      this.length--;
    }
    return gen[this.firedA] === this.firedB;
  }

  firedA = 0;
  firedB = 0;

  private grow(): void {
    const size = this.deadline.length * 2;
    const order = <T extends Float64Array | Int32Array>(from: T, to: T): T => {
      for (let i = 0; i < this.length; i++) to[i] = from[(this.head + i) & (from.length - 1)];
      return to;
    };
    this.deadline = order(this.deadline, new Float64Array(size));
    this.seq = order(this.seq, new Float64Array(size));
    this.a = order(this.a, new Int32Array(size));
    this.b = order(this.b, new Int32Array(size));
    this.head = 0;
  }
}
