import {
  ERROR_REASONS,
  type ErrorCounts,
  type MetricRow,
  type Summary,
  type WindowStats,
} from '../results/types.ts';

/*
 * Hand-built results for tests of code that consumes them (CSV export, the CLI's printer), so those
 * tests do not need the engine. The numbers are made up but consistent enough to read.
 */

export function emptyErrors(): ErrorCounts {
  const errors = { total: 0 } as ErrorCounts;
  for (const reason of ERROR_REASONS) errors[reason] = 0;
  return errors;
}

/** A row where every count is 0 and every optional metric is `null`. */
export function emptyRow(overrides: Partial<MetricRow> = {}): MetricRow {
  return {
    arrivals: 0,
    completions: 0,
    errors: emptyErrors(),
    inFlight: 0,
    throughputRps: 0,
    latencyMs: { mean: null, p50: null, p90: null, p99: null, p999: null, max: null },
    waitMs: { mean: null, p99: null },
    utilization: null,
    queueLengthMean: null,
    queueLengthMax: null,
    instancesLive: null,
    hitRatio: null,
    retryAmplification: null,
    queueDepthMean: null,
    queueDepthMax: null,
    lagMs: { mean: null, p99: null },
    deadLetters: null,
    ...overrides,
  };
}

function served(rps: number, p99: number): Partial<MetricRow> {
  return {
    arrivals: rps * 60,
    completions: rps * 60 - 3,
    throughputRps: rps - 0.05,
    latencyMs: { mean: p99 / 4, p50: p99 / 5, p90: p99 / 2, p99, p999: p99 * 1.5, max: p99 * 2 },
  };
}

/** A client → load balancer → service → cache/database run, with a Chinese label and a formula-like id. */
export function sampleSummary(): Summary {
  const errors = { ...emptyErrors(), total: 12, timeout: 9, queueFull: 3 };
  return {
    simulatedSec: 60,
    warmupSec: 5,
    seed: 42,
    events: 1_234_567,
    wallMs: 812.4,
    windowSec: 1,
    notices: [],
    sampling: null,
    endToEnd: {
      ...emptyRow(served(200, 48.21)),
      errors,
      inFlight: 7,
      confidence: {
        meanMs: { estimate: 12.05, low: 11.8, high: 12.3 },
        p99Ms: { estimate: 48.21, low: 45.02, high: 51.13 },
        batches: 20,
      },
      latencyHistogram: { lowerMs: [10, 10.9], upperMs: [10.9, 11.9], counts: [150, 50] },
    },
    clients: { web: emptyRow(served(200, 48.21)) },
    classes: { read: emptyRow(served(150, 30)), write: emptyRow(served(50, 70)) },
    nodes: {
      lb: { ...emptyRow(served(200, 47)), kind: 'loadBalancer', instancesLive: 2 },
      api: {
        ...emptyRow(served(200, 46.5)),
        kind: 'service',
        errors,
        utilization: 0.873,
        queueLengthMean: 1.42,
        queueLengthMax: 31,
        instancesLive: 4,
        waitMs: { mean: 2.5, p99: 20.1 },
      },
      缓存: { ...emptyRow(served(120, 1.2)), kind: 'cache', hitRatio: 0.9123 },
      '=1+1': { ...emptyRow(served(30, 12)), kind: 'database', utilization: 0.31 },
    },
    edges: {
      'lb->api': { ...emptyRow(served(200, 46.6)), source: 'lb', target: 'api', retryAmplification: 1 },
      'api->db': {
        ...emptyRow(served(30, 14)),
        source: 'api',
        target: '=1+1',
        retryAmplification: 1.37,
        errors: { ...emptyErrors(), total: 4, timeout: 4 },
      },
    },
    tailAttribution: {
      thresholdMs: 48.21,
      requests: 118,
      hops: [
        { hop: 'api', hopKind: 'node', phase: 'queue', share: 0.41, meanMs: 25.3 },
        { hop: 'api', hopKind: 'node', phase: 'work', share: 0.22, meanMs: 13.6 },
        { hop: 'api->db', hopKind: 'edge', phase: 'retry', share: 0.15, meanMs: 9.25 },
        { hop: '=1+1', hopKind: 'node', phase: 'work', share: 0.12, meanMs: 7.4 },
        { hop: 'lb->api', hopKind: 'edge', phase: 'network', share: 0.06, meanMs: 3.7 },
        { hop: 'lb', hopKind: 'node', phase: 'work', share: 0.04, meanMs: 2.47 },
      ],
    },
    eventsApplied: [
      {
        atSec: 30,
        type: 'killInstances',
        target: 'api',
        label: { en: 'Kill half', 'zh-CN': '杀掉一半实例' },
        detail: { code: 'event.killed', params: { killed: 2, of: 4 } },
      },
      {
        atSec: 45.5,
        type: 'revert',
        target: 'api',
        label: '=HYPERLINK("http://x","y")',
        detail: { code: 'event.restarting', params: { count: 2 } },
      },
    ],
  };
}

/** Two one-second windows over the sample's scopes (node kinds are not in windows: see timeseriesCsv). */
export function sampleWindows(): WindowStats[] {
  const summary = sampleSummary();
  // Copies only MetricRow's own fields, dropping a summary node's `kind` and an edge's source/target.
  const fields = Object.keys(emptyRow()) as (keyof MetricRow)[];
  const metricsOnly = (row: MetricRow): MetricRow =>
    Object.fromEntries(fields.map((field) => [field, row[field]])) as unknown as MetricRow;
  const strip = (rows: Record<string, MetricRow>): Record<string, MetricRow> =>
    Object.fromEntries(Object.entries(rows).map(([id, row]) => [id, metricsOnly(row)]));
  return [0, 1].map((index) => ({
    index,
    startSec: 5 + index,
    endSec: 6 + index,
    endToEnd: { ...metricsOnly(summary.endToEnd), throughputRps: 199.5 + index },
    clients: strip(summary.clients),
    classes: strip(summary.classes),
    nodes: strip(summary.nodes),
    edges: strip(summary.edges),
  }));
}
