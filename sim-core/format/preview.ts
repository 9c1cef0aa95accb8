/**
 * A short, JSON-like rendering of an untrusted value for an error message (`got "abc"`, `got [1,2,…]`).
 * It never throws and stays cheap on huge or cyclic values: it stops after `maxChars` characters and
 * `MAX_DEPTH` levels instead of serialising the whole value first.
 */
export function preview(value: unknown, maxChars = 60): string {
  const out: Out = { text: '', maxChars };
  try {
    write(value, 0, out);
  } catch {
    return 'an unreadable value';
  }
  return out.text.length > maxChars ? `${out.text.slice(0, maxChars)}…` : out.text;
}

interface Out {
  text: string;
  maxChars: number;
}

const MAX_DEPTH = 3;

function write(value: unknown, depth: number, out: Out): void {
  if (out.text.length > out.maxChars) return;
  switch (typeof value) {
    case 'string':
      out.text += JSON.stringify(value.length > out.maxChars ? value.slice(0, out.maxChars + 1) : value);
      return;
    case 'number':
      out.text += Object.is(value, -0) ? '-0' : String(value);
      return;
    case 'bigint':
      out.text += `${value}n`;
      return;
    case 'boolean':
    case 'undefined':
    case 'symbol':
      out.text += String(value);
      return;
    case 'function':
      out.text += 'a function';
      return;
  }
  if (value === null) {
    out.text += 'null';
    return;
  }
  const isArray = Array.isArray(value);
  if (depth >= MAX_DEPTH) {
    out.text += isArray ? '[…]' : '{…}';
    return;
  }
  out.text += isArray ? '[' : '{';
  let first = true;
  if (isArray) {
    for (const item of value) {
      if (out.text.length > out.maxChars) break;
      if (!first) out.text += ',';
      first = false;
      write(item, depth + 1, out);
    }
  } else {
    for (const key of Object.keys(value as object)) {
      if (out.text.length > out.maxChars) break;
      if (!first) out.text += ',';
      first = false;
      out.text += `${JSON.stringify(key.length > out.maxChars ? key.slice(0, out.maxChars + 1) : key)}:`;
      write((value as Record<string, unknown>)[key], depth + 1, out);
    }
  }
  out.text += isArray ? ']' : '}';
}
