import { describe, expect, it } from 'vitest';
import { bytesToFormat, checkJson, convertPayload, encodePayload, reformatJson, type PayloadFormat } from './payload-encode';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

// [input, format, expected bytes]
const ENCODE_OK: [string, PayloadFormat, Uint8Array][] = [
  ['', 'text', bytes()],
  ['on', 'text', utf8('on')],
  ['21.5 °C', 'text', utf8('21.5 °C')],
  ['line 1\nline 2', 'text', utf8('line 1\nline 2')],
  ['🌡', 'text', bytes(0xf0, 0x9f, 0x8c, 0xa1)],
  ['{"state":"ON"}', 'json', utf8('{"state":"ON"}')],
  // JSON is sent as typed: whitespace and number spelling kept, never re-serialised
  ['{ "a" : 1.0 }', 'json', utf8('{ "a" : 1.0 }')],
  ['12345678901234567890', 'json', utf8('12345678901234567890')],
  ['"just a string"', 'json', utf8('"just a string"')],
  ['[]', 'json', utf8('[]')],
  ['de ad be ef', 'hex', bytes(0xde, 0xad, 0xbe, 0xef)],
  ['DEADBEEF', 'hex', bytes(0xde, 0xad, 0xbe, 0xef)],
  ['0x00 0xff', 'hex', bytes(0, 255)],
  ['', 'hex', bytes()],
  ['3q2+7w==', 'base64', bytes(0xde, 0xad, 0xbe, 0xef)],
  ['3q2-7w', 'base64', bytes(0xde, 0xad, 0xbe, 0xef)],
  ['AA==', 'base64', bytes(0)],
  ['aGVsbG8=', 'base64', utf8('hello')],
];

describe('encodePayload', () => {
  it.each(ENCODE_OK)('%j as %s', (input, format, expected) => {
    const r = encodePayload(input, format);
    expect(r.error).toBeUndefined();
    expect(Array.from(r.bytes!)).toEqual(Array.from(expected));
  });

  // [input, format, error substring]
  it.each([
    ['{"a":}', 'json', 'column 6'],
    ['{"a":1', 'json', "Expected ',' or '}'"],
    ["{'a':1}", 'json', 'property name in double quotes'],
    ['', 'json', 'Empty input'],
    ['de ad b', 'hex', 'Odd number'],
    ['zz', 'hex', "'z' at position 1"],
    ['3q2+7w=x', 'base64', 'position 8'],
    ['a', 'base64', 'incomplete'],
  ] as [string, PayloadFormat, string][])('refuses %j as %s', (input, format, message) => {
    const r = encodePayload(input, format);
    expect(r.bytes).toBeUndefined();
    expect(r.error).toContain(message);
  });
});

describe('checkJson', () => {
  it.each([
    '0', '-0', '1.5e-3', 'true', 'false', 'null', '""', '"\\u00e9\\n\\"x\\""', '[1, [2, [3]], {}]',
    '{"a": {"b": [true, null]}, "c": "d"}', ' \n {"x":1} \n ', '{"":""}',
  ])('accepts %j', (text) => {
    expect(checkJson(text)).toBeNull();
    expect(() => JSON.parse(text)).not.toThrow();
  });

  // [text, message substring, line, column]
  it.each([
    ['{"a":}', "Unexpected '}'", 1, 6],
    ['[1,]', 'trailing comma', 1, 4],
    ['{"a":1,}', 'trailing comma', 1, 8],
    ['{\n  "a": 1\n  "b": 2\n}', "Expected ',' or '}', found '\"'", 3, 3],
    ['{"a" 1}', "Expected ':'", 1, 6],
    ['[01]', 'Invalid number', 1, 2],
    ['[1.]', 'Invalid number', 1, 2],
    ['tru', 'a value is expected', 1, 1],
    ['"abc', 'Unterminated string', 1, 1],
    ['"a\\x"', 'Invalid escape \\x', 1, 3],
    ['"a\tb"', 'Control character', 1, 3],
    ['{} {}', 'after the end of the JSON value', 1, 4],
    ["['a']", 'double quotes', 1, 2],
    ['[1, 2', "Expected ',' or ']', found the end of the input", 1, 6],
    ['', 'Empty input', 1, 1],
  ] as [string, string, number, number][])('refuses %j', (text, message, line, column) => {
    const err = checkJson(text);
    expect(err).not.toBeNull();
    expect(err!.message).toContain(message);
    expect([err!.line, err!.column]).toEqual([line, column]);
    expect(err!.message).toContain(`(line ${line}, column ${column})`);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('handles deep nesting without recursion', () => {
    expect(checkJson('['.repeat(100_000) + ']'.repeat(100_000))).toBeNull();
    expect(checkJson('['.repeat(100_000))).not.toBeNull();
  });
});

describe('reformatJson', () => {
  it('pretty-prints keeping numbers and strings exactly as typed', () => {
    const r = reformatJson('{"n":1.0,"big":12345678901234567890,"s":"a, b: {c}","e":[],"o":{},"l":[1,{"x":null}]}', 2);
    expect(r).toEqual({
      text: '{\n  "n": 1.0,\n  "big": 12345678901234567890,\n  "s": "a, b: {c}",\n  "e": [],\n  "o": {},\n  "l": [\n    1,\n    {\n      "x": null\n    }\n  ]\n}',
    });
  });

  it('minifies, leaving whitespace inside strings alone', () => {
    expect(reformatJson('{\n  "a b" : [ 1 , 2 ],\n  "c": "x  y"\n}', 0)).toEqual({ text: '{"a b":[1,2],"c":"x  y"}' });
  });

  it('round-trips: minify(pretty(x)) is the minified x', () => {
    const src = '{"a":[1,2,{"b":"\\"quoted\\" \\\\"}],"c":{}}';
    const pretty = reformatJson(src, 4) as { text: string };
    expect(reformatJson(pretty.text, 0)).toEqual({ text: src });
    expect(JSON.parse(pretty.text)).toEqual(JSON.parse(src));
  });

  it('returns the error for invalid JSON', () => {
    const r = reformatJson('{"a":', 2) as { error: { line: number; column: number } };
    expect(r.error).toMatchObject({ line: 1, column: 6 });
  });
});

describe('bytesToFormat and convertPayload', () => {
  it('writes bytes in each format and back to the same bytes', () => {
    const samples = [bytes(), utf8('hello'), utf8('{"a":1}'), bytes(0, 1, 2, 0xff, 0xfe), utf8('°C 🌡')];
    for (const b of samples) {
      for (const f of ['text', 'json', 'hex', 'base64'] as PayloadFormat[]) {
        const written = bytesToFormat(b, f);
        if (written === undefined) continue;
        expect(Array.from(encodePayload(written, f === 'json' ? 'text' : f).bytes!)).toEqual(Array.from(b));
      }
    }
  });

  it('gives undefined for binary as text and for non-JSON as JSON', () => {
    expect(bytesToFormat(bytes(0xff, 0xfe), 'text')).toBeUndefined();
    expect(bytesToFormat(utf8('hello'), 'json')).toBeUndefined();
    expect(bytesToFormat(utf8('{"a":1}'), 'json')).toBe('{"a":1}');
  });

  it.each([
    ['hello', 'text', 'hex', { text: '68 65 6c 6c 6f' }],
    ['hello', 'text', 'base64', { text: 'aGVsbG8=' }],
    ['68 65 6c 6c 6f', 'hex', 'text', { text: 'hello' }],
    ['68656c6c6f', 'hex', 'base64', { text: 'aGVsbG8=' }],
    ['aGVsbG8=', 'base64', 'hex', { text: '68 65 6c 6c 6f' }],
    ['{"a":1}', 'json', 'text', { text: '{"a":1}' }],
    ['{"a":1}', 'text', 'json', { text: '{"a":1}' }],
    ['{"a":1}', 'json', 'base64', { text: 'eyJhIjoxfQ==' }],
    ['', 'hex', 'base64', { text: '' }],
  ] as [string, PayloadFormat, PayloadFormat, object][])('%j from %s to %s', (input, from, to, expected) => {
    expect(convertPayload(input, from, to)).toEqual(expected);
  });

  it.each([
    ['ff fe', 'hex', 'text', 'not valid UTF-8'],
    ['zz', 'hex', 'base64', 'Invalid hex'],
    ['hello', 'text', 'json', 'not valid JSON'],
  ] as [string, PayloadFormat, PayloadFormat, string][])('refuses %j from %s to %s', (input, from, to, message) => {
    const r = convertPayload(input, from, to) as { error: string };
    expect(r.error).toContain(message);
  });
});
