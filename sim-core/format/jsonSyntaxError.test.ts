import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../messages/formatMessage.ts';
import { findJsonSyntaxError } from './jsonSyntaxError.ts';

/** Where, and the reason as the CLI words it. */
function errorAt(text: string) {
  const found = findJsonSyntaxError(text);
  return found && { line: found.line, column: found.column, reason: formatMessage('en', found.reason) };
}

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON', () => {
    for (const text of [
      '{}',
      '[]',
      ' 1 ',
      '"a\\u00e9\\n"',
      '{"a":[1,-2.5e3,true,false,null,{"b":"c"}]}',
      '\r\n\t0',
    ]) {
      expect(findJsonSyntaxError(text), text).toBeNull();
    }
  });

  it('gives the line, column and a readable reason', () => {
    expect(errorAt('{\n  "a": 1\n  "b": 2\n}')).toEqual({
      line: 3,
      column: 3,
      reason: `expected "," or "}" after a property value, found '"'`,
    });
    expect(errorAt('{"a":}')).toMatchObject({ line: 1, column: 6, reason: 'expected a value, found "}"' });
    expect(errorAt('[1,2,]')?.reason).toBe('a comma cannot come before "]"');
    expect(errorAt('{"a":1,}')?.reason).toBe('a comma cannot come before "}"');
    expect(errorAt('{a:1}')?.reason).toBe('expected a property name in double quotes, found "a"');
    expect(errorAt("{'a':1}")?.reason).toContain('found "\'"');
    expect(errorAt('["x" "y"]')?.reason).toContain('expected "," or "]" after a list item');
    expect(errorAt('{"a" 1}')?.reason).toContain('expected ":"');
    expect(errorAt('{"a":01}')?.reason).toContain('leading zeros');
    expect(errorAt('[1.]')?.reason).toBe('invalid number');
    expect(errorAt('[tru]')?.reason).toBe('expected a value, found "t"');
    expect(errorAt('{"a":"x')).toMatchObject({ column: 6, reason: 'this string is never closed' });
    expect(errorAt('"a\nb"')?.reason).toContain('raw line break');
    expect(errorAt('"\\x"')?.reason).toContain('invalid escape');
    expect(errorAt('{"a":1} x')?.reason).toBe('unexpected "x" after the end of the JSON value');
    expect(errorAt('[[1]')?.reason).toBe('unexpected end of the text: 1 bracket not closed');
    expect(errorAt('  ')?.reason).toBe('the text is empty');
    expect(errorAt('// note\n{}')?.reason).toBe('comments are not allowed in JSON');
  });

  it('handles deep nesting without recursion', () => {
    const depth = 200_000;
    expect(findJsonSyntaxError('['.repeat(depth) + ']'.repeat(depth))).toBeNull();
    expect(findJsonSyntaxError('['.repeat(depth))?.reason).toEqual({
      code: 'json.unclosed',
      params: { count: depth },
    });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const parses = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const nearJson = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
      fc
        .tuple(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.nat(),
          fc.constantFrom('', ',', '"', '}', ']', ':', '0', ' ', '\\', '\n'),
        )
        .map(
          ([text, at, insert]) =>
            text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)),
        ),
      fc.string(),
    );
    fc.assert(
      fc.property(nearJson, (text) => {
        expect(findJsonSyntaxError(text) === null).toBe(parses(text));
      }),
      { numRuns: 300 },
    );
  });
});
