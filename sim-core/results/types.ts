import type { LocalizedText, NodeKind, ScenarioEventType } from '../format/schema.ts';
import type { Message } from '../messages/Message.ts';

/**
 * The results the engine reports: plain data (numbers, strings, null) that survives structuredClone,
 * JSON and comlink. Statistics are numbers; formatting is the caller's business.
 * Durations are in ms, rates per second, simulated time in seconds. `null` means "not measured here"
 * (no samples yet, or a metric that does not apply to this kind of scope).
 */

/** Why a request failed. */
export const ERROR_REASONS = [
  'timeout',
  'queueFull',
  'rateLimited',
  'circuitOpen',
  'deadInstance',
  'partition',
  'intrinsic',
  'poolTimeout',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];
export type ErrorCounts = { total: number } & Record<ErrorReason, number>;

export interface LatencyStats {
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

/** The phases a request's time is split into for tail attribution. */
export const PHASES = ['queue', 'work', 'pool', 'network', 'retry'] as const;
export type Phase = (typeof PHASES)[number];

export type ScopeKind = 'endToEnd' | 'client' | 'class' | 'node' | 'edge';

/**
 * The metrics of one scope (end to end, a client, a class, a node or an edge) over one window or
 * over the whole run after warm-up. Latency counts successful completions only; errors are counted
 * by reason. For an edge, arrivals are calls made by the caller and latency is the caller's view
 * (network, retries and backoff included).
 */
export interface MetricRow {
  arrivals: number;
  completions: number;
  errors: ErrorCounts;
  /** Requests started and not finished at the end of the period. */
  inFlight: number;
  throughputRps: number;
  latencyMs: LatencyStats;
  /** Time spent waiting for admission: a service's queue, a pool's connection. */
  waitMs: { mean: number | null; p99: number | null };
  /** Busy workers / live workers, time-averaged (services, databases). */
  utilization: number | null;
  queueLengthMean: number | null;
  queueLengthMax: number | null;
  /** Live instances, time-averaged (services, databases). */
  instancesLive: number | null;
  /** Hits / lookups (caches). */
  hitRatio: number | null;
  /** Attempts per call (edges): 1 without retries, more in a retry storm. */
  retryAmplification: number | null;
  /** Broker depth and message age at acknowledgement (queues). */
  queueDepthMean: number | null;
  queueDepthMax: number | null;
  lagMs: { mean: number | null; p99: number | null };
  deadLetters: number | null;
}

export interface ScopeInfo {
  scope: ScopeKind;
  id: string;
  kind?: NodeKind;
}

export interface WindowStats {
  index: number;
  startSec: number;
  endSec: number;
  endToEnd: MetricRow;
  clients: Record<string, MetricRow>;
  classes: Record<string, MetricRow>;
  nodes: Record<string, MetricRow>;
  edges: Record<string, MetricRow>;
}

/**
 * A latency histogram in log-spaced bins (about 9% wide): bin i holds the completions with latency in
 * [lowerMs[i], upperMs[i]). Empty bins at either end are left out.
 */
export interface LatencyHistogram {
  lowerMs: number[];
  upperMs: number[];
  counts: number[];
}

export interface ConfidenceInterval {
  estimate: number | null;
  low: number | null;
  high: number | null;
}

export interface TailHop {
  /** Node id, or edge id for network and retry time. */
  hop: string;
  hopKind: 'node' | 'edge';
  phase: Phase;
  /** Share of the tail requests' total time spent here, 0..1; shares add up to 1. */
  share: number;
  /** Mean time per tail request spent here. */
  meanMs: number;
}

export interface TailAttribution {
  /** End-to-end latency above which a request counts as tail (the run's p99). */
  thresholdMs: number | null;
  requests: number;
  hops: TailHop[];
}

export interface AppliedEvent {
  atSec: number;
  type: ScenarioEventType | 'revert' | 'autoscale' | 'failover' | 'healthCheck';
  target: string;
  /** The scenario event's own label, in every language the document gives it ('' when it has none). */
  label: LocalizedText;
  /** What it did, as a code and parameters (`event.killed`, `{ killed: 2, of: 3 }`): worded at the edge. */
  detail: Message;
}

/** Replica-symmetry sampling, when it was used; `notices` say which nodes and what is approximate. */
export interface SamplingInfo {
  /** Traffic and replica counts were multiplied by this factor (< 1) and counts scaled back up. */
  factor: number;
  /** The factor as a fraction in lowest terms: `kept` of every `of` replicas, and of the traffic. */
  kept: number;
  of: number;
}

export interface Summary {
  simulatedSec: number;
  warmupSec: number;
  seed: number;
  /** Events processed by the event loop. */
  events: number;
  /** Wall-clock time of the event loop itself, ms. */
  wallMs: number;
  /** The width of the metric windows: the scenario's `windowSec`, or wider (see `notices`). */
  windowSec: number;
  /**
   * What the reader should know about how the run was measured, as messages: `windows.widened`
   * ({requestedSec, windowSec, maxWindows}) when a run would have kept too many windows.
   */
  notices: Message[];
  sampling: SamplingInfo | null;
  endToEnd: MetricRow & {
    confidence: { meanMs: ConfidenceInterval; p99Ms: ConfidenceInterval; batches: number };
    /** The end-to-end latency distribution after warm-up, for histogram and CDF charts. */
    latencyHistogram: LatencyHistogram;
  };
  clients: Record<string, MetricRow>;
  classes: Record<string, MetricRow>;
  nodes: Record<string, MetricRow & { kind: NodeKind }>;
  edges: Record<string, MetricRow & { source: string; target: string }>;
  tailAttribution: TailAttribution;
  eventsApplied: AppliedEvent[];
}

/** What the UI polls while a run goes on. */
export interface Snapshot {
  nowSec: number;
  endSec: number;
  done: boolean;
  /** Windows closed since the `sinceWindow` asked for. */
  windows: WindowStats[];
  summary: Summary;
}
