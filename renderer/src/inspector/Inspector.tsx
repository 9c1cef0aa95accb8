/**
 * The inspector: the selected node's, edge's or region's fields, or with nothing selected the
 * document and its scenario. Every edit is one undoable `change` (text and numbers on blur or Enter,
 * selects and checkboxes at once; an emptied field removes its key); the validator's problems show in
 * red under their field, and the problems of other items as a count with links to them.
 *
 * Accessible names in the English UI, exactly (the unit is never part of the name; shares the file
 * stores as 0..1 are shown and typed as percentages, unit "%"). Playwright's `getByLabel` matches
 * substrings unless `{ exact: true }`: "Replicas" also matches "Replicas per shard".
 * - Every node: "Id" (read-only), "Label", "Region" (select, "(none)").
 * - client: "Arrival" (select poisson/constant/closed), "Rate", profile rows "Point 1 at" and
 *   "Point 1 rps" with buttons "Add point" / "Remove point 1", "Interpolation", "Users", "Think time",
 *   "Timeout", "Key count", "Zipf exponent", class rows "Class 1 id" / "Class 1 weight" with buttons
 *   "Add class" / "Remove class 1".
 * - loadBalancer: "Policy", "Overhead", "Health check interval", "Rate limit", "Burst".
 * - service: "Replicas", "Concurrency", "Max in flight", "Queue capacity", "Service time", "Error rate"
 *   (%), "Startup time", "Rate limit", "Autoscale" (checkbox) and, when on, "Autoscale min",
 *   "Autoscale max", "Target utilization" (%), "Evaluate every", "Provision time".
 * - database: "Shards", "Replicas per shard", "Read ratio" (%), "Failover time", then the service's
 *   fields from "Concurrency" to "Rate limit".
 * - pool: "Max connections", "Acquire timeout".
 * - cache: "Mode" (select fixed/lru), "Hit ratio" (%), "Capacity", "TTL", "Hit latency",
 *   "Coalesce misses" (checkbox).
 * - queue: "Capacity", "Ack latency", "Max retries", "Retry delay".
 * - A distribution ("Service time", "Think time", "Overhead", "Hit latency", "Ack latency", "Latency",
 *   "Latency to <region id>"): the form select has the field's name ("Service time"; options
 *   constant, exponential, uniform, normal, lognormal = p50 + p99, lognormalMoments = mean + cv,
 *   erlang, empirical; optional fields also "" = none); its inputs are the name and the parameter:
 *   "Service time value" | "mean" | "min" | "max" | "sd" | "p50" | "p99" | "cv" | "k"; empirical rows
 *   "Service time row 1 percentile" / "Service time row 1 value", buttons "Add percentile" and
 *   "Service time: remove row 1".
 * - Edge: "Id", "Label", "Weight", "Latency", "Stage", "Probability" (%), "Calls per request",
 *   "Required" (checkbox), "Timeout", "Retries" (checkbox) then "Max retries", "Backoff", "Backoff
 *   multiplier", "Jitter" (%); "Circuit breaker" (checkbox) then "Error threshold" (%), "Min requests",
 *   "Window", "Open for", "Scope" (select shared/perInstance); request-class filter checkboxes named by
 *   the class id.
 * - Region: "Id" (renaming updates every reference), "Label", "Latency to <other region id>".
 * - Nothing selected: "Name", "Description", "Duration", "Warm-up", "Seed" (the run bar has a "Seed"
 *   too: scope to `getByRole('complementary', { name: 'Inspector' })`), "Metrics window"; each event
 *   "Event 1 Type", "Event 1 At", "Event 1 Duration", "Event 1 Target" | "Event 1 Region" | "Event 1
 *   Region A" | "Event 1 Region B" | "Event 1 Factor" | "Event 1 Count" | "Event 1 Fraction" (%) |
 *   "Event 1 Added latency" | "Event 1 Error rate" (%) | "Event 1 Replicas" | "Event 1 Batch",
 *   "Event 1 Label"; buttons "Add event" and "Remove event 1".
 */
import { type ReactNode, useMemo } from 'react';
import { docIssues } from '../canvas/invalidNodes.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { EdgeFields } from './EdgeFields.tsx';
import { ItemIssues, issuesElsewhere, parseIssues, runProblemIssue, selectionFor } from './issuesFor.ts';
import { NodeFields } from './NodeFields.tsx';
import { RegionFields } from './RegionFields.tsx';
import { ScenarioFields } from './ScenarioFields.tsx';

/** The selected item's fields, or the document's; and a count of the problems elsewhere. */
export function Inspector() {
  const t = useT();
  const doc = useStore((s) => s.doc);
  const selection = useStore((s) => s.selection);
  const select = useStore((s) => s.select);
  const runProblem = useStore((s) => s.runProblem);
  const issues = useMemo(() => {
    const found = parseIssues(docIssues(doc));
    const refused = runProblemIssue(runProblem, doc);
    return refused ? [...found, refused] : found;
  }, [doc, runProblem]);

  const selected = selection.length === 0 ? '' : selection.length === 1 ? selection[0] : null;
  const nodeIndex = selected ? doc.nodes.findIndex((n) => n.id === selected) : -1;
  const edgeIndex = selected ? (doc.edges ?? []).findIndex((e) => e.id === selected) : -1;
  const regionId = selected?.startsWith('region:') ? selected.slice('region:'.length) : null;

  let body: ReactNode;
  if (selected === null) {
    body = <p className="hint">{t('insp.multiple', { count: selection.length })}</p>;
  } else if (selected === '') {
    const own = issues.filter((i) => selectionFor(doc, i.path) === '');
    body = <ScenarioFields doc={doc} issues={new ItemIssues(own, [])} />;
  } else if (nodeIndex >= 0) {
    body = <NodeFields node={doc.nodes[nodeIndex]} issues={new ItemIssues(issues, ['nodes', nodeIndex])} />;
  } else if (edgeIndex >= 0) {
    const edge = doc.edges![edgeIndex];
    body = <EdgeFields edge={edge} issues={new ItemIssues(issues, ['edges', edgeIndex])} />;
  } else if (regionId !== null) {
    body = <RegionFields doc={doc} regionId={regionId} issues={issues} />;
  }
  const elsewhere = selected === null ? null : issuesElsewhere(doc, issues, selected);

  return (
    <aside className="inspector" aria-label={t('inspector')}>
      <h2>{t('inspector')}</h2>
      {selected === '' && <p className="hint">{t('nothingSelected')}</p>}
      {elsewhere && elsewhere.count > 0 && (
        <div className="insp-elsewhere" role="status">
          <span>{t('insp.elsewhere', { count: elsewhere.count })}</span>
          {elsewhere.owners.map((o) => (
            <button
              key={o.selection}
              type="button"
              className="insp-link"
              onClick={() => select(o.selection === '' ? [] : [o.selection])}
            >
              {o.selection === '' ? t('insp.document') : o.selection.replace(/^region:/, '')} ({o.count})
            </button>
          ))}
        </div>
      )}
      {/* Keyed by the selection, so a draft typed for one item never shows on another. */}
      <div className="insp-body" key={selected ?? '*'}>
        {body}
      </div>
    </aside>
  );
}
