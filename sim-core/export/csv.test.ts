import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { emptyRow, sampleSummary, sampleWindows } from '../test/summaryFixture.ts';
import {
  EVENTS_HEADER,
  eventsCsv,
  SUMMARY_HEADER,
  summaryCsv,
  TAIL_HEADER,
  TIMESERIES_HEADER,
  tailAttributionCsv,
  timeseriesCsv,
} from './csv.ts';
import { METRIC_COLUMNS } from './metricColumns.ts';

/** Parses as a reader would: papaparse drops the BOM; the final CRLF ends the last record. */
function parse(csv: string): Record<string, string>[] {
  const result = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

function headerOf(csv: string): string[] {
  return csv.slice(1, csv.indexOf('\r\n')).split(',');
}

describe('summaryCsv', () => {
  const csv = summaryCsv(sampleSummary());
  const rows = parse(csv);

  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    expect(csv.startsWith('\uFEFFscope,id,kind,arrivals,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Every LF belongs to a CRLF (no label in the sample has a line break).
    expect(csv.split('\n').length).toBe(csv.split('\r\n').length);
  });

  it('writes the documented header', () => {
    expect(headerOf(csv)).toEqual(SUMMARY_HEADER);
    expect(SUMMARY_HEADER).toEqual([
      'scope', 'id', 'kind', 'arrivals', 'completions', 'errors_total',
      'errors_timeout', 'errors_queue_full', 'errors_rate_limited', 'errors_circuit_open',
      'errors_dead_instance', 'errors_partition', 'errors_intrinsic', 'errors_pool_timeout',
      'in_flight', 'throughput_rps', 'latency_mean_ms', 'latency_p50_ms', 'latency_p90_ms',
      'latency_p99_ms', 'latency_p999_ms', 'latency_max_ms', 'wait_mean_ms', 'wait_p99_ms',
      'utilization', 'queue_length_mean', 'queue_length_max', 'instances_live', 'hit_ratio',
      'retry_amplification', 'queue_depth_mean', 'queue_depth_max', 'lag_mean_ms', 'lag_p99_ms',
      'dead_letters', 'latency_mean_ci_low_ms', 'latency_mean_ci_high_ms', 'latency_p99_ci_low_ms',
      'latency_p99_ci_high_ms',
    ]); // biome-ignore format: one column per reader's glance
  });

  it('writes a row per scope in order: end to end, clients, classes, nodes, edges', () => {
    expect(rows.map((r) => [r.scope, r.id, r.kind])).toEqual([
      ['endToEnd', 'endToEnd', 'endToEnd'],
      ['client', 'web', 'client'],
      ['class', 'read', 'class'],
      ['class', 'write', 'class'],
      ['node', 'lb', 'loadBalancer'],
      ['node', 'api', 'service'],
      ['node', '缓存', 'cache'],
      ['node', "'=1+1", 'database'],
      ['edge', 'lb->api', 'edge'],
      ['edge', 'api->db', 'edge'],
    ]);
  });

  it('formats numbers and leaves unmeasured metrics empty', () => {
    const api = rows.find((r) => r.id === 'api')!;
    expect(api.arrivals).toBe('12000');
    expect(api.throughput_rps).toBe('199.95');
    expect(api.errors_queue_full).toBe('3');
    expect(api.utilization).toBe('0.873');
    expect(api.latency_mean_ms).toBe('11.625');
    expect(api.hit_ratio).toBe('');
    expect(api.latency_mean_ci_low_ms).toBe('');
  });

  it('fills the confidence intervals on the end-to-end row only', () => {
    const e2e = rows[0];
    expect([e2e.latency_mean_ci_low_ms, e2e.latency_mean_ci_high_ms]).toEqual(['11.8', '12.3']);
    expect([e2e.latency_p99_ci_low_ms, e2e.latency_p99_ci_high_ms]).toEqual(['45.02', '51.13']);
    expect(rows.slice(1).every((r) => r.latency_p99_ci_high_ms === '')).toBe(true);
  });

  it('round-trips Chinese text as UTF-8', () => {
    expect(rows.some((r) => r.id === '缓存')).toBe(true);
    expect(csv).toContain('\r\nnode,缓存,cache,');
  });

  it('escapes formula-like text with a leading quote', () => {
    expect(csv).toContain(`\r\nnode,"'=1+1",database,`);
  });
});

describe('timeseriesCsv', () => {
  const summary = sampleSummary();
  const csv = timeseriesCsv(sampleWindows(), summary.nodes);
  const rows = parse(csv);

  it('writes the documented header', () => {
    expect(csv.startsWith('\uFEFFtime_s,window_end_s,scope,id,kind,arrivals,')).toBe(true);
    expect(headerOf(csv)).toEqual(TIMESERIES_HEADER);
  });

  it('writes a row per window and scope, window start in seconds first', () => {
    expect(rows).toHaveLength(2 * 10);
    expect(rows.map((r) => r.time_s)).toEqual([...Array(10).fill('5'), ...Array(10).fill('6')]);
    expect(rows[10].window_end_s).toBe('7');
    expect(rows[10].throughput_rps).toBe('200.5');
    expect(rows.find((r) => r.id === '缓存')?.kind).toBe('cache');
  });

  it('leaves a node kind empty when it is not given', () => {
    const bare = parse(timeseriesCsv(sampleWindows()));
    expect(bare.find((r) => r.id === 'api')?.kind).toBe('');
    expect(bare.find((r) => r.id === 'lb->api')?.kind).toBe('edge');
  });

  it('shares the metric columns with summary.csv, in the same order', () => {
    const names = METRIC_COLUMNS.map((c) => c.name);
    const summaryHeader = headerOf(summaryCsv(summary));
    const timeseriesHeader = headerOf(csv);
    expect(summaryHeader.slice(3, 3 + names.length)).toEqual(names);
    expect(timeseriesHeader.slice(5)).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes only the header (and the BOM) when there are no windows', () => {
    expect(timeseriesCsv([])).toBe(`\uFEFF${TIMESERIES_HEADER.join(',')}\r\n`);
  });
});

describe('eventsCsv', () => {
  const latency = (ms: number) => ({ code: 'event.latencyAdded', params: { ms } });
  const events = [
    ...sampleSummary().eventsApplied,
    { atSec: 50, type: 'injectLatency', target: 'api', label: 'slow, "very"\nslow', detail: latency(-5) },
    { atSec: 51, type: 'injectLatency', target: 'api', label: '=A1\n+2', detail: latency(1) },
    { atSec: 52, type: 'injectLatency', target: 'api', label: '-0.5', detail: latency(1) },
  ] as const;

  it('words labels and details in the language asked for', () => {
    const zh = parse(eventsCsv(events, 'zh-CN'));
    expect(zh[0].label).toBe('杀掉一半实例');
    expect(zh[0].detail).toBe('已停止 4 个实例中的 2 个');
    expect(zh[1].detail).toBe('正在重启 2 个实例');
  });

  it('writes time, type, target, label, detail with labels escaped and quoted', () => {
    const csv = eventsCsv(events, 'en');
    expect(headerOf(csv)).toEqual(EVENTS_HEADER);
    const rows = parse(csv);
    expect(rows[0]).toEqual({
      time_s: '30',
      type: 'killInstances',
      target: 'api',
      label: 'Kill half',
      detail: 'killed 2 of 4 instances',
    });
    expect(rows[1].time_s).toBe('45.5');
    expect(rows[1].label).toBe(`'=HYPERLINK("http://x","y")`);
    expect(rows[2].label).toBe('slow, "very"\nslow');
    expect(rows[1].detail).toBe('restarting 2 instances');
    expect(rows[2].detail).toBe("'+-5 ms");
    // papaparse's default pattern misses a formula followed by a line break; ours does not.
    expect(rows[3].label).toBe("'=A1\n+2");
    // Text that is just a negative number cannot run as a formula and stays as written.
    expect(rows[4].label).toBe('-0.5');
  });

  it('never writes a control character or a bidirectional override raw', () => {
    const csv = eventsCsv(
      [
        {
          atSec: 1,
          type: 'injectLatency',
          target: 'api',
          label: 'red\u001b[31m\u0000',
          detail: { code: 'event.latencyAdded', params: { ms: '\u202eevil\u0085' } },
        },
      ],
      'en',
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    expect(csv).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
    const [row] = parse(csv);
    expect(row.label).toBe('red\\u001B[31m\\u0000');
    expect(row.detail).toContain('\\u202Eevil\\u0085');
  });
});

describe('negative numbers', () => {
  it('stay numbers, not escaped text', () => {
    const summary = sampleSummary();
    summary.endToEnd.confidence.meanMs.low = -0.25;
    summary.clients.web = emptyRow({ throughputRps: -1e-7 });
    const rows = parse(summaryCsv(summary));
    expect(rows[0].latency_mean_ci_low_ms).toBe('-0.25');
    expect(rows[1].throughput_rps).toBe('-0.0000001');
  });
});

describe('tailAttributionCsv', () => {
  it('writes a row per hop and phase', () => {
    const csv = tailAttributionCsv(sampleSummary());
    expect(headerOf(csv)).toEqual(TAIL_HEADER);
    const rows = parse(csv);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({ hop: 'api', hop_kind: 'node', phase: 'queue', share: '0.41', mean_ms: '25.3' });
    expect(rows[3].hop).toBe("'=1+1");
  });
});
