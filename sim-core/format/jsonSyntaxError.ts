import { message } from '../messages/formatMessage.ts';
import type { Message, MessageParam } from '../messages/Message.ts';

/** Where a JSON text goes wrong: a 0-based offset, 1-based line and column, and what was expected. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  reason: Message;
}

/**
 * The first syntax error in `text` as JSON (RFC 8259, what `JSON.parse` accepts), or `null` if it is
 * valid. `JSON.parse` stays the parser; this only runs after it failed, because V8's messages do not
 * always carry a position (`Unexpected token '}', "{"a":}" is not valid JSON`) and never a line.
 * An iterative scanner with an explicit bracket stack, so deep nesting cannot overflow the call stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const brackets: number[] = [];
  let state: State = 'value';
  let i = 0;
  const fail = (offset: number, reason: Message) => at(text, offset, reason);
  while (true) {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= text.length) {
      if (state === 'after' && brackets.length === 0) return null;
      if (text.trim() === '') return fail(text.length, message('json.empty'));
      return fail(
        text.length,
        brackets.length === 0
          ? message('json.unexpectedEnd')
          : message('json.unclosed', { count: brackets.length }),
      );
    }
    const c = text.charCodeAt(i);
    switch (state) {
      case 'value':
      case 'valueOrClose':
      case 'valueAfterComma': {
        if (c === CLOSE_BRACKET && state !== 'value') {
          if (state === 'valueAfterComma') return fail(i, message('json.commaBeforeBracket'));
          brackets.pop();
          i++;
          state = 'after';
          break;
        }
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          brackets.push(c);
          i++;
          state = c === OPEN_BRACE ? 'keyOrClose' : 'valueOrClose';
          break;
        }
        const end = scanValue(text, i);
        if (typeof end !== 'number') return fail(end.offset, end.reason);
        i = end;
        state = 'after';
        break;
      }
      case 'keyOrClose':
      case 'key': {
        if (c === CLOSE_BRACE) {
          if (state === 'key') return fail(i, message('json.commaBeforeBrace'));
          brackets.pop();
          i++;
          state = 'after';
          break;
        }
        if (c !== QUOTE) return fail(i, message('json.expectedKey', { found: shown(text, i) }));
        const end = scanString(text, i);
        if (typeof end !== 'number') return fail(end.offset, end.reason);
        i = end;
        state = 'colon';
        break;
      }
      case 'colon':
        if (c !== COLON) return fail(i, message('json.expectedColon', { found: shown(text, i) }));
        i++;
        state = 'value';
        break;
      case 'after': {
        const open = brackets[brackets.length - 1];
        if (open === undefined) return fail(i, message('json.afterEnd', { found: shown(text, i) }));
        if (c === COMMA) {
          i++;
          state = open === OPEN_BRACE ? 'key' : 'valueAfterComma';
        } else if (
          (c === CLOSE_BRACE && open === OPEN_BRACE) ||
          (c === CLOSE_BRACKET && open === OPEN_BRACKET)
        ) {
          brackets.pop();
          i++;
        } else if (open === OPEN_BRACE) {
          return fail(i, message('json.expectedCommaOrBrace', { found: shown(text, i) }));
        } else {
          return fail(i, message('json.expectedCommaOrBracket', { found: shown(text, i) }));
        }
        break;
      }
    }
  }
}

type State = 'value' | 'valueOrClose' | 'valueAfterComma' | 'keyOrClose' | 'key' | 'colon' | 'after';

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

type Scan = number | { offset: number; reason: Message };

/** A scalar value starting at `i`: its end offset, or what is wrong. */
function scanValue(text: string, i: number): Scan {
  const c = text[i];
  if (c === '"') return scanString(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, i)) return i + word.length;
  }
  if (c === '-' || (c >= '0' && c <= '9')) {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) return { offset: i, reason: message('json.badNumberAt', { found: shown(text, i) }) };
    const end = i + match[0].length;
    if (/^-?0$/.test(match[0]) && /\d/.test(text[end] ?? '')) {
      return { offset: i, reason: message('json.leadingZero') };
    }
    if (text[end] === '.' || text[end] === 'e' || text[end] === 'E')
      return { offset: end, reason: message('json.badNumber') };
    return end;
  }
  if (c === "'") return { offset: i, reason: message('json.singleQuotes') };
  if (c === '/') return { offset: i, reason: message('json.comment') };
  return { offset: i, reason: message('json.expectedValue', { found: shown(text, i) }) };
}

/** A string starting at the quote at `i`: the offset after its closing quote, or what is wrong. */
function scanString(text: string, i: number): Scan {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c < 0x20) return { offset: j, reason: message('json.controlCharacter') };
    if (c !== 0x5c) continue;
    const escaped = text[j + 1];
    if (escaped === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6)))
        return { offset: j, reason: message('json.badUnicodeEscape') };
      j += 5;
    } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
      j++;
    } else {
      return { offset: j, reason: message('json.badEscape', { found: shown(text, j, 2) }) };
    }
  }
  return { offset: i, reason: message('json.unclosedString') };
}

/** The character(s) at `i` for a message: `"}"`, or `the end of the text`. */
function shown(text: string, i: number, length = 1): MessageParam {
  if (i >= text.length) return message('json.endOfText');
  const part = text.slice(i, i + length);
  return part.includes('"') ? `'${part}'` : JSON.stringify(part);
}

function at(text: string, offset: number, reason: Message): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1, reason };
}
