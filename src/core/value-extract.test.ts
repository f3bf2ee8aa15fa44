import { describe, expect, it } from 'vitest';
import {
  extractReading,
  formatPath,
  getPath,
  isChartable,
  numericFields,
  parsePath,
  parseReading,
  readingFromValue,
} from './value-extract';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('parseReading', () => {
  it.each([
    ['21.5', 21.5],
    ['  -3  ', -3],
    ['+7', 7],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['-2.5E-2', -0.025],
    ['0', 0],
    ['21.5 °C', 21.5],
    ['21.5°C', 21.5],
    ['45%', 45],
    ['1013.2 hPa', 1013.2],
    ['12V', 12],
    ['100 km/h', 100],
    ['35 µg/m³', 35],
  ])('reads %j as %d', (text, value) => {
    expect(parseReading(text)).toEqual({ value, boolean: false });
  });

  it.each([
    ['on', 1],
    ['off', 0],
    ['ON', 1],
    ['OFF', 0],
    ['On', 1],
    ['true', 1],
    ['false', 0],
    ['TRUE', 1],
    [' False ', 0],
  ])('reads switch word %j as %d', (text, value) => {
    expect(parseReading(text)).toEqual({ value, boolean: true });
  });

  it.each([
    'NaN',
    'nan',
    'Infinity',
    '-Infinity',
    '1e400',
    '-1e999',
    '',
    '   ',
    'abc',
    'hello 12',
    '12 34',
    '1.2.3',
    '1,5',
    '0x1F',
    '0b101',
    '--5',
    '-',
    '.',
    'e5',
    '12 apples and 3 pears',
    'open',
    'null',
    '5 °C and rising',
  ])('rejects %j', (text) => {
    expect(parseReading(text)).toBeUndefined();
  });
});

describe('readingFromValue', () => {
  it('accepts finite numbers, booleans and numeric strings', () => {
    expect(readingFromValue(3.25)).toEqual({ value: 3.25, boolean: false });
    expect(readingFromValue(-0)).toEqual({ value: -0, boolean: false });
    expect(readingFromValue(true)).toEqual({ value: 1, boolean: true });
    expect(readingFromValue(false)).toEqual({ value: 0, boolean: true });
    expect(readingFromValue('22.1 °C')).toEqual({ value: 22.1, boolean: false });
    expect(readingFromValue('ON')).toEqual({ value: 1, boolean: true });
  });
  it('rejects non-finite numbers and non-scalars', () => {
    for (const v of [NaN, Infinity, -Infinity, null, undefined, {}, [1], 'garbage', '']) {
      expect(readingFromValue(v)).toBeUndefined();
    }
  });
});

describe('JSON paths', () => {
  it.each([
    ['temperature', ['temperature']],
    ['a.b[0].c', ['a', 'b', 0, 'c']],
    ['[2].x', [2, 'x']],
    ['a[0][1]', ['a', 0, 1]],
    ['a["key.with dots"].b', ['a', 'key.with dots', 'b']],
    ['["]"]', [']']],
    ['temp-c', ['temp-c']],
    ['', []],
  ])('parses %j', (path, segments) => {
    expect(parsePath(path)).toEqual(segments);
  });

  it.each(['a.', '.a', 'a..b', 'a[', 'a[x]', 'a[-1]', 'a["unterminated]'])('rejects malformed %j', (path) => {
    expect(parsePath(path)).toBeUndefined();
  });

  it('formats paths so that they parse back', () => {
    const cases: (string | number)[][] = [['a', 'b', 0, 'c'], [0, 'x'], ['odd key', 'x.y', 3], ['"quoted"']];
    for (const segments of cases) expect(parsePath(formatPath(segments))).toEqual(segments);
    expect(formatPath(['a', 'b', 0, 'c'])).toBe('a.b[0].c');
  });

  it('getPath walks objects and arrays and stops at missing steps', () => {
    const json = { a: { b: [{ c: 5 }] }, arr: [1, 2] };
    expect(getPath(json, ['a', 'b', 0, 'c'])).toBe(5);
    expect(getPath(json, ['a', 'x'])).toBeUndefined();
    expect(getPath(json, ['arr', 'length'])).toBeUndefined();
    expect(getPath(json, ['a', 0])).toBeUndefined();
    expect(getPath(json, ['toString'])).toBeUndefined();
  });
});

describe('extractReading', () => {
  it('reads whole payloads: numbers, units, switch words, JSON scalars', () => {
    expect(extractReading(bytes('21.5'))?.value).toBe(21.5);
    expect(extractReading(bytes('21.5 °C'))?.value).toBe(21.5);
    expect(extractReading(bytes('off'))).toEqual({ value: 0, boolean: true });
    expect(extractReading(bytes('"42"'))?.value).toBe(42);
    expect(extractReading(bytes('true'))).toEqual({ value: 1, boolean: true });
  });

  it('reads nested JSON fields, including booleans and numeric strings', () => {
    const p = bytes('{"temperature":21.5,"a":{"b":[{"c":-4}]},"state":"ON","ok":false,"t":"19 °C"}');
    expect(extractReading(p, 'temperature')?.value).toBe(21.5);
    expect(extractReading(p, 'a.b[0].c')?.value).toBe(-4);
    expect(extractReading(p, 'state')).toEqual({ value: 1, boolean: true });
    expect(extractReading(p, 'ok')).toEqual({ value: 0, boolean: true });
    expect(extractReading(p, 't')?.value).toBe(19);
  });

  it('rejects garbage, missing fields and non-finite values', () => {
    expect(extractReading(bytes('hello'))).toBeUndefined();
    expect(extractReading(bytes('NaN'))).toBeUndefined();
    expect(extractReading(bytes('Infinity'))).toBeUndefined();
    expect(extractReading(new Uint8Array([0, 1, 2, 0xff]))).toBeUndefined();
    expect(extractReading(bytes(''))).toBeUndefined();
    expect(extractReading(bytes('{"a":1}'))).toBeUndefined();
    expect(extractReading(bytes('{"a":1}'), 'b')).toBeUndefined();
    expect(extractReading(bytes('{"a":"NaN"}'), 'a')).toBeUndefined();
    expect(extractReading(bytes('{"a":1e999}'), 'a')).toBeUndefined();
    expect(extractReading(bytes('{"a":null}'), 'a')).toBeUndefined();
    expect(extractReading(bytes('21.5'), 'a')).toBeUndefined();
    expect(extractReading(bytes('{"a":1}'), 'a..b')).toBeUndefined();
  });
});

describe('isChartable and numericFields', () => {
  it('isChartable is true only for payloads that are themselves numeric', () => {
    expect(isChartable(bytes('21.5 °C'))).toBe(true);
    expect(isChartable(bytes('ON'))).toBe(true);
    expect(isChartable(bytes('{"t":1}'))).toBe(false);
    expect(isChartable(bytes('online'))).toBe(false);
    expect(isChartable(bytes('NaN'))).toBe(false);
  });

  it('lists numeric fields with nested paths in document order', () => {
    const p = bytes(
      JSON.stringify({
        temperature: 21.5,
        name: 'garden',
        nested: { humidity: '55 %', deep: { on: true } },
        list: [{ v: 1 }, { v: 'x' }, 3],
        'odd key': 2,
        bad: 'NaN',
        nothing: null,
      }),
    );
    expect(numericFields(p)).toEqual([
      'temperature',
      'nested.humidity',
      'nested.deep.on',
      'list[0].v',
      'list[2]',
      '["odd key"]',
    ]);
  });

  it('gives [] for non-JSON and bounds its work', () => {
    expect(numericFields(bytes('21.5'))).toEqual([]);
    expect(numericFields(bytes('not json {'))).toEqual([]);
    const many = bytes(JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]))));
    expect(numericFields(many)).toHaveLength(200);
    expect(numericFields(many, { maxFields: 3 })).toEqual(['k0', 'k1', 'k2']);
    let deep: unknown = 1;
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(numericFields(bytes(JSON.stringify(deep)))).toEqual([]);
  });
});
