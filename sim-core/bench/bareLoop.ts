import { Prng } from '../random/Prng.ts';

/**
 * The reference the engine is measured against: the tightest M/M/1 event loop we know how to write in
 * JavaScript. A binary heap of (time, kind) in two typed arrays, a FIFO ring of arrival times, the
 * engine's own random stream (sfc32) and inverse-transform exponentials; it keeps only the mean
 * sojourn time, so it does no bookkeeping the engine could be blamed for skipping.
 *
 * `lambdaPerMs` and `muPerMs` are rates per millisecond; it serves `customers` customers and returns
 * their mean time in the system (ms), which theory puts at 1/(μ − λ).
 */
export function bareMM1(lambdaPerMs: number, muPerMs: number, customers: number): number {
  const rng = new Prng(1, 2, 3, 4);
  const capacity = 1 << 16;
  const heapTime = new Float64Array(capacity);
  const heapKind = new Int32Array(capacity);
  let size = 0;
  let poppedKind = 0;
  const push = (time: number, kind: number) => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapTime[parent] <= time) break;
      heapTime[i] = heapTime[parent];
      heapKind[i] = heapKind[parent];
      i = parent;
    }
    heapTime[i] = time;
    heapKind[i] = kind;
  };
  const pop = () => {
    const top = heapTime[0];
    poppedKind = heapKind[0];
    const last = --size;
    const time = heapTime[last];
    const kind = heapKind[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && heapTime[child + 1] < heapTime[child]) child++;
      if (time <= heapTime[child]) break;
      heapTime[i] = heapTime[child];
      heapKind[i] = heapKind[child];
      i = child;
    }
    heapTime[i] = time;
    heapKind[i] = kind;
    return top;
  };
  const ringMask = (1 << 20) - 1;
  const waiting = new Float64Array(ringMask + 1);
  let head = 0;
  let tail = 0;
  const ARRIVAL = 0;
  const DEPARTURE = 1;
  let busy = false;
  let arrived = 0;
  let done = 0;
  let sojourn = 0;
  push(-Math.log(1 - rng.next()) / lambdaPerMs, ARRIVAL);
  while (done < customers) {
    const now = pop();
    if (poppedKind === ARRIVAL) {
      arrived++;
      if (arrived < customers) push(now - Math.log(1 - rng.next()) / lambdaPerMs, ARRIVAL);
      waiting[tail++ & ringMask] = now;
      if (!busy) {
        busy = true;
        push(now - Math.log(1 - rng.next()) / muPerMs, DEPARTURE);
      }
    } else {
      sojourn += now - waiting[head++ & ringMask];
      done++;
      if (head !== tail) push(now - Math.log(1 - rng.next()) / muPerMs, DEPARTURE);
      else busy = false;
    }
  }
  return sojourn / done;
}
