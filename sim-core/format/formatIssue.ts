import type { z } from 'zod';
import type { ValidationIssue } from '../api.ts';
import { isCoreCode, message } from '../messages/formatMessage.ts';
import type { Message, MessageParam } from '../messages/Message.ts';
import { closestMatch } from './closestMatch.ts';
import { gotOf, orList } from './issueParams.ts';
import { formatPath, valueAt } from './issuePath.ts';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

/**
 * Zod's issues turned into the validator's: a path (`nodes[3].params.replicas`), a code with
 * parameters (`value.mustBe`, `{ expected: an integer ≥ 1, got: -2 }`), a guess for a typo and the
 * node or edge the issue sits in. Each language words them at the edge.
 *
 * It comes in two steps. `zodErrorMap` is passed to `safeParse` as the per-parse error map, so zod
 * calls it only for issues the schema did not describe itself (the schema's own rules give a code as
 * their message, with their parameters in `params`). It sees the raw issue, with the offending input
 * and the schema, and describes it; zod only carries a string from there, so the description travels
 * as JSON. Then `formatZodIssues` flattens what needs the whole document: one issue per unknown key,
 * the matching branch of a union, the received value of a discriminator, and the owning node or edge.
 */
export function formatZodIssues(issues: readonly Issue[], doc: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) flatten(issue, [], doc, out);
  return out;
}

/** A description made by the error map, as zod carries it: `{"code":…,"params":…,"guess"?:…}`. */
interface Described extends Message {
  guess?: string;
  /** unrecognized_keys: one description per key, in order. */
  keys?: Described[];
}

/** The per-parse error map: describes an issue the schema left undescribed. */
export const zodErrorMap: z.core.$ZodErrorMap = (issue) => JSON.stringify(describeIssue(issue));

/** The schema's own message (a code) or the error map's JSON, back as a description. */
function described(issue: Issue): Described {
  const text = issue.message;
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as Described;
    } catch {
      // Not ours: fall through to a plain "is not valid".
    }
  }
  if (isCoreCode(text)) {
    const params = ('params' in issue ? issue.params : undefined) as Record<string, MessageParam> | undefined;
    return { code: text, params: params ?? {} };
  }
  return message('value.invalid');
}

function describeIssue(issue: RawIssue): Described {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return message('value.required');
      return message('value.mustBe', {
        expected: expectedValue(issue.expected, issue.schema),
        got: gotOf(issue.input),
      });
    case 'too_small':
    case 'too_big':
      return describeSize(issue);
    case 'invalid_value': {
      if (issue.values.length === 1)
        return message('value.mustBe', { expected: gotOf(issue.values[0]), got: gotOf(issue.input) });
      const options = issue.values.map(String);
      const guess = typeof issue.input === 'string' ? closestMatch(issue.input, options) : undefined;
      return { ...message('value.oneOf', { options, got: gotOf(issue.input) }), guess };
    }
    case 'unrecognized_keys':
      // One description per key, in order; `flatten` splits them into one issue each.
      return {
        ...message('value.invalid'),
        keys: issue.keys.map((key) => unknownKey(key, issue.inst, issue.input)),
      };
    case 'not_multiple_of':
      return message('value.multipleOf', { divisor: Number(issue.divisor), got: gotOf(issue.input) });
    case 'invalid_format':
      return issue.pattern
        ? message('value.pattern', { pattern: String(issue.pattern), got: gotOf(issue.input) })
        : message('value.format', { format: issue.format });
    case 'invalid_union':
      return message('value.noForm');
    case 'invalid_key':
      return message('value.invalidKey');
    case 'invalid_element':
      return message('value.invalidElement');
    case 'custom':
      return message('value.invalid');
    default: {
      const never: never = issue;
      return { code: 'value.invalid', params: { zodCode: String((never as { code?: string }).code) } };
    }
  }
}

function expectedValue(expected: string, schema: unknown): Message {
  switch (expected) {
    case 'number':
    case 'int':
      return describeNumber(schema);
    case 'string':
      return message('expect.string');
    case 'boolean':
      return message('expect.boolean');
    case 'array':
      return message('expect.list');
    case 'object':
    case 'record':
      return message('expect.object');
    case 'null':
      return message('expect.null');
    default:
      return message('expect.other', { type: expected });
  }
}

function describeSize(issue: Extract<RawIssue, { code: 'too_small' | 'too_big' }>): Described {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'number':
    case 'int':
      return message('value.mustBe', {
        expected: describeNumber(issue.schema, issue),
        got: gotOf(issue.input),
      });
    case 'array': {
      const got = Array.isArray(issue.input) ? issue.input.length : null;
      if (small && limit === 1) return message('list.empty');
      return small
        ? message('list.atLeast', { min: limit, got })
        : message('list.atMost', { max: limit, got });
    }
    case 'string': {
      if (small && limit === 1) return message('list.empty');
      const got = typeof issue.input === 'string' ? issue.input.length : null;
      return small
        ? message('text.atLeast', { min: limit, got })
        : message('text.atMost', { max: limit, got });
    }
    default:
      return small ? message('value.tooSmall', { min: limit }) : message('value.tooBig', { max: limit });
  }
}

interface NumberCheckDef {
  check?: string;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
}

type Bound = { value: number; inclusive: boolean };

/**
 * The whole accepted range of a number schema, read off its checks (`an integer ≥ 1`,
 * `a number from 0 to 1`, `a number > 0`), so one message says everything the user needs.
 * Falls back to the bound in the issue when the schema cannot be read.
 */
function describeNumber(
  schema: unknown,
  issue?: { code: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean },
): Message {
  let integer = false;
  let low: Bound | undefined;
  let high: Bound | undefined;
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
  const range = numberRange(low, high);
  if (range === undefined) return message(integer ? 'expect.integer' : 'expect.number');
  return message(integer ? 'expect.integerIn' : 'expect.numberIn', { range });
}

function numberRange(low: Bound | undefined, high: Bound | undefined): Message | undefined {
  if (low?.inclusive && high?.inclusive) return message('range.between', { min: low.value, max: high.value });
  const lower = low && message(low.inclusive ? 'range.atLeast' : 'range.above', { min: low.value });
  const upper = high && message(high.inclusive ? 'range.atMost' : 'range.below', { max: high.value });
  return lower && upper ? message('range.and', { low: lower, high: upper }) : (lower ?? upper);
}

/** `"replica"`, guessing `replicas`: the known keys come from the object schema's shape. */
function unknownKey(key: string, schema: unknown, input: unknown): Described {
  const shape = (schema as { _zod?: { def?: { shape?: unknown } } } | undefined)?._zod?.def?.shape;
  const given = typeof input === 'object' && input !== null ? input : {};
  const known =
    typeof shape === 'object' && shape !== null
      ? Object.keys(shape).filter((k) => !Object.hasOwn(given, k))
      : [];
  return { ...message('key.unknownField', { key }), guess: closestMatch(key, known) };
}

function flatten(issue: Issue, prefix: readonly PropertyKey[], doc: unknown, out: ValidationIssue[]): void {
  const path = [...prefix, ...issue.path];
  const push = (at: readonly PropertyKey[], d: Described) => {
    const found: ValidationIssue = { path: formatPath(at), code: d.code, params: d.params };
    if (d.guess !== undefined) found.guess = d.guess;
    const owner = ownerOf(at, doc);
    if (owner) found.owner = owner;
    out.push(found);
  };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = described(issue).keys ?? [];
      const param = path.includes('params');
      issue.keys.forEach((key, i) => {
        const d = keys[i] ?? { ...message('key.unknownField', { key }) };
        push([...path, key], param ? { ...d, code: 'key.unknownParam' } : d);
      });
      return;
    }
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && Array.isArray(options)) {
        // The path already ends at the discriminator key (`nodes[2].kind`).
        const value = valueAt(doc, path);
        const names = options.map(String);
        const guess = typeof value === 'string' ? closestMatch(value, names) : undefined;
        push(
          path,
          value === undefined
            ? message('value.requiredOneOf', { options: names })
            : { ...message('value.oneOf', { options: names, got: gotOf(value) }), guess },
        );
        return;
      }
      const branch = matchingBranch(issue.errors);
      if (branch) {
        for (const sub of branch) flatten(sub, path, doc, out);
        return;
      }
      push(path, unionMessage(issue.errors, valueAt(doc, path)) ?? described(issue));
      return;
    }
    default:
      push(path, described(issue));
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
function unionMessage(branches: readonly (readonly Issue[])[], value: unknown): Message | undefined {
  if (value === undefined) return message('value.required');
  const expected: Message[] = [];
  for (const branch of branches) {
    const root = branch.find((i) => i.path.length === 0 && i.code === 'invalid_type');
    if (root?.code !== 'invalid_type') return undefined;
    const text = expectedValue(root.expected, undefined);
    if (!expected.some((e) => e.code === text.code)) expected.push(text);
  }
  return expected.length === 0
    ? undefined
    : message('value.mustBe', { expected: orList(expected), got: gotOf(value) });
}

/** The node or edge an issue sits in, when it has a readable id (not for the id itself). */
function ownerOf(path: readonly PropertyKey[], doc: unknown): ValidationIssue['owner'] {
  const [list, index, field] = path;
  if ((list !== 'nodes' && list !== 'edges') || typeof index !== 'number') return undefined;
  if (path.length < 3 || (path.length === 3 && field === 'id')) return undefined;
  const id = valueAt(doc, [list, index, 'id']);
  if (typeof id !== 'string' || id === '') return undefined;
  return { list, id };
}
