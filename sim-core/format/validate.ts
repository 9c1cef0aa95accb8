import type { ValidationIssue, ValidationResult } from '../api.ts';
import { message } from '../messages/formatMessage.ts';
import type { Message } from '../messages/Message.ts';
import { crossCheck } from './crossChecks.ts';
import { formatZodIssues, zodErrorMap } from './formatIssue.ts';
import { gotOf } from './issueParams.ts';
import { findJsonSyntaxError } from './jsonSyntaxError.ts';
import { migrate } from './migrate.ts';
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
    return { ok: false, issues: [{ path: '', ...message('file.unreadable', { error: errorText(error) }) }] };
  }
}

/**
 * Parses the text of a topology file and validates it. A JSON syntax error becomes one issue with path
 * `''` that gives the line and column (`json.invalidAt`: `is not valid JSON (line 3, column 5): expected
 * "," or "}" after a property value, found "\""`). A leading byte-order mark is ignored. Never throws.
 */
export function parseTopologyText(text: string): ValidationResult {
  if (typeof text !== 'string') return validateTopology(text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body);
    const what = found
      ? message('json.invalidAt', { line: found.line, column: found.column, reason: found.reason })
      : message('json.invalid', { error: errorText(error) });
    return { ok: false, issues: [{ path: '', ...what }] };
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
  const key = (i: ValidationIssue) => `${i.path}\n${i.code}\n${JSON.stringify(i.params)}`;
  const seen = new Set(issues.map(key));
  for (const issue of crossCheck(doc)) {
    if (!seen.has(key(issue))) issues.push(issue);
  }
  if (parsed.success && issues.length === 0) return { ok: true, topology: parsed.data };
  if (issues.length === 0) issues.push({ path: '', ...message('file.invalid') });
  return { ok: false, issues: capped(issues) };
}

type Envelope = { doc: Record<string, unknown>; version: number } | { issues: ValidationIssue[] };

function readEnvelope(json: unknown): Envelope {
  const fail = (path: string, what: Message): Envelope => ({ issues: [{ path, ...what }] });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('', message('file.notObject', { got: gotOf(json) }));
  }
  const doc = json as Record<string, unknown>;
  if (doc.format !== FORMAT) {
    return fail(
      'format',
      doc.format === undefined
        ? message('file.noFormat', { format: FORMAT })
        : message('file.wrongFormat', { format: FORMAT, got: gotOf(doc.format) }),
    );
  }
  const version = doc.version;
  if (version === undefined) return fail('version', message('version.required'));
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const expected = message('expect.integerIn', { range: message('range.atLeast', { min: 1 }) });
    return fail('version', message('value.mustBe', { expected, got: gotOf(version) }));
  }
  if (version > FORMAT_VERSION) {
    return fail('version', message('version.newer', { version, max: FORMAT_VERSION }));
  }
  return { doc, version };
}

function capped(issues: ValidationIssue[]): ValidationIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const shown = issues.slice(0, MAX_ISSUES - 1);
  shown.push({ path: '', ...message('file.moreIssues', { count: issues.length - shown.length }) });
  return shown;
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}
