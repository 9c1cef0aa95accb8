import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from './EventHeap.ts';

describe('EventHeap', () => {
  it('pops in (time, push order) order whatever the interleaving of pushes and pops', () => {
    // Few distinct times, so ties are common; a pop is a null in the script.
    const script = fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(null)), {
      maxLength: 3000,
    });
    fc.assert(
      fc.property(script, (steps) => {
        const heap = new EventHeap(4);
        const reference: { time: number; order: number }[] = [];
        let order = 0;
        let floor = 0;
        const popBoth = () => {
          reference.sort((x, y) => x.time - y.time || x.order - y.order);
          const expected = reference.shift();
          const time = heap.pop();
          expect([time, heap.poppedKind, heap.poppedA, heap.poppedB]).toEqual([
            expected?.time,
            (expected?.order ?? 0) % 7,
            expected?.order,
            (expected?.order ?? 0) + 1000,
          ]);
          floor = time;
        };
        for (const step of steps) {
          if (step === null) {
            if (heap.size > 0) popBoth();
            continue;
          }
          // Events are never scheduled in the past, as in the kernel.
          const time = floor + step;
          heap.push(time, order % 7, order, order + 1000);
          reference.push({ time, order: order++ });
          expect(heap.size).toBe(reference.length);
        }
        while (heap.size > 0) popBoth();
        expect(heap.peekTime()).toBe(Number.POSITIVE_INFINITY);
      }),
      { numRuns: 200 },
    );
  });
});
