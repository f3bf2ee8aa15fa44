import { describe, expect, it } from 'vitest';
import { decodePayload, fromBase64, fromHex, previewText, toBase64, toHex } from './payload';
import { seededRandom } from './test-fixtures';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodePayload', () => {
  it.each([
    ['plain word', 'on', { kind: 'text', text: 'on' }],
    ['number', '21.5', { kind: 'text', text: '21.5', numeric: 21.5 }],
    ['number with spaces', ' -3\n', { kind: 'text', text: ' -3\n', numeric: -3 }],
    ['exponent', '1e3', { kind: 'text', text: '1e3', numeric: 1000 }],
    ['unit is not numeric', '21.5 °C', { kind: 'text', text: '21.5 °C' }],
    ['hex is not numeric', '0x10', { kind: 'text', text: '0x10' }],
    ['Infinity is not numeric', 'Infinity', { kind: 'text', text: 'Infinity' }],
    ['emoji', 'hot 🔥 ünïcödé', { kind: 'text', text: 'hot 🔥 ünïcödé' }],
    ['JSON string stays text', '"hi"', { kind: 'text', text: '"hi"' }],
    ['JSON true stays text', 'true', { kind: 'text', text: 'true' }],
    ['JSON null stays text', 'null', { kind: 'text', text: 'null' }],
    ['broken JSON is text', '{"a":', { kind: 'text', text: '{"a":' }],
    ['tabs and newlines are text', 'a\tb\r\nc', { kind: 'text', text: 'a\tb\r\nc' }],
    ['JSON object', '{"state":"ON","n":1}', { kind: 'json', text: '{"state":"ON","n":1}', json: { state: 'ON', n: 1 } }],
    ['JSON array with spaces', ' [1, 2] ', { kind: 'json', text: ' [1, 2] ', json: [1, 2] }],
  ] as const)('%s', (_name, input, expected) => {
    expect(decodePayload(utf8(input))).toEqual(expected);
  });

  it.each([
    ['empty', bytes(), 'empty'],
    ['invalid UTF-8', bytes(0xde, 0xad, 0xbe, 0xef), 'binary'],
    ['lone continuation byte', bytes(0x61, 0x80), 'binary'],
    ['overlong encoding', bytes(0xc0, 0xaf), 'binary'],
    ['NUL inside text', bytes(0x61, 0x00, 0x62), 'binary'],
    ['escape char', bytes(0x1b, 0x5b, 0x30, 0x6d), 'binary'],
    ['DEL', bytes(0x7f), 'binary'],
    ['incomplete trailing sequence', bytes(0x61, 0xe2, 0x82), 'binary'],
  ])('%s → %s', (_name, input, kind) => {
    const d = decodePayload(input);
    expect(d.kind).toBe(kind);
    expect(d.text).toBeUndefined();
  });

  it('tolerates a cut UTF-8 sequence at the end of a truncated payload', () => {
    const cut = utf8('price 5€').subarray(0, 8); // the euro sign is 3 bytes; keep 1
    expect(decodePayload(cut).kind).toBe('binary');
    expect(decodePayload(cut, { truncated: true })).toEqual({ kind: 'text', text: 'price 5' });
    expect(decodePayload(bytes(0xff, 0x61), { truncated: true }).kind).toBe('binary');
  });
});

describe('hex', () => {
  it.each([
    [bytes(), undefined, ''],
    [bytes(0xde, 0xad, 0xbe, 0xef), undefined, 'de ad be ef'],
    [bytes(0, 1, 15, 16, 255), undefined, '00 01 0f 10 ff'],
    [bytes(1, 2, 3, 4), 2, '01 02 …'],
    [bytes(1, 2), 2, '01 02'],
    [bytes(1, 2), 0, '…'],
  ])('toHex(%j, %j) = %j', (input, max, expected) => {
    expect(toHex(input, max)).toBe(expected);
  });

  it.each([
    ['deadbeef', bytes(0xde, 0xad, 0xbe, 0xef)],
    ['DE AD\nbe\tef', bytes(0xde, 0xad, 0xbe, 0xef)],
    ['0xdeadbeef', bytes(0xde, 0xad, 0xbe, 0xef)],
    ['0xde 0xAD', bytes(0xde, 0xad)],
    ['', bytes()],
    ['  ', bytes()],
  ])('fromHex(%j)', (input, expected) => {
    expect(fromHex(input)).toEqual({ bytes: expected });
  });

  it.each([
    ['abc', 'Odd number of hex digits (3)'],
    ['zz', "Invalid hex character 'z' at position 1"],
    ['de ag', "Invalid hex character 'g' at position 5"],
    ['de0xad', "Invalid hex character 'x' at position 4"],
  ])('fromHex(%j) fails', (input, message) => {
    const result = fromHex(input);
    expect(result.bytes).toBeUndefined();
    expect(result.error).toContain(message);
  });
});

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 vector %j ↔ %j', (plain, encoded) => {
    expect(toBase64(utf8(plain))).toBe(encoded);
    expect(fromBase64(encoded)).toEqual({ bytes: utf8(plain) });
  });

  it('matches btoa and round-trips random bytes', () => {
    const rand = seededRandom(42);
    for (let n = 0; n < 200; n++) {
      const b = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
      const encoded = toBase64(b);
      expect(encoded).toBe(btoa(String.fromCharCode(...b)));
      expect(fromBase64(encoded)).toEqual({ bytes: b });
      expect(fromHex(toHex(b))).toEqual({ bytes: b });
    }
  });

  it.each([
    ['Zm9v\nYmFy', 'foobar'],
    ['Zg', 'f'],
    ['Zm8', 'fo'],
    ['-_8', '\u00fb\u00ff'],
  ])('fromBase64 accepts %j', (input, latin1) => {
    expect(fromBase64(input)).toEqual({ bytes: Uint8Array.from(latin1, (c) => c.charCodeAt(0)) });
  });

  it.each([
    ['Zm9v!', "Invalid base64 character '!' at position 5"],
    ['Zg==Zg==', "Data after '=' padding at position 5"],
    ['Z', 'incomplete'],
    ['Zm9vY', 'incomplete'],
    ['Zg=', 'Wrong base64 padding'],
    ['Zm9v=', 'Wrong base64 padding'],
  ])('fromBase64(%j) fails', (input, message) => {
    const result = fromBase64(input);
    expect(result.bytes).toBeUndefined();
    expect(result.error).toContain(message);
  });
});

describe('previewText', () => {
  it.each([
    ['empty', bytes(), 80, ''],
    ['short text', utf8('21.5'), 80, '21.5'],
    ['collapses whitespace', utf8('{\n  "a": 1,\n\t"b": 2\n}\n'), 80, '{ "a": 1, "b": 2 }'],
    ['truncates', utf8('abcdefghij'), 5, 'abcd…'],
    ['exact length is not cut', utf8('abcde'), 5, 'abcde'],
    ['does not split emoji', utf8('🔥🔥🔥🔥'), 3, '🔥🔥…'],
    ['binary as hex', bytes(0xde, 0xad, 0xbe, 0xef), 80, '0xdeadbeef'],
    ['long binary cut to maxChars', bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 10, '0x000102…'],
    ['binary exactly fitting', bytes(0, 1, 2, 3), 10, '0x00010203'],
  ])('%s', (_name, input, max, expected) => {
    expect(previewText(input, max)).toBe(expected);
  });

  it('looks only at the head of a huge payload', () => {
    const big = utf8('x'.repeat(1_000_000) + '\u0000');
    const preview = previewText(big, 10);
    expect(preview).toBe('xxxxxxxxx…');
  });

  it('marks a cut even when the decoded head is short after collapsing', () => {
    const big = utf8('a' + ' '.repeat(5000) + 'b');
    expect(previewText(big, 10)).toBe('a…');
  });
});
