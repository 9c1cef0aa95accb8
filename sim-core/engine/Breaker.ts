/**
 * A circuit breaker over a rolling window of attempt outcomes in ten buckets. Open: calls fail fast.
 * After `openMs` one probe goes through (half-open); its success closes the breaker, its failure
 * reopens it.
 */
export class Breaker {
  state: 0 | 1 | 2 = 0; // closed, open, half-open
  openedAt = 0;
  probeOut = false;
  private readonly requests = new Float64Array(10);
  private readonly failures = new Float64Array(10);
  private bucketStart: number;
  private bucket = 0;

  constructor(
    readonly errorRatio: number,
    readonly minRequests: number,
    readonly windowMs: number,
    readonly openMs: number,
    /** When it started counting: attempts made before then went through another breaker. */
    readonly sinceMs = 0,
  ) {
    this.bucketStart = sinceMs;
  }

  /** A closed breaker with the same settings and empty counts, counting from `nowMs`. */
  fresh(nowMs: number): Breaker {
    return new Breaker(this.errorRatio, this.minRequests, this.windowMs, this.openMs, nowMs);
  }

  /** Whether an attempt may go now; marks the half-open probe as taken. */
  allow(now: number): boolean {
    if (this.state === 0) return true;
    if (this.state === 1 && now - this.openedAt >= this.openMs) this.state = 2;
    if (this.state === 2 && !this.probeOut) {
      this.probeOut = true;
      return true;
    }
    return false;
  }

  record(now: number, ok: boolean, probe: boolean): void {
    if (probe) {
      this.probeOut = false;
      if (ok) this.close(now);
      else this.open(now);
      return;
    }
    if (this.state !== 0) return;
    this.roll(now);
    this.requests[this.bucket]++;
    if (!ok) this.failures[this.bucket]++;
    let n = 0;
    let f = 0;
    for (let i = 0; i < 10; i++) {
      n += this.requests[i];
      f += this.failures[i];
    }
    if (n >= this.minRequests && f / n >= this.errorRatio) this.open(now);
  }

  private open(now: number): void {
    this.state = 1;
    this.openedAt = now;
  }

  private close(now: number): void {
    this.state = 0;
    this.requests.fill(0);
    this.failures.fill(0);
    this.bucketStart = now;
  }

  private roll(now: number): void {
    const width = this.windowMs / 10;
    while (now - this.bucketStart >= width) {
      this.bucket = (this.bucket + 1) % 10;
      this.requests[this.bucket] = 0;
      this.failures[this.bucket] = 0;
      this.bucketStart += width;
      if (now - this.bucketStart > this.windowMs) {
        this.requests.fill(0);
        this.failures.fill(0);
        this.bucketStart = now;
      }
    }
  }
}

/**
 * An edge's circuit breaking: one breaker for every instance of the caller (`shared`), or one for each
 * caller instance (`perInstance`), as a per-process breaker (Sentinel, gobreaker) keeps. The caller is
 * the edge's source, so its instance alone names a breaker; each is made on that instance's first call,
 * as a per-instance cache makes its stores, and instance 0 has the edge's first breaker, so a caller with
 * one instance goes through exactly the breaker a shared one would.
 */
export class Breakers {
  private readonly byInstance: (Breaker | undefined)[];

  constructor(
    private readonly first: Breaker,
    readonly perInstance: boolean,
  ) {
    this.byInstance = [first];
  }

  /** The breaker an attempt by caller instance `instance` goes through, made at `nowMs` if it is new. */
  of(instance: number, nowMs: number): Breaker {
    if (!this.perInstance) return this.first;
    let breaker = this.byInstance[instance];
    if (breaker === undefined) {
      breaker = this.first.fresh(nowMs);
      this.byInstance[instance] = breaker;
    }
    return breaker;
  }

  /** Caller instance `instance` started again (a new process): its own breaker, if any, starts closed. */
  restart(instance: number, nowMs: number): void {
    if (this.perInstance && this.byInstance[instance] !== undefined)
      this.byInstance[instance] = this.first.fresh(nowMs);
  }
}
