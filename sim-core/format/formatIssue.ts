import type { z } from 'zod';
import type { ValidationIssue } from '../api.ts';
import { closestMatch } from './closestMatch.ts';
import { formatPath, valueAt } from './issuePath.ts';
import { preview } from './preview.ts';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

/**
 * Zod's issues turned into what an engineer reads: `nodes[3].params.replicas` and
 * `must be an integer ≥ 1, got -2 (node "api")`.
 *
 * Messages come in two steps. `zodErrorMap` is passed to `safeParse` as the per-parse error map, so zod
 * calls it only for issues the schema did not word itself (a schema's own message always wins). It sees
 * the raw issue, with the offending input and the schema, and describes it. Then `formatZodIssues`
 * flattens what needs the whole document: one issue per unknown key, the matching branch of a union,
 * the received value of a discriminator, and the id of the node or edge the issue sits in.
 */
export function formatZodIssues(issues: readonly Issue[], doc: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) flatten(issue, [], doc, out);
  return out;
}

/** The per-parse error map: describes an issue the schema left unworded. */
export const zodErrorMap: z.core.$ZodErrorMap = (issue) => wordIssue(issue);

function wordIssue(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${expectedValue(issue.expected, issue.schema)}, got ${preview(issue.input)}`;
    case 'too_small':
    case 'too_big':
      return describeSize(issue);
    case 'invalid_value': {
      if (issue.values.length === 1)
        return `must be ${preview(issue.values[0])}, got ${preview(issue.input)}`;
      const options = issue.values.map(String);
      const guess = typeof issue.input === 'string' ? closestMatch(issue.input, options) : undefined;
      const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
      return `must be one of ${options.join(', ')}, got ${preview(issue.input)}${hint}`;
    }
    case 'unrecognized_keys':
      // One line per key, in order; `flatten` splits them into one issue each and adds the noun.
      return issue.keys.map((key) => unknownKeyText(key, issue.inst, issue.input)).join('\n');
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${preview(issue.input)}`;
    case 'invalid_format':
      return issue.pattern
        ? `must match ${issue.pattern}, got ${preview(issue.input)}`
        : `must be a valid ${issue.format}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    case 'custom':
      return 'is not valid';
    default: {
      const never: never = issue;
      return `is not valid (${(never as { code?: string }).code})`;
    }
  }
}

function expectedValue(expected: string, schema: unknown): string {
  switch (expected) {
    case 'number':
    case 'int':
      return describeNumber(schema);
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return `a ${expected}`;
  }
}

function describeSize(issue: Extract<RawIssue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'number':
    case 'int':
      return `must be ${describeNumber(issue.schema, issue)}, got ${preview(issue.input)}`;
    case 'array': {
      const got = Array.isArray(issue.input) ? `, got ${issue.input.length}` : '';
      if (small && limit === 1) return 'must not be empty';
      return `must have ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}${got}`;
    }
    case 'string': {
      if (small && limit === 1) return 'must not be empty';
      const got = typeof issue.input === 'string' ? `, got ${issue.input.length}` : '';
      return `must be ${small ? 'at least' : 'at most'} ${limit} characters long${got}`;
    }
    default:
      return `is too ${small ? 'small' : 'big'}: the ${small ? 'minimum' : 'maximum'} is ${limit}`;
  }
}

interface NumberCheckDef {
  check?: string;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
}

/**
 * The whole accepted range of a number schema, read off its checks (`an integer ≥ 1`,
 * `a number from 0 to 1`, `a number > 0`), so one message says everything the user needs.
 * Falls back to the bound in the issue when the schema cannot be read.
 */
function describeNumber(
  schema: unknown,
  issue?: { code: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean },
): string {
  let integer = false;
  let low: { value: number; inclusive: boolean } | undefined;
  let high: { value: number; inclusive: boolean } | undefined;
  const checks = (schema as { _zod?: { def?: { checks?: unknown } } } | undefined)?._zod?.def?.checks;
  if (Array.isArray(checks)) {
    for (const check of checks) {
      const def = (check as { _zod?: { def?: NumberCheckDef } })?._zod?.def;
      if (!def) continue;
      if (def.check === 'number_format' && /int/.test(String(def.format))) integer = true;
      if (typeof def.value !== 'number') continue;
      if (def.check === 'greater_than') low = { value: def.value, inclusive: def.inclusive === true };
      if (def.check === 'less_than') high = { value: def.value, inclusive: def.inclusive === true };
    }
  }
  if (issue?.code === 'too_small' && !low && typeof issue.minimum === 'number') {
    low = { value: issue.minimum, inclusive: issue.inclusive === true };
  }
  if (issue?.code === 'too_big' && !high && typeof issue.maximum === 'number') {
    high = { value: issue.maximum, inclusive: issue.inclusive === true };
  }
  const noun = integer ? 'an integer' : 'a number';
  if (low?.inclusive && high?.inclusive) return `${noun} from ${low.value} to ${high.value}`;
  const bounds: string[] = [];
  if (low) bounds.push(`${low.inclusive ? '≥' : '>'} ${low.value}`);
  if (high) bounds.push(`${high.inclusive ? '≤' : '<'} ${high.value}`);
  return bounds.length === 0 ? noun : `${noun} ${bounds.join(' and ')}`;
}

/** `"replica" (did you mean "replicas"?)`: the known keys come from the object schema's shape. */
function unknownKeyText(key: string, schema: unknown, input: unknown): string {
  const shape = (schema as { _zod?: { def?: { shape?: unknown } } } | undefined)?._zod?.def?.shape;
  const given = typeof input === 'object' && input !== null ? input : {};
  const known =
    typeof shape === 'object' && shape !== null
      ? Object.keys(shape).filter((k) => !Object.hasOwn(given, k))
      : [];
  const guess = closestMatch(key, known);
  return guess === undefined ? JSON.stringify(key) : `${JSON.stringify(key)} (did you mean "${guess}"?)`;
}

function flatten(issue: Issue, prefix: readonly PropertyKey[], doc: unknown, out: ValidationIssue[]): void {
  const path = [...prefix, ...issue.path];
  const push = (at: readonly PropertyKey[], message: string) =>
    out.push({ path: formatPath(at), message: message + ownerOf(at, doc) });
  switch (issue.code) {
    case 'unrecognized_keys': {
      const lines = issue.message.split('\n');
      const noun = path.includes('params') ? 'unknown parameter' : 'unknown field';
      issue.keys.forEach((key, i) => {
        const text = lines.length === issue.keys.length ? `${noun} ${lines[i]}` : issue.message;
        push([...path, key], text);
      });
      return;
    }
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && Array.isArray(options)) {
        // The path already ends at the discriminator key (`nodes[2].kind`).
        const value = valueAt(doc, path);
        const names = options.map(String);
        const list = names.join(', ');
        const guess = typeof value === 'string' ? closestMatch(value, names) : undefined;
        const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
        push(
          path,
          value === undefined
            ? `is required: one of ${list}`
            : `must be one of ${list}, got ${preview(value)}${hint}`,
        );
        return;
      }
      const branch = matchingBranch(issue.errors);
      if (branch) {
        for (const sub of branch) flatten(sub, path, doc, out);
        return;
      }
      push(path, unionMessage(issue.errors, valueAt(doc, path)) ?? issue.message);
      return;
    }
    default:
      push(path, issue.message);
  }
}

/**
 * The branch of a plain union the value was meant for: one whose issues all lie inside the value
 * (`name.en` must be a string) rather than at it (`name` must be a string). Its issues are the useful ones.
 */
function matchingBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  for (const branch of branches) {
    const atRoot = branch.some(
      (i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'),
    );
    if (!atRoot && branch.length > 0 && (!best || branch.length < best.length)) best = branch;
  }
  return best;
}

/** `must be a string or an object, got 5`, when every branch refused the value's type. */
function unionMessage(branches: readonly (readonly Issue[])[], value: unknown): string | undefined {
  if (value === undefined) return 'is required';
  const expected: string[] = [];
  for (const branch of branches) {
    const root = branch.find((i) => i.path.length === 0 && i.code === 'invalid_type');
    if (root?.code !== 'invalid_type') return undefined;
    const text = expectedValue(root.expected, undefined);
    if (!expected.includes(text)) expected.push(text);
  }
  return expected.length === 0 ? undefined : `must be ${expected.join(' or ')}, got ${preview(value)}`;
}

/** ` (node "api")` for an issue inside a node or an edge that has a readable id. */
function ownerOf(path: readonly PropertyKey[], doc: unknown): string {
  const [list, index, field] = path;
  if ((list !== 'nodes' && list !== 'edges') || typeof index !== 'number') return '';
  if (path.length < 3 || (path.length === 3 && field === 'id')) return '';
  const id = valueAt(doc, [list, index, 'id']);
  if (typeof id !== 'string' || id === '') return '';
  return ` (${list === 'nodes' ? 'node' : 'edge'} ${preview(id, 40)})`;
}
