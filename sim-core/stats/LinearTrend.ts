/**
 * A short-horizon forecaster: the least-squares line through the last `capacity` observations of a
 * rate, extrapolated. The predictive autoscaler (`engine/nodes/autoscale.ts`) feeds it the arrival rate
 * of each evaluation interval, placed at the interval's midpoint.
 *
 * Why a least-squares line over a fixed window rather than Holt's double exponential smoothing: on a
 * linear ramp λ(t) = a + b·t the mean rate over an interval is exactly λ at its midpoint, so once the
 * window lies inside the ramp the fitted line is λ itself and the forecast has no lag at all; its
 * variance has a closed form (σ²·(1/n + (x − x̄)²/Sxx)) that a test can hold it to; it forgets an
 * earlier regime after exactly `capacity` observations; and it has one parameter (the window) instead of
 * Holt's two smoothing constants, whose joint effect on the lag after a change of slope is hard to read.
 * Prophet, the model of the source story, fits a piecewise-linear trend by regression too; over a few
 * seconds this line is that trend's last piece.
 *
 * Memory is two Float64Arrays of `capacity`; a forecast costs O(capacity), computed afresh from the
 * points (no running sums, so no drift from float cancellation over a long run).
 */
export class LinearTrend {
  private readonly atSec: Float64Array;
  private readonly value: Float64Array;
  private count = 0;
  private next = 0;

  /** @throws RangeError when `capacity` is not an integer ≥ 1. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be an integer ≥ 1, got ${capacity}`);
    this.atSec = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
  }

  /** Observations kept (at most `capacity`). */
  get size(): number {
    return this.count;
  }

  /** Records `value` observed at `atSec`, forgetting the oldest observation once `capacity` are kept. */
  add(atSec: number, value: number): void {
    this.atSec[this.next] = atSec;
    this.value[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** True once `capacity` observations are kept: from then on the oldest is forgotten at each `add`. */
  get full(): boolean {
    return this.count === this.capacity;
  }

  /** The mean of the observations kept; NaN before the first. */
  mean(): number {
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.value[i];
    return this.count > 0 ? sum / this.count : Number.NaN;
  }

  /**
   * The fitted line's value at `atSec`: the mean of the observations plus the slope times the distance
   * from their mean time. With one observation (or all at one instant) the slope is 0: the forecast is
   * the mean. NaN before the first observation.
   */
  at(atSec: number): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    let meanX = 0;
    let meanY = 0;
    for (let i = 0; i < n; i++) {
      meanX += this.atSec[i];
      meanY += this.value[i];
    }
    meanX /= n;
    meanY /= n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const dx = this.atSec[i] - meanX;
      sxx += dx * dx;
      sxy += dx * (this.value[i] - meanY);
    }
    const slope = sxx > 0 ? sxy / sxx : 0;
    return meanY + slope * (atSec - meanX);
  }
}
