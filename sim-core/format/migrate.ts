import type { ValidationIssue } from '../api.ts';
import { message } from '../messages/formatMessage.ts';
import type { Message } from '../messages/Message.ts';
import { FORMAT_VERSION } from './schema.ts';

/**
 * Upgrading older topology files to the current format version.
 *
 * Each format change adds one `Migration` to `MIGRATIONS`: a pure `up` that turns a document of
 * version `from` into one of version `from + 1` (the runner stamps the new version number). When
 * version 2 comes, version 1's schema is frozen as `schemaV1.ts`, `schema.ts` becomes version 2, and
 * `MIGRATIONS` gets `{ from: 1, summary: '…', up: (doc) => … }` with its own test. Files are only ever
 * upgraded, never downgraded: a file from a newer ArchSim is refused before it gets here.
 */
export interface Migration {
  /** The version this step reads; it produces version `from + 1`. */
  readonly from: number;
  /** What changed, for the changelog and `docs/file-format.md`. */
  readonly summary: string;
  /** Must not mutate `doc`: return a new object (sharing untouched parts is fine). May throw on nonsense. */
  up(doc: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** Every upgrade step, oldest first. Version 1 is the first format, so there is nothing to upgrade yet. */
export const MIGRATIONS: readonly Migration[] = [];

export type MigrationResult =
  | { ok: true; doc: Record<string, unknown> }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Runs the steps from `fromVersion` up to `toVersion` (default: the current format version).
 * Never throws: a missing step, a step that throws, or a step that returns something other than an
 * object becomes an issue on `version`. `migrations` and `toVersion` are parameters so tests can run
 * the mechanics on a fake registry.
 */
export function migrate(
  doc: Record<string, unknown>,
  fromVersion: number,
  migrations: readonly Migration[] = MIGRATIONS,
  toVersion: number = FORMAT_VERSION,
): MigrationResult {
  let current = doc;
  for (let version = fromVersion; version < toVersion; version++) {
    const step = migrations.find((m) => m.from === version);
    if (!step) {
      const oldest = oldestReadable(migrations, toVersion);
      return fail(message('version.tooOld', { version: fromVersion, oldest, max: toVersion }));
    }
    let next: unknown;
    try {
      next = step.up(current);
    } catch (error) {
      return fail(message('version.upgradeFailed', { from: version, to: version + 1, error: reason(error) }));
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      return fail(message('version.upgradeEmpty', { from: version, to: version + 1 }));
    }
    current = { ...next, version: version + 1 };
  }
  return { ok: true, doc: current };
}

/** The oldest version from which an unbroken chain of steps reaches `toVersion`. */
function oldestReadable(migrations: readonly Migration[], toVersion: number): number {
  let oldest = toVersion;
  while (migrations.some((m) => m.from === oldest - 1)) oldest--;
  return oldest;
}

function fail(what: Message): MigrationResult {
  return { ok: false, issues: [{ path: 'version', ...what }] };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
