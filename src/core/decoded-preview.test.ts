import { describe, expect, it } from 'vitest';
import { decodedPreview, shortestFloat32 } from './decoded-preview';
import type { DecodedPayload, SparkplugMetric } from './decoded';

const ddata = (metrics: SparkplugMetric[], messageType = 'DDATA'): DecodedPayload => ({
  format: 'sparkplug',
  sparkplug: { messageType, group: 'factory', edgeNode: 'line2', device: 'boiler', seq: 4, metrics, notes: [] },
});

describe('the tree row preview of a decoded payload', () => {
  it('Sparkplug B: the message type, then each metric by its resolved name and value', () => {
    const d = ddata([
      { name: 'Temperature', alias: 1, type: 'Float', value: Math.fround(21.3) },
      { name: 'Pressure', alias: 2, type: 'Double', value: 1.02 },
      { name: 'Burner On', alias: 3, type: 'Boolean', value: true },
      { name: 'Label', alias: 4, type: 'String', value: '<b>hot</b>' },
      { name: '', alias: 9, type: 'Int32', value: 7, unresolved: true },
      { name: 'Nothing', type: 'Int32', value: null },
      { name: 'Since', type: 'DateTime', value: Date.UTC(2026, 0, 2, 3, 4, 5) },
    ]);
    expect(decodedPreview(d, 400)).toBe(
      'DDATA · Temperature 21.3, Pressure 1.02, Burner On true, Label "<b>hot</b>", (alias 9) 7, Nothing null, Since 2026-01-02T03:04:05.000Z',
    );
    expect(decodedPreview(ddata([], 'DDEATH'))).toBe('DDEATH');
  });

  it('cuts a long reading to the length asked, with …, and stops reading metrics once the line is full', () => {
    const many = Array.from({ length: 2000 }, (_, i): SparkplugMetric => ({ name: `Metric ${i}`, type: 'Int32', value: i }));
    const p = decodedPreview(ddata(many), 40)!;
    expect(p).toBe('DDATA · Metric 0 0, Metric 1 1, Metric …');
    expect(Array.from(p)).toHaveLength(40);
    expect(decodedPreview(ddata(many.slice(0, 2)), 40)).toBe('DDATA · Metric 0 0, Metric 1 1');
  });

  it('MessagePack / CBOR / Protobuf: the value as compact JSON text, cut like other previews', () => {
    expect(decodedPreview({ format: 'msgpack', value: { temperature: 21.5, ok: true, tags: ['a', null], name: 'a<i>b' } })).toBe(
      '{"temperature":21.5,"ok":true,"tags":["a",null],"name":"a<i>b"}',
    );
    expect(decodedPreview({ format: 'cbor', value: 42 })).toBe('42');
    expect(decodedPreview({ format: 'protobuf', messageType: 'factory.Reading', value: { temperature: 20 } })).toBe('{"temperature":20}');
    const big = { readings: Array.from({ length: 100_000 }, (_, i) => i) };
    const p = decodedPreview({ format: 'cbor', value: big }, 20)!;
    expect(p).toBe('{"readings":[0,1,2,…');
    // Nested deeper than the line is long: the walk stops with the line.
    let deep: DecodedPayload['value'] = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(decodedPreview({ format: 'msgpack', value: deep }, 10)).toBe('[[[[[[[[[…');
  });

  it('untrusted text stays one line: control characters and newlines are escaped or collapsed', () => {
    expect(decodedPreview({ format: 'msgpack', value: { 'a\nb': 'line1\nline2\u0000' } })).toBe('{"a\\nb":"line1\\nline2\\u0000"}');
    expect(decodedPreview(ddata([{ name: 'Two\nlines\u0007', type: 'Int32', value: 1 }]))).toBe('DDATA · Two lines 1');
  });

  it('nothing for a refused payload or no decoding: the row keeps its text / hex preview', () => {
    expect(decodedPreview({ format: 'sparkplug', error: 'not valid Sparkplug B: x' })).toBeUndefined();
    expect(decodedPreview({ format: 'msgpack', error: 'not valid MessagePack: y' })).toBeUndefined();
    expect(decodedPreview(undefined)).toBeUndefined();
  });

  it('a Float shows the shortest text of its 32-bit value', () => {
    expect(shortestFloat32(Math.fround(21.3))).toBe('21.3');
    expect(shortestFloat32(Math.fround(0.1))).toBe('0.1');
    expect(shortestFloat32(2.5)).toBe('2.5');
    expect(shortestFloat32(-42)).toBe('-42');
    expect(shortestFloat32(1.02)).toBe('1.02'); // not a float32 value: as it is
  });
});
