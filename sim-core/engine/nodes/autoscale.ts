import type { AutoscalePolicy } from '../../format/schema.ts';
import { message } from '../../messages/formatMessage.ts';
import type { Message } from '../../messages/Message.ts';
import type { LinearTrend } from '../../stats/LinearTrend.ts';
import { EventKind, ReplicaState } from '../codes.ts';
import type { World } from '../World.ts';
import { scaleTo } from './replicas.ts';
import type { ServerRt } from './server.ts';

/**
 * A service's autoscaler, evaluated every `everyMs`. Two policies decide the replica count:
 *
 * - **reactive**: `ceil(live × utilization ÷ target)`, from the utilization measured since the last
 *   evaluation. On a ramp it sizes for the rate of half an interval ago, for replicas that serve
 *   `provisionMs + startupMs` later: it lags by slope × (interval/2 + that delay).
 * - **predictive**: `ceil(rate × mean service time ÷ (concurrency × target))`, with the rate the larger
 *   of the fitted arrival rate now and its forecast `horizonMs` ahead (a least-squares line through the
 *   arrival rates of the last evaluations, `stats/LinearTrend.ts`; the mean rate until that history is
 *   full). Added replicas serve at the horizon, but removed ones leave at once, so the count covers the
 *   rate over the whole span. It reads arrivals, not busy time, so an overloaded service (utilization
 *   stuck at 1) still shows how far behind it is.
 *
 * Both clamp to [min, max] and scale the same way (`scaleTo`: start or drain the highest slots at once).
 * Each change is logged as `autoscale`.
 */
export interface AutoscaleRt {
  policy: AutoscalePolicy;
  min: number;
  max: number;
  /** Target utilization, in (0, 1]. */
  target: number;
  everyMs: number;
  provisionMs: number;
  /** Predictive: how far ahead the forecast looks. */
  horizonMs: number;
  /** Predictive: the arrival rate (rps) of each recent interval, at its midpoint (s); null when reactive. */
  trend: LinearTrend | null;
  /** Predictive: the service's arrivals and the time at the last evaluation. */
  lastArrivals: number;
  lastMs: number;
}

/** An autoscaler evaluation, by the service's policy; schedules the next one. */
export function autoscaleTick(w: World, s: ServerRt): void {
  const a = s.autoscale;
  if (a === null) return;
  w.k.schedule(a.everyMs, EventKind.autoscale, s.index, 0);
  if (a.trend === null) reactive(w, s, a);
  else predictive(w, s, a, a.trend);
}

/** Replicas alive or starting: what `scaleTo` compares its target with. */
function running(s: ServerRt): number {
  let n = 0;
  for (let r = 0; r < s.slots; r++)
    if (s.state[r] === ReplicaState.alive || s.state[r] === ReplicaState.starting) n++;
  return n;
}

/** Replicas so that utilization comes back to its target. */
function reactive(w: World, s: ServerRt, a: AutoscaleRt): void {
  const busy = s.acc.busy.integral(w.k.now);
  const workers = s.acc.workers.integral(w.k.now);
  const dBusy = busy - s.lastBusyIntegral;
  const dWorkers = workers - s.lastWorkersIntegral;
  s.lastBusyIntegral = busy;
  s.lastWorkersIntegral = workers;
  if (dWorkers <= 0) return;
  const utilization = dBusy / dWorkers;
  settle(w, s, a, Math.ceil((s.liveCount * utilization) / a.target), (from, to) =>
    message('event.autoscale', { percent: Math.round(utilization * 100), from, to }),
  );
}

/** Replicas for the arrival rate forecast at the horizon (or now, when that is higher). */
function predictive(w: World, s: ServerRt, a: AutoscaleRt, trend: LinearTrend): void {
  const now = w.k.now;
  const arrivals = s.acc.cumArrivals;
  trend.add((now + a.lastMs) / 2000, ((arrivals - a.lastArrivals) * 1000) / (now - a.lastMs));
  a.lastArrivals = arrivals;
  a.lastMs = now;
  // A slope from a few points, carried a horizon far, is mostly noise: until its history is full the
  // policy sizes for the mean rate so far.
  const nowRps = Math.max(0, trend.full ? trend.at(now / 1000) : trend.mean());
  const forecastRps = Math.max(0, trend.full ? trend.at((now + a.horizonMs) / 1000) : nowRps);
  // The rate one replica carries at the target utilization; a service that takes no time needs none.
  const perReplicaRps = (s.concurrency * a.target * 1000) / s.serviceTime.mean;
  // The tolerance keeps a count that is whole up to rounding (40.000000001) from gaining a replica.
  const needed = Math.ceil(Math.max(nowRps, forecastRps) / perReplicaRps - 1e-9);
  settle(w, s, a, needed, (from, to) =>
    message('event.autoscaleForecast', {
      forecastRps: Math.round(forecastRps),
      horizonSec: a.horizonMs / 1000,
      nowRps: Math.round(nowRps),
      from,
      to,
    }),
  );
}

/** What both policies do with the count they want: clamp it, scale to it, and log why. */
function settle(
  w: World,
  s: ServerRt,
  a: AutoscaleRt,
  needed: number,
  why: (from: number, to: number) => Message,
): void {
  const desired = Math.min(a.max, Math.max(a.min, needed));
  const from = running(s);
  if (desired === from) return;
  scaleTo(w, s, desired, a.provisionMs + s.startupMs);
  w.recorder.log(w, 'autoscale', s.id, '', why(from, desired));
}

/**
 * The points a predictive autoscaler keeps: `historySec` ÷ `evaluateEverySec`, by default the horizon's
 * worth (it looks back as far as it looks ahead) and at least three, never more than `maxPoints`. A
 * longer history averages more noise away but takes longer to follow a change of slope.
 */
export function forecastPoints(
  historySec: number | undefined,
  horizonSec: number,
  everySec: number,
  maxPoints: number,
): number {
  const wanted = historySec !== undefined ? historySec / everySec : Math.max(3, horizonSec / everySec);
  return Math.min(maxPoints, Math.max(2, Math.round(wanted)));
}
