import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Dispatcher, Kernel, KernelStop } from './Kernel.ts';

/** A model that records every event it is handed, as SimPy's tests record (name, now) pairs. */
class Trace implements Dispatcher {
  readonly seen: string[] = [];
  constructor(
    private readonly k: Kernel,
    private readonly then: (kind: number, a: number, b: number) => void = () => {},
  ) {}
  dispatch(kind: number, a: number, b: number): void {
    this.seen.push(`${kind}:${a}@${this.k.now}`);
    this.then(kind, a, b);
  }
}

const gens = (n: number) => ({ gen: new Int32Array(n) });

describe('Kernel', () => {
  it('runs events in time order, ties first-in first-out, and stops at `until`', () => {
    const k = new Kernel();
    const trace = new Trace(k);
    k.scheduleAt(5, 1, 0, 0);
    k.scheduleAt(2, 1, 1, 0);
    k.scheduleAt(5, 1, 2, 0);
    k.scheduleAt(9, 1, 3, 0);
    expect(k.run(6, Number.POSITIVE_INFINITY, trace)).toBe(3);
    expect(trace.seen).toEqual(['1:1@2', '1:0@5', '1:2@5']);
    expect(k.now).toBe(6);
    k.run(100, Number.POSITIVE_INFINITY, trace);
    expect(trace.seen.at(-1)).toBe('1:3@9');
  });

  it('fires live timers in exactly the order they would have had in the heap, and never the cancelled ones', () => {
    // Random interleavings of heap events and timers on two lines, some timers cancelled: the trace
    // equals that of a kernel with every timer pushed into the heap and checked when it pops.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 50 }),
            what: fc.constantFrom('event', 'timerA', 'timerB'),
            cancel: fc.boolean(),
          }),
          { maxLength: 60 },
        ),
        (steps) => {
          const table = gens(steps.length);
          const lined = new Kernel();
          const plain = new Kernel();
          const lineA = lined.timerLine(7, 2, table);
          const lineB = lined.timerLine(3, 3, table);
          // Each step happens at its time (a setup event), where it schedules its event or timer.
          const setup = (k: Kernel, i: number) => k.scheduleAt(steps[i].at, 9, i, 0);
          const traceOf = (k: Kernel, timers: boolean) => {
            const trace = new Trace(k, (kind, a) => {
              if (kind !== 9) return;
              const step = steps[a];
              if (step.what === 'event') k.schedule(1, 1, a, 0);
              else if (timers) k.startTimer(step.what === 'timerA' ? lineA : lineB, a, 0);
              else k.schedule(step.what === 'timerA' ? 7 : 3, step.what === 'timerA' ? 2 : 3, a, 0);
              // Cancelled: the record moves on right away (a call answered before its timeout).
              if (step.cancel && step.what !== 'event') table.gen[a] = 1;
            });
            return trace;
          };
          steps.forEach((_, i) => {
            setup(lined, i);
            setup(plain, i);
          });
          table.gen.fill(0);
          const a = traceOf(lined, true);
          lined.run(1000, Number.POSITIVE_INFINITY, a);
          table.gen.fill(0);
          const b = traceOf(plain, false);
          plain.run(1000, Number.POSITIVE_INFINITY, b);
          const live = b.seen.filter((entry) => {
            const [kind, rest] = entry.split(':');
            const index = Number(rest.split('@')[0]);
            return !((kind === '2' || kind === '3') && steps[index].cancel);
          });
          expect(a.seen).toEqual(live);
        },
      ),
    );
  });

  it('costs one heap event per line and duration, not one per cancelled timer', () => {
    const k = new Kernel();
    const table = gens(10_000);
    const line = k.timerLine(1000, 2, table);
    const model = new Trace(k);
    // 10,000 timers started 1 ms apart, each cancelled 5 ms later, as calls that answer in 5 ms.
    for (let i = 0; i < 10_000; i++) k.scheduleAt(i, 9, i, 0);
    const started: number[] = [];
    const run = new Trace(k, (kind, a) => {
      if (kind === 9) {
        k.startTimer(line, a, 0);
        started.push(a);
        k.schedule(5, 8, a, 0);
      } else if (kind === 8) table.gen[a] = 1;
    });
    k.run(20_000, Number.POSITIVE_INFINITY, run);
    expect(model.seen).toEqual([]);
    expect(run.seen.filter((e) => e.startsWith('2:'))).toEqual([]);
    // 20,000 setup and cancel events, plus about one stale front per second of timers.
    expect(k.events - 20_000).toBeLessThan(20);
  });

  it('stops a loop that never advances time, with a sample of what loops', () => {
    const k = new Kernel();
    const model = new Trace(k, (kind, a) => k.schedule(0, kind, a, 0));
    k.scheduleAt(3, 1, 7, 0);
    let stop: unknown;
    try {
      k.run(10, Number.POSITIVE_INFINITY, model);
    } catch (error) {
      stop = error;
    }
    expect(stop).toBeInstanceOf(KernelStop);
    expect((stop as KernelStop).reason).toBe('zeroTimeLoop');
    expect(k.now).toBe(3);
    expect([...(stop as KernelStop).sample.subarray(0, 3)]).toEqual([1, 7, 0]);
  });

  it('lets a large burst at one instant through when it is bounded by the work in flight', () => {
    const k = new Kernel();
    // 100,000 jobs in flight each taking 30 steps at t = 5: 3 M events at one instant, then time moves.
    for (let i = 0; i < 100_000; i++) k.jobs.alloc();
    let left = 3_000_000;
    const model = new Trace(k, () => {
      if (--left > 0) k.schedule(0, 1, 0, 0);
      else k.schedule(1, 2, 0, 0);
    });
    model.seen.push = () => 0;
    k.scheduleAt(5, 1, 0, 0);
    expect(() => k.run(10, Number.POSITIVE_INFINITY, model)).not.toThrow();
    expect(k.now).toBe(10);
  });

  it('stops at its event budget when more is due, not before', () => {
    const k = new Kernel();
    k.maxEvents = 5;
    const model = new Trace(k);
    for (let t = 1; t <= 5; t++) k.scheduleAt(t, 1, t, 0);
    expect(k.run(100, Number.POSITIVE_INFINITY, model)).toBe(5);
    k.scheduleAt(200, 1, 6, 0);
    expect(() => k.run(300, Number.POSITIVE_INFINITY, model)).toThrow(KernelStop);
  });

  it('refuses a time that is not a number or runs backwards', () => {
    const k = new Kernel();
    expect(() => k.schedule(Number.NaN, 1, 0, 0)).toThrow(KernelStop);
    expect(() => k.schedule(-1, 1, 0, 0)).toThrow(KernelStop);
    k.scheduleAt(4, 1, 0, 0);
    k.run(10, Number.POSITIVE_INFINITY, new Trace(k));
    expect(() => k.scheduleAt(9, 1, 0, 0)).toThrow(KernelStop);
    expect(k.heap.size).toBe(0);
  });

  it('stops when the records in flight outgrow their bound', () => {
    const k = new Kernel(4096);
    expect(() => {
      for (let i = 0; i < 5000; i++) k.jobs.alloc();
    }).toThrow(KernelStop);
  });
});
