/**
 * Exact mean-value analysis of a closed product-form network with one class: `users` customers who
 * think for `thinkSec` (a delay station: any distribution) and visit FIFO exponential stations.
 * Single-server stations use Reiser–Lavenberg's recursion; multi-server ones the load-dependent form,
 * which carries each station's queue-length distribution (O(users²) per such station).
 */
export interface MvaStation {
  /** Visits per request to one copy of the station. */
  visits: number;
  serviceSec: number;
  servers: number;
  /** Identical copies (replicas), each with `visits`. */
  copies: number;
}

export interface MvaResult {
  /** Requests per second completed by the users together. */
  throughputRps: number;
  /** Mean time per visit at each station (wait + service), seconds. */
  residenceSec: number[];
}

export function mva(stations: readonly MvaStation[], users: number, thinkSec: number): MvaResult {
  const queue = stations.map(() => 0);
  // Load-dependent stations: p[i][j] = P(j customers at station i), for the population before.
  const marginal = stations.map((s) => (s.servers > 1 ? [1] : null));
  const residence = stations.map((s) => s.serviceSec);
  let throughput = 0;
  for (let n = 1; n <= users; n++) {
    stations.forEach((s, i) => {
      const p = marginal[i];
      if (p === null) {
        residence[i] = s.serviceSec * (1 + queue[i]);
        return;
      }
      let r = 0;
      for (let j = 1; j <= n; j++) r += ((j * s.serviceSec) / Math.min(j, s.servers)) * (p[j - 1] ?? 0);
      residence[i] = r;
    });
    let cycle = thinkSec;
    stations.forEach((s, i) => {
      cycle += s.copies * s.visits * residence[i];
    });
    throughput = n / cycle;
    stations.forEach((s, i) => {
      queue[i] = throughput * s.visits * residence[i];
      const p = marginal[i];
      if (p === null) return;
      const next = [0];
      let busy = 0;
      for (let j = 1; j <= n; j++) {
        next[j] = ((throughput * s.visits * s.serviceSec) / Math.min(j, s.servers)) * (p[j - 1] ?? 0);
        busy += next[j];
      }
      next[0] = Math.max(0, 1 - busy);
      marginal[i] = next;
    });
  }
  return { throughputRps: throughput, residenceSec: residence };
}
