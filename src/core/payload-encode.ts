/**
 * Turning what a person typed into the exact payload bytes, per format
 * (text, JSON, hex, base64), and back. JSON is checked by a small scanner that
 * reports where the first error is (JSON.parse's messages differ between
 * engines and often carry no position), and reformatted token by token so
 * numbers and strings keep exactly the characters that were typed.
 */
import { fromBase64, fromHex, toBase64, toHex } from './payload';

export type PayloadFormat = 'text' | 'json' | 'hex' | 'base64';

export const PAYLOAD_FORMATS: readonly { value: PayloadFormat; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' },
  { value: 'hex', label: 'Hex' },
  { value: 'base64', label: 'Base64' },
];

export type EncodeResult = { bytes: Uint8Array; error?: undefined } | { bytes?: undefined; error: string };

export interface JsonError {
  /** What is wrong, followed by "(line L, column C)". */
  message: string;
  /** 0-based offset into the text (UTF-16 code units). */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** The bytes a payload stands for in the given format, or a message saying what is wrong and where. */
export function encodePayload(input: string, format: PayloadFormat): EncodeResult {
  switch (format) {
    case 'text':
      return { bytes: encoder.encode(input) };
    case 'json': {
      const err = checkJson(input);
      if (err) return { error: `Invalid JSON: ${err.message}` };
      return { bytes: encoder.encode(input) };
    }
    case 'hex':
      return fromHex(input);
    case 'base64':
      return fromBase64(input);
  }
}

/** The bytes written in `format`; undefined for text/JSON when they are not valid UTF-8 (or not JSON). */
export function bytesToFormat(bytes: Uint8Array, format: PayloadFormat): string | undefined {
  if (format === 'hex') return toHex(bytes);
  if (format === 'base64') return toBase64(bytes);
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
  if (format === 'json' && checkJson(text)) return undefined;
  return text;
}

/**
 * Rewrites a payload typed in `from` so it stands for the same bytes in `to`.
 * Text and JSON share their text. Fails when the input is not valid in `from`
 * or the bytes cannot be written in `to` (binary as text, text that is not JSON).
 */
export function convertPayload(input: string, from: PayloadFormat, to: PayloadFormat): { text: string } | { error: string } {
  if (from === to || (isTextual(from) && to === 'text')) return { text: input };
  if (input === '') return { text: '' };
  const enc = encodePayload(input, from === 'json' ? 'text' : from);
  if (enc.error !== undefined) return { error: enc.error };
  const out = bytesToFormat(enc.bytes, to);
  if (out === undefined) {
    return { error: to === 'json' ? 'The payload is not valid JSON' : 'The bytes are not valid UTF-8 text' };
  }
  return { text: out };
}

const isTextual = (f: PayloadFormat) => f === 'text' || f === 'json';

/**
 * Pretty-prints (indent > 0) or minifies (indent 0) valid JSON without
 * re-serialising values: numbers and strings keep their exact characters.
 * Returns the error instead when the input is not valid JSON.
 */
export function reformatJson(input: string, indent: number): { text: string } | { error: JsonError } {
  const err = checkJson(input);
  if (err) return { error: err };
  const pad = ' '.repeat(indent);
  let out = '';
  let depth = 0;
  const newline = () => (indent > 0 ? '\n' + pad.repeat(depth) : '');
  for (let i = 0; i < input.length; ) {
    const ch = input[i];
    if (ch === '"') {
      const end = stringEnd(input, i);
      out += input.slice(i, end);
      i = end;
    } else if (ch === '{' || ch === '[') {
      const j = skipWs(input, i + 1);
      if (input[j] === (ch === '{' ? '}' : ']')) {
        out += ch + input[j];
        i = j + 1;
        continue;
      }
      depth++;
      out += ch + newline();
      i++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
      i++;
    } else if (ch === ',') {
      out += ',' + newline();
      i++;
    } else if (ch === ':') {
      out += indent > 0 ? ': ' : ':';
      i++;
    } else {
      if (!isWs(ch)) out += ch;
      i++;
    }
  }
  return { text: out };
}

const isWs = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

function skipWs(s: string, i: number): number {
  while (i < s.length && isWs(s[i])) i++;
  return i;
}

/** Index just past the string starting at `start` (a '"'), for text already checked. */
function stringEnd(s: string, start: number): number {
  let i = start + 1;
  while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
  return i + 1;
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\d.eE+-])/y;
const LITERAL_RE = /(?:true|false|null)(?![A-Za-z0-9_$])/y;
const ESCAPES = '"\\/bfnrt';

/** Null when `text` is one valid JSON value (RFC 8259), else where and why it is not. */
export function checkJson(text: string): JsonError | null {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  let mode: 'value' | 'firstValue' | 'key' | 'firstKey' | 'after' = 'value';
  const fail = (message: string, at = i) => jsonError(text, message, at);
  const found = () => (i >= n ? 'the end of the input' : describe(text[i]));

  const scanString = (): JsonError | null => {
    const start = i++;
    for (;;) {
      if (i >= n) return fail('Unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        i++;
        return null;
      }
      if (c === 92 /* \ */) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('Invalid \\u escape: four hex digits expected');
          i += 6;
        } else if (e !== undefined && ESCAPES.includes(e)) i += 2;
        else return fail(`Invalid escape ${e === undefined ? '\\' : '\\' + e} in string`);
      } else if (c < 0x20) {
        return fail('Control character in string (write it as \\n, \\t or \\u00XX)');
      } else i++;
    }
  };

  const scanScalar = (): JsonError | null => {
    const ch = text[i];
    if (ch === '"') return scanString();
    const re = ch === '-' || (ch >= '0' && ch <= '9') ? NUMBER_RE : LITERAL_RE;
    re.lastIndex = i;
    const m = re.exec(text);
    if (m) {
      i += m[0].length;
      return null;
    }
    if (re === NUMBER_RE) return fail('Invalid number');
    if (ch === "'") return fail("Unexpected ': JSON strings use double quotes");
    return fail(`Unexpected ${found()}: a value is expected`);
  };

  for (;;) {
    i = skipWs(text, i);
    const ch = text[i];
    if (mode === 'value' || mode === 'firstValue') {
      if (i >= n) return fail(stack.length ? 'Unexpected end of the input: a value is missing' : 'Empty input: a JSON value is expected');
      if (ch === ']' && mode === 'firstValue') {
        i++;
        stack.pop();
        mode = 'after';
      } else if (ch === ']' || ch === '}') {
        return fail(`Unexpected '${ch}': trailing comma or missing value`);
      } else if (ch === '{' || ch === '[') {
        stack.push(ch);
        i++;
        mode = ch === '{' ? 'firstKey' : 'firstValue';
      } else {
        const err = scanScalar();
        if (err) return err;
        mode = 'after';
      }
    } else if (mode === 'key' || mode === 'firstKey') {
      if (ch === '}' && mode === 'firstKey') {
        i++;
        stack.pop();
        mode = 'after';
        continue;
      }
      if (ch === '}') return fail("Unexpected '}': trailing comma or missing property");
      if (ch !== '"') return fail(`Expected a property name in double quotes, found ${found()}`);
      const err = scanString();
      if (err) return err;
      i = skipWs(text, i);
      if (text[i] !== ':') return fail(`Expected ':' after the property name, found ${found()}`);
      i++;
      mode = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i >= n ? null : fail(`Unexpected ${found()} after the end of the JSON value`);
      const close = top === '{' ? '}' : ']';
      if (ch === ',') {
        i++;
        mode = top === '{' ? 'key' : 'value';
      } else if (ch === close) {
        i++;
        stack.pop();
      } else return fail(`Expected ',' or '${close}', found ${found()}`);
    }
  }
}

function describe(ch: string): string {
  return ch === '\n' ? 'a line break' : `'${ch}'`;
}

function jsonError(text: string, what: string, offset: number): JsonError {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  const column = offset - lineStart + 1;
  return { message: `${what} (line ${line}, column ${column})`, offset, line, column };
}
