/**
 * How an issue's location is written for people: `nodes[3].params.replicas`. Array indices go in
 * brackets and keys after dots; a key that is not a plain identifier is quoted in brackets
 * (`label["zh-CN"]`, `percentiles["99.9"]`) so the path stays unambiguous. The document root is `''`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      continue;
    }
    const name = String(key);
    if (IDENTIFIER.test(name)) out += out === '' ? name : `.${name}`;
    else out += `[${JSON.stringify(name)}]`;
  }
  return out;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The value at `path` in an untrusted document, or `undefined`; only own properties are followed. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
