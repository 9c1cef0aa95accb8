import { formatMessage } from '../messages/formatMessage.ts';
import { ERROR_REASONS, type ErrorCounts, type Summary } from '../results/types.ts';
import {
  formatCompact,
  formatCount,
  formatPercent,
  formatSeconds,
  formatSig,
  NO_VALUE,
  printable,
  renderTable,
  words,
} from './text.ts';

/** Beyond this many nodes the table is cut: the CSV export has them all. */
const MAX_NODE_ROWS = 40;
const TAIL_HOPS_SHOWN = 5;

/**
 * The CLI's text report of a run: run info, end-to-end metrics with confidence intervals, a table of
 * nodes, the edges that retried, and where the slowest requests spent their time. Ends with a newline.
 */
export function formatSummary(summary: Summary): string {
  return [runInfo(summary), endToEnd(summary), nodeTable(summary), retryingEdges(summary), tail(summary)]
    .filter((section) => section !== '')
    .join('\n');
}

function runInfo(s: Summary): string {
  const eventsPerSec = s.wallMs > 0 ? formatCompact((s.events / s.wallMs) * 1000) : NO_VALUE;
  let text =
    `Run       ${formatSeconds(s.simulatedSec)} simulated, first ${formatSeconds(s.warmupSec)} excluded as warm-up, ` +
    `seed ${s.seed}\n` +
    `Events    ${formatCount(s.events)} in ${formatCount(s.wallMs)} ms wall (${eventsPerSec} events/s)\n`;
  if (s.eventsApplied.length > 0) text += `Scenario  ${formatCount(s.eventsApplied.length)} events applied\n`;
  if (s.sampling !== null) {
    const { kept, of } = s.sampling;
    text +=
      `Sampling  ${formatCount(kept)} in ${formatCount(of)} of the replicas with ${formatCount(kept)} in ` +
      `${formatCount(of)} of the traffic (x${formatSig(s.sampling.factor)}), counts scaled back up\n`;
  }
  // What sampling did, or why it did not happen, in the core's English words.
  for (const notice of s.notices)
    if (
      notice.code.startsWith('sampling.') &&
      notice.code !== 'sampling.applied' &&
      notice.code !== 'sampling.forced'
    )
      text += `          ${printable(formatMessage('en', notice))}\n`;
  return text;
}

/** `12 (6.0%: timeout 9, queue full 3)`; reasons with no errors are left out. */
function errorsText(errors: ErrorCounts, arrivals: number): string {
  if (errors.total === 0) return '0';
  const reasons = ERROR_REASONS.filter((reason) => errors[reason] > 0)
    .map((reason) => `${words(reason)} ${formatCount(errors[reason])}`)
    .join(', ');
  const rate = arrivals > 0 ? `${formatPercent(errors.total / arrivals)}: ` : '';
  return `${formatCount(errors.total)} (${rate}${reasons})`;
}

function endToEnd(s: Summary): string {
  const e = s.endToEnd;
  const { meanMs, p99Ms, batches } = e.confidence;
  const interval = (low: number | null, high: number | null) => `${formatSig(low)} to ${formatSig(high)}`;
  const latency = (['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const)
    .map((stat) => `${stat} ${formatSig(e.latencyMs[stat])}`)
    .join('   ');
  return (
    'End to end\n' +
    `  arrivals     ${formatCount(e.arrivals)}   completions ${formatCount(e.completions)}   ` +
    `in flight ${formatCount(e.inFlight)}\n` +
    `  errors       ${errorsText(e.errors, e.arrivals)}\n` +
    `  throughput   ${formatSig(e.throughputRps)} rps\n` +
    `  latency ms   ${latency}\n` +
    `  95% CI ms    mean ${interval(meanMs.low, meanMs.high)}   p99 ${interval(p99Ms.low, p99Ms.high)}   ` +
    `(${formatCount(batches)} batches)\n`
  );
}

function nodeTable(s: Summary): string {
  const nodes = Object.entries(s.nodes);
  if (nodes.length === 0) return '';
  const rows = nodes
    .slice(0, MAX_NODE_ROWS)
    .map(([id, n]) => [
      printable(id),
      n.kind,
      formatSig(n.throughputRps),
      formatSig(n.latencyMs.p99),
      formatCount(n.errors.total),
      formatPercent(n.utilization),
      formatSig(n.queueLengthMean),
      formatPercent(n.hitRatio),
    ]);
  const header = ['id', 'kind', 'rps', 'p99 ms', 'errors', 'util', 'queue', 'hit ratio'];
  const more = nodes.length - rows.length;
  const note =
    more > 0 ? `  ... and ${formatCount(more)} more nodes (all of them in summary.csv: use --out DIR)\n` : '';
  return `Nodes\n${renderTable(header, rows, ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'])}${note}`;
}

function retryingEdges(s: Summary): string {
  const edges = Object.entries(s.edges).filter(([, e]) => (e.retryAmplification ?? 1) > 1);
  if (edges.length === 0) return '';
  const rows = edges.map(([id, e]) => [
    printable(id),
    `${printable(e.source)} -> ${printable(e.target)}`,
    formatSig(e.throughputRps),
    `x${formatSig(e.retryAmplification)}`,
    formatCount(e.errors.total),
  ]);
  const header = ['id', 'from -> to', 'calls/s', 'attempts/call', 'errors'];
  return `Edges with retries\n${renderTable(header, rows, ['left', 'left', 'right', 'right', 'right'])}`;
}

function tail(s: Summary): string {
  const { thresholdMs, requests, hops } = s.tailAttribution;
  if (hops.length === 0) return '';
  const top = [...hops].sort((a, b) => b.share - a.share).slice(0, TAIL_HOPS_SHOWN);
  const rows = top.map((h) => [
    printable(h.hop),
    h.hopKind,
    h.phase,
    formatPercent(h.share),
    formatSig(h.meanMs),
  ]);
  const title =
    `Tail      where the ${formatCount(requests)} requests slower than p99 (${formatSig(thresholdMs)} ms) ` +
    'spent their time\n';
  return (
    title +
    renderTable(['hop', 'kind', 'phase', 'share', 'mean ms'], rows, [
      'left',
      'left',
      'left',
      'right',
      'right',
    ])
  );
}
