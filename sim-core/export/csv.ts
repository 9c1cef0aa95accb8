import Papa from 'papaparse/papaparse.js';
import type { NodeKind } from '../format/schema.ts';
import { type CoreLocale, formatMessage } from '../messages/formatMessage.ts';
import { textOf } from '../messages/textOf.ts';
import { entryOf } from '../results/entryOf.ts';
import type { AppliedEvent, MetricRow, ScopeKind, Summary, WindowStats } from '../results/types.ts';
import { formatNumber } from './formatNumber.ts';
import { METRIC_COLUMNS } from './metricColumns.ts';

/*
 * CSV exports of a run's results, as strings (no file system here: this module runs in the web worker too).
 * Every file is RFC 4180 with a header row, CRLF line ends and a leading UTF-8 BOM, so that Excel on a
 * Chinese Windows reads UTF-8 instead of GBK; pandas reads it with `encoding='utf-8-sig'`.
 * Numbers go through `formatNumber` (no exponent, no float noise); empty cells mean "no value".
 */

type Cell = string | number | null | undefined;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * Cells a spreadsheet would run as a formula get a leading `'` (papaparse's `escapeFormulae`). This is
 * papaparse's own pattern with two changes: plain decimal numbers are left alone, because our numbers
 * reach papaparse as text (already formatted) and `-0.5` must stay a number; and no `.*$`, whose `.`
 * stops at a line break and so let a multi-line `=HYPERLINK(…)\n…` label through.
 */
const FORMULA_START = /^(?!-\d+(?:\.\d+)?$)[=+\-@\t\r]/;

const SCOPE_COLUMNS = ['scope', 'id', 'kind'] as const;
const METRIC_NAMES = METRIC_COLUMNS.map((column) => column.name);
/** Confidence intervals of the end-to-end mean and p99 (batch means); empty on every other row. */
const CONFIDENCE_COLUMNS = [
  'latency_mean_ci_low_ms',
  'latency_mean_ci_high_ms',
  'latency_p99_ci_low_ms',
  'latency_p99_ci_high_ms',
] as const;

export const SUMMARY_HEADER: readonly string[] = [...SCOPE_COLUMNS, ...METRIC_NAMES, ...CONFIDENCE_COLUMNS];
export const TIMESERIES_HEADER: readonly string[] = [
  'time_s',
  'window_end_s',
  ...SCOPE_COLUMNS,
  ...METRIC_NAMES,
];
export const EVENTS_HEADER: readonly string[] = ['time_s', 'type', 'target', 'label', 'detail'];
export const TAIL_HEADER: readonly string[] = ['hop', 'hop_kind', 'phase', 'share', 'mean_ms'];

/** The scopes of a summary or a window, one row each: end to end, clients, classes, nodes, edges. */
type ScopedMetrics = Pick<WindowStats, 'endToEnd' | 'clients' | 'classes' | 'nodes' | 'edges'>;
type NodeKinds = Readonly<Record<string, { kind: NodeKind }>>;

interface ScopedRow {
  scope: ScopeKind;
  id: string;
  kind: string;
  row: MetricRow;
}

function scopedRows(metrics: ScopedMetrics, nodeKinds: NodeKinds): ScopedRow[] {
  // The end-to-end row gets a non-empty id so `groupby(['scope', 'id'])` in pandas keeps it.
  const rows: ScopedRow[] = [{ scope: 'endToEnd', id: 'endToEnd', kind: 'endToEnd', row: metrics.endToEnd }];
  for (const [id, row] of Object.entries(metrics.clients))
    rows.push({ scope: 'client', id, kind: 'client', row });
  for (const [id, row] of Object.entries(metrics.classes))
    rows.push({ scope: 'class', id, kind: 'class', row });
  for (const [id, row] of Object.entries(metrics.nodes)) {
    rows.push({ scope: 'node', id, kind: entryOf(nodeKinds, id)?.kind ?? '', row });
  }
  for (const [id, row] of Object.entries(metrics.edges)) rows.push({ scope: 'edge', id, kind: 'edge', row });
  return rows;
}

function metricCells(row: MetricRow): Cell[] {
  return METRIC_COLUMNS.map((column) => column.get(row));
}

/**
 * Control characters and bidirectional controls never reach a cell raw: an ESC, NUL, DEL or C1 control,
 * or a bidi override in a label, is written as its JSON escape (`\u001B`, six visible characters), so no
 * cell can rewrite a terminal or reorder a spreadsheet's text. Tab, CR and LF stay: RFC 4180 quoting
 * keeps a multi-line label in one cell, and formula escaping catches a leading tab or CR. (Ids cannot
 * hold any of them: the validator refuses them.)
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escapeControls = (text: string) =>
  text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

export function toCsv(fields: readonly string[], rows: readonly Cell[][]): string {
  const data = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : escapeControls(cell ?? ''))),
  );
  // The header goes in as the first row: with `{ fields, data: [] }` papaparse writes a stray empty record.
  const body = Papa.unparse([[...fields], ...data], { escapeFormulae: FORMULA_START, newline: CRLF });
  return BOM + body + CRLF;
}

/**
 * The run's metrics after warm-up, a row per scope: end to end, each client, class, node and edge.
 * Columns: `SUMMARY_HEADER` (the end-to-end row alone fills the confidence-interval columns).
 */
export function summaryCsv(summary: Summary): string {
  const { confidence } = summary.endToEnd;
  const rows = scopedRows(summary, summary.nodes).map(({ scope, id, kind, row }): Cell[] => {
    const ci =
      scope === 'endToEnd'
        ? [confidence.meanMs.low, confidence.meanMs.high, confidence.p99Ms.low, confidence.p99Ms.high]
        : [null, null, null, null];
    return [scope, id, kind, ...metricCells(row), ...ci];
  });
  return toCsv(SUMMARY_HEADER, rows);
}

/**
 * A row per window and scope, in time order. `time_s` is the window's start in simulated seconds.
 * Windows do not carry node kinds: pass the summary's `nodes` to fill the `kind` column (else it is empty).
 */
export function timeseriesCsv(windows: readonly WindowStats[], nodeKinds: NodeKinds = {}): string {
  const rows: Cell[][] = [];
  for (const w of windows) {
    for (const { scope, id, kind, row } of scopedRows(w, nodeKinds)) {
      rows.push([w.startSec, w.endSec, scope, id, kind, ...metricCells(row)]);
    }
  }
  return toCsv(TIMESERIES_HEADER, rows);
}

/**
 * The scenario events the run applied (scripted, reverts, autoscaling, failovers, health checks), with
 * labels and details worded in `locale` (the CLI's English, the UI's current language).
 */
export function eventsCsv(events: readonly AppliedEvent[], locale: CoreLocale): string {
  return toCsv(
    EVENTS_HEADER,
    events.map((e) => [e.atSec, e.type, e.target, textOf(e.label, locale), formatMessage(locale, e.detail)]),
  );
}

/** Where the slowest 1 % of requests spent their time: a row per hop and phase, shares adding up to 1. */
export function tailAttributionCsv(summary: Summary): string {
  return toCsv(
    TAIL_HEADER,
    summary.tailAttribution.hops.map((h) => [h.hop, h.hopKind, h.phase, h.share, h.meanMs]),
  );
}
