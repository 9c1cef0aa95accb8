import type { ScenarioEvent, Topology } from '../format/schema.ts';
import { Sampler } from '../random/Sampler.ts';
import type { CallGraph } from './callGraph.ts';

/*
 * What each client sends over a run (requests, the peak in flight, the keys it uses), as the engine
 * applies its rate, profile and traffic multipliers; and, when that is too much, which of its fields
 * stands out. Part of the run estimate (estimate.ts).
 */

/**
 * Typical values, only to tell which of a client's fields stands out when its traffic is too much work:
 * the one furthest above its typical value is named (a rate of 1e12 rps, a run of 1e9 s, a ×1e6 spike).
 */
const TYPICAL = { rateRps: 1000, users: 100, durationSec: 600, eventsPerRequest: 100 } as const;

/** A field that sets a client's traffic, with its value. */
export interface Field {
  path: string;
  value: number;
}

export interface ClientTraffic {
  index: number;
  /** Root requests over the run, after sampling. */
  requests: number;
  /** Requests in flight at the busiest moment (Little's law with no queueing), after sampling. */
  peakInFlight: number;
  /** Distinct keys it sends (Infinity without a key space). */
  keyCount: number;
  /** A closed loop whose users neither think nor wait: its requests take no simulated time at all. */
  zeroTime: boolean;
  blame: { rate: Field; multiplier: Field | null; multiplierPeak: number };
}

export function clientTraffic(
  t: Topology,
  graph: CallGraph,
  durationSec: number,
  factor: number,
): ClientTraffic[] {
  const out: ClientTraffic[] = [];
  t.nodes.forEach((n, index) => {
    if (n.kind !== 'client') return;
    const p = n.params;
    const multipliers = multiplierSegments(t.scenario.events, n.id, durationSec);
    const strongest = strongestMultiplier(t.scenario.events, n.id);
    const latencySec = graph.latencyMs[index] / 1000;
    let requests: number;
    let peakInFlight: number;
    let rate: Field;
    let zeroTime = false;
    if (p.arrival === 'closed') {
      const users = p.users ?? 0;
      const thinkSec = p.thinkTimeMs ? Sampler.of(p.thinkTimeMs).mean / 1000 : 0;
      const userSec = users * factor * integral(multipliers, CONSTANT_ONE);
      // Each user sends a request, waits for it, thinks. With no time to think or wait, simulated
      // time would never advance: a loop of zero-time steps, refused before it starts.
      const cycleSec = thinkSec + latencySec;
      zeroTime = cycleSec === 0 && userSec > 0;
      requests = zeroTime ? Number.POSITIVE_INFINITY : cycleSec > 0 ? userSec / cycleSec : 0;
      peakInFlight = users * factor * peakOf(multipliers);
      rate = { path: `nodes[${index}].params.users`, value: users };
    } else {
      const at = profileRate(p.profile, p.interpolation === 'step', p.rateRps ?? 0);
      requests = factor * integral(multipliers, at);
      let peakRps = 0;
      for (const s of multipliers)
        peakRps = Math.max(
          peakRps,
          times(s.factor, Math.max(at.rate(s.from), at.rate(s.to), at.peakIn(s.from, s.to))),
        );
      peakInFlight = times(peakRps * factor, latencySec);
      rate = at.field(index);
    }
    out.push({
      index,
      requests,
      peakInFlight,
      keyCount: p.keys ? p.keys.count : Number.POSITIVE_INFINITY,
      zeroTime,
      blame: { rate, multiplier: strongest.field, multiplierPeak: peakOf(multipliers) },
    });
  });
  return out;
}

/** A stretch of the run during which the traffic multiplier of one client is constant. */
interface Segment {
  from: number;
  to: number;
  factor: number;
}

/**
 * The product of the `trafficMultiplier` events in force for `clientId`, piecewise over [0, end].
 * Sums logs, so a product of factors of 1e308 is Infinity rather than a wrong finite number.
 */
function multiplierSegments(events: readonly ScenarioEvent[], clientId: string, end: number): Segment[] {
  const changes: { at: number; log: number; zeros: number }[] = [];
  for (const e of events) {
    if (e.type !== 'trafficMultiplier' || (e.target !== 'all' && e.target !== clientId) || e.atSec >= end)
      continue;
    const log = e.factor > 0 ? Math.log(e.factor) : 0;
    const zeros = e.factor > 0 ? 0 : 1;
    changes.push({ at: e.atSec, log, zeros });
    if (e.durationSec !== undefined) changes.push({ at: e.atSec + e.durationSec, log: -log, zeros: -zeros });
  }
  changes.sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  let from = 0;
  let log = 0;
  let zeros = 0;
  for (const c of changes) {
    const at = Math.min(c.at, end);
    if (at > from) out.push({ from, to: at, factor: zeros > 0 ? 0 : Math.exp(log) });
    from = Math.max(from, at);
    log += c.log;
    zeros += c.zeros;
  }
  if (end > from) out.push({ from, to: end, factor: zeros > 0 ? 0 : Math.exp(log) });
  return out;
}

function strongestMultiplier(events: readonly ScenarioEvent[], clientId: string): { field: Field | null } {
  let field: Field | null = null;
  events.forEach((e, i) => {
    if (e.type !== 'trafficMultiplier' || (e.target !== 'all' && e.target !== clientId)) return;
    if (e.factor > (field?.value ?? 1)) field = { path: `scenario.events[${i}].factor`, value: e.factor };
  });
  return { field };
}

const peakOf = (segments: readonly Segment[]) => segments.reduce((m, s) => Math.max(m, s.factor), 0);

/** A client's offered rate over time: its value, its breakpoints and its exact integral between them. */
interface Rate {
  rate(t: number): number;
  breaks: readonly number[];
  /** ∫ rate over [a, b], with no breakpoint inside. */
  piece(a: number, b: number): number;
  peakIn(a: number, b: number): number;
}

const CONSTANT_ONE: Rate = { rate: () => 1, breaks: [], piece: (a, b) => b - a, peakIn: () => 1 };

/** ∫ rate(t) · multiplier(t) dt over the run. */
function integral(segments: readonly Segment[], rate: Rate): number {
  let total = 0;
  for (const s of segments) {
    if (s.factor === 0) continue;
    let a = s.from;
    for (const x of rate.breaks) {
      if (x <= a || x >= s.to) continue;
      total += times(s.factor, rate.piece(a, x));
      a = x;
    }
    total += times(s.factor, rate.piece(a, s.to));
  }
  return total;
}

/** A client's offered rate over time (rps, before sampling and multipliers), as the engine applies it. */
function profileRate(
  profile: readonly { atSec: number; rps: number }[] | undefined,
  step: boolean,
  rateRps: number,
): Rate & { field(index: number): Field } {
  if (!profile) {
    return {
      rate: () => rateRps,
      breaks: [],
      piece: (a, b) => times(rateRps, b - a),
      peakIn: () => rateRps,
      field: (index: number): Field => ({ path: `nodes[${index}].params.rateRps`, value: rateRps }),
    };
  }
  const last = profile.length - 1;
  const rate = (t: number): number => {
    if (t <= profile[0].atSec) return profile[0].rps;
    if (t >= profile[last].atSec) return profile[last].rps;
    let i = 1;
    while (profile[i].atSec < t) i++;
    if (step) return profile[i - 1].rps;
    const w = (t - profile[i - 1].atSec) / (profile[i].atSec - profile[i - 1].atSec);
    return profile[i - 1].rps + w * (profile[i].rps - profile[i - 1].rps);
  };
  let peak = 0;
  for (let i = 1; i <= last; i++) if (profile[i].rps > profile[peak].rps) peak = i;
  return {
    rate,
    breaks: profile.map((x) => x.atSec),
    // Linear between breakpoints: the trapezoid is exact; a step is constant: its middle is.
    piece: (a, b) => (step ? rate((a + b) / 2) : (rate(a) + rate(b)) / 2) * (b - a),
    peakIn: (a: number, b: number) => {
      let m = 0;
      for (const x of profile) if (x.atSec >= a && x.atSec <= b) m = Math.max(m, x.rps);
      return m;
    },
    field: (index: number): Field => ({
      path: `nodes[${index}].params.profile[${peak}].rps`,
      value: profile[peak].rps,
    }),
  };
}

// ---- which field to name -----------------------------------------------------------------------------

/** Of a client's rate (or users) and its strongest traffic multiplier, the one further above typical. */
export function loadField(t: Topology, c: ClientTraffic): Field {
  return c.blame.multiplier && c.blame.multiplierPeak > rateExcess(t, c) ? c.blame.multiplier : c.blame.rate;
}

/** How far a client's rate (or, closed-loop, its users) is above the typical one. */
function rateExcess(t: Topology, c: ClientTraffic): number {
  const closed = t.nodes[c.index].kind === 'client' && c.blame.rate.path.endsWith('.users');
  return c.blame.rate.value / (closed ? TYPICAL.users : TYPICAL.rateRps);
}

/** Of the fields behind a client's work, the one furthest above its typical value. */
export function blame(
  t: Topology,
  graph: CallGraph,
  c: ClientTraffic,
  perRequest: number,
  durationSec: number,
): Field {
  const candidates: { field: Field; excess: number }[] = [
    { field: c.blame.rate, excess: rateExcess(t, c) },
    {
      field: { path: 'scenario.durationSec', value: durationSec },
      excess: durationSec / TYPICAL.durationSec,
    },
  ];
  if (c.blame.multiplier) candidates.push({ field: c.blame.multiplier, excess: c.blame.multiplierPeak });
  const fan = graph.largestCount;
  if (fan >= 0 && t.edges[fan].params.count > 1) {
    candidates.push({
      field: { path: `edges[${fan}].params.count`, value: t.edges[fan].params.count },
      excess: perRequest / TYPICAL.eventsPerRequest,
    });
  }
  return candidates.reduce((best, x) => (x.excess > best.excess ? x : best)).field;
}

/** a · b, where 0 · ∞ is 0 (no traffic stays no traffic under an infinite multiplier). */
export function times(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}
