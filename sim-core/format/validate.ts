import type { ValidationIssue, ValidationResult } from '../api.ts';
import { crossCheck } from './crossChecks.ts';
import { formatZodIssues, zodErrorMap } from './formatIssue.ts';
import { findJsonSyntaxError } from './jsonSyntaxError.ts';
import { migrate } from './migrate.ts';
import { preview } from './preview.ts';
import { FORMAT, FORMAT_VERSION, topologyV1 } from './schema.ts';

/** More than this and the rest are summed up in one last issue: nobody reads ten thousand. */
const MAX_ISSUES = 1000;

/**
 * Checks a parsed topology file and returns it with every default filled in, or every problem found.
 *
 * The steps: the envelope (`format` must be `"archsim.topology"`, `version` an integer this build can
 * read; a newer version is refused), migration of an older version to the current one, then the
 * schema's structural check and the cross-document checks (`crossChecks.ts`) together: the cross checks
 * run on the raw document even when the schema found problems, so one pass reports both kinds.
 *
 * Never throws and never hangs, whatever `json` is; an envelope or migration problem stops before the
 * structural checks, because the rest of such a file cannot be read as a topology.
 */
export function validateTopology(json: unknown): ValidationResult {
  try {
    return validate(json);
  } catch (error) {
    // Only input no JSON parser produces gets here (a throwing getter, a revoked proxy).
    return { ok: false, issues: [{ path: '', message: `could not be read: ${errorText(error)}` }] };
  }
}

/**
 * Parses the text of a topology file and validates it. A JSON syntax error becomes one issue with path
 * `''` that gives the line and column: `is not valid JSON (line 3, column 5): expected "," or "}" after a
 * property value, found "\""`. A leading byte-order mark is ignored. Never throws.
 */
export function parseTopologyText(text: string): ValidationResult {
  if (typeof text !== 'string') return validateTopology(text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body);
    const message = found
      ? `is not valid JSON (line ${found.line}, column ${found.column}): ${found.reason}`
      : `is not valid JSON: ${errorText(error)}`;
    return { ok: false, issues: [{ path: '', message }] };
  }
  return validateTopology(json);
}

function validate(json: unknown): ValidationResult {
  const envelope = readEnvelope(json);
  if ('issues' in envelope) return { ok: false, issues: envelope.issues };
  const migrated = migrate(envelope.doc, envelope.version);
  if (!migrated.ok) return migrated;
  const doc = migrated.doc;

  const parsed = topologyV1.safeParse(doc, { error: zodErrorMap });
  const issues = parsed.success ? [] : formatZodIssues(parsed.error.issues, doc);
  const seen = new Set(issues.map((i) => `${i.path}\n${i.message}`));
  for (const issue of crossCheck(doc)) {
    if (!seen.has(`${issue.path}\n${issue.message}`)) issues.push(issue);
  }
  if (parsed.success && issues.length === 0) return { ok: true, topology: parsed.data };
  if (issues.length === 0) issues.push({ path: '', message: 'is not a valid topology' });
  return { ok: false, issues: capped(issues) };
}

type Envelope = { doc: Record<string, unknown>; version: number } | { issues: ValidationIssue[] };

function readEnvelope(json: unknown): Envelope {
  const fail = (path: string, message: string): Envelope => ({ issues: [{ path, message }] });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('', `not an ArchSim topology file: expected a JSON object, got ${preview(json)}`);
  }
  const doc = json as Record<string, unknown>;
  if (doc.format !== FORMAT) {
    const got = doc.format === undefined ? 'it has no "format" field' : `got ${preview(doc.format)}`;
    return fail('format', `not an ArchSim topology file: format must be "${FORMAT}", ${got}`);
  }
  const version = doc.version;
  if (version === undefined) return fail('version', 'is required: the format version, an integer');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('version', `must be an integer ≥ 1, got ${preview(version)}`);
  }
  if (version > FORMAT_VERSION) {
    return fail(
      'version',
      `written by a newer ArchSim (format version ${version}); this version reads up to ${FORMAT_VERSION}. Update ArchSim to open it.`,
    );
  }
  return { doc, version };
}

function capped(issues: ValidationIssue[]): ValidationIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const shown = issues.slice(0, MAX_ISSUES - 1);
  shown.push({ path: '', message: `and ${issues.length - shown.length} more problems not listed` });
  return shown;
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}
