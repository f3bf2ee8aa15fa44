// Round trips against Sparkplug B payloads encoded by the reference library (sparkplug-payload,
// Eclipse Tahu's JavaScript encoder; a dev dependency only: its protobufjs evals at load, which the
// app's CSP refuses).
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { SparkplugDecoder } from './sparkplug-decoder';
import type { SparkplugInfo } from '../../core/decoded';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');
const encode = (p: unknown) => new Uint8Array(sparkplug.encodePayload(p));

const T0 = 1_700_000_000_000;

function info(d: SparkplugDecoder, topic: string, payload: unknown): SparkplugInfo {
  const out = d.decode(topic, encode(payload));
  expect(out?.error).toBeUndefined();
  return out!.sparkplug!;
}

describe('Sparkplug B decoder', () => {
  it('reads every scalar datatype as the reference encoder wrote it', () => {
    const d = new SparkplugDecoder();
    const metrics = [
      { name: 'i8', type: 'Int8', value: -5 },
      { name: 'i16', type: 'Int16', value: -300 },
      { name: 'i32', type: 'Int32', value: -70000 },
      { name: 'i64', type: 'Int64', value: -1234567890123 },
      { name: 'u8', type: 'UInt8', value: 250 },
      { name: 'u32', type: 'UInt32', value: 4000000000 },
      { name: 'u64', type: 'UInt64', value: 9007199254740991 },
      { name: 'f', type: 'Float', value: 1.5 },
      { name: 'd', type: 'Double', value: 3.141592653589793 },
      { name: 'b', type: 'Boolean', value: true },
      { name: 's', type: 'String', value: 'hello <b>' },
      { name: 'dt', type: 'DateTime', value: T0 },
      { name: 'raw', type: 'Bytes', value: Buffer.from([1, 2, 255]) },
    ];
    const i = info(d, 'spBv1.0/plant/NBIRTH/edge1', { timestamp: T0, seq: 0, metrics });
    expect(i).toMatchObject({ messageType: 'NBIRTH', group: 'plant', edgeNode: 'edge1', seq: 0, timestamp: T0 });
    expect(i.metrics.map((m) => [m.name, m.type, m.value])).toEqual([
      ['i8', 'Int8', -5],
      ['i16', 'Int16', -300],
      ['i32', 'Int32', -70000],
      ['i64', 'Int64', -1234567890123],
      ['u8', 'UInt8', 250],
      ['u32', 'UInt32', 4000000000],
      ['u64', 'UInt64', 9007199254740991],
      ['f', 'Float', 1.5],
      ['d', 'Double', 3.141592653589793],
      ['b', 'Boolean', true],
      ['s', 'String', 'hello <b>'],
      ['dt', 'DateTime', T0],
      ['raw', 'Bytes', '01 02 ff'],
    ]);
    expect(i.notes).toEqual([]);
  });

  it('shows a DataSet and a Template metric by their sizes (the nested messages walked, not decoded)', () => {
    const d = new SparkplugDecoder();
    const metrics = [
      { name: 'table', type: 'DataSet', value: { numOfColumns: 2, columns: ['a', 'b'], types: ['Int32', 'String'], rows: [[1, 'x'], [2, 'y'], [3, 'z']] } },
      {
        name: 'motor',
        type: 'Template',
        value: { templateRef: 'Motor', isDefinition: false, metrics: [{ name: 'rpm', type: 'Float', value: 1.5 }, { name: 'on', type: 'Boolean', value: true }], parameters: [] },
      },
    ];
    const i = info(d, 'spBv1.0/plant/DBIRTH/edge1/dev1', { timestamp: T0, seq: 1, metrics });
    expect(i.metrics.map((m) => [m.name, m.type, m.value])).toEqual([
      ['table', 'DataSet', 'DataSet: 2 columns, 3 rows'],
      ['motor', 'Template', 'Template: 2 metrics'],
    ]);
  });

  it('names DATA metrics by alias from the most recent BIRTH, across a rebirth that reassigns them', () => {
    const d = new SparkplugDecoder();
    info(d, 'spBv1.0/g/NBIRTH/e', { timestamp: T0, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] });
    info(d, 'spBv1.0/g/DBIRTH/e/pump', {
      timestamp: T0,
      seq: 1,
      metrics: [
        { name: 'Pressure', alias: 1, type: 'Float', value: 1 },
        { name: 'Running', alias: 2, type: 'Boolean', value: false },
      ],
    });
    const data = info(d, 'spBv1.0/g/DDATA/e/pump', { timestamp: T0 + 1, seq: 2, metrics: [{ alias: 1, type: 'Float', value: 2.5 }, { alias: 2, type: 'Boolean', value: true }] });
    expect(data.metrics.map((m) => [m.name, m.alias, m.type, m.value])).toEqual([
      ['Pressure', 1, 'Float', 2.5],
      ['Running', 2, 'Boolean', true],
    ]);
    // A rebirth swaps the aliases: the names follow the newest BIRTH.
    info(d, 'spBv1.0/g/NBIRTH/e', { timestamp: T0, seq: 0, metrics: [] });
    info(d, 'spBv1.0/g/DBIRTH/e/pump', {
      timestamp: T0,
      seq: 1,
      metrics: [
        { name: 'Running', alias: 1, type: 'Boolean', value: false },
        { name: 'Pressure', alias: 2, type: 'Float', value: 1 },
      ],
    });
    const after = info(d, 'spBv1.0/g/DDATA/e/pump', { timestamp: T0 + 2, seq: 2, metrics: [{ alias: 2, type: 'Float', value: 7.25 }] });
    expect(after.metrics[0]).toMatchObject({ name: 'Pressure', alias: 2, value: 7.25 });
    // Another device's aliases are its own.
    const other = info(d, 'spBv1.0/g/DDATA/e/valve', { timestamp: T0 + 3, seq: 3, metrics: [{ alias: 2, type: 'Float', value: 1 }] });
    expect(other.metrics[0]).toMatchObject({ name: '', unresolved: true });
    expect(other.notes[0]).toMatch(/No BIRTH seen from this device yet: 1 metric is known only by alias/);
  });

  it('counts messages missed by seq, wrapping from 255 to 0', () => {
    const d = new SparkplugDecoder();
    const data = (seq: number) => info(d, 'spBv1.0/g/NDATA/e', { timestamp: T0, seq, metrics: [{ name: 'x', type: 'Int32', value: seq }] });
    info(d, 'spBv1.0/g/NBIRTH/e', { timestamp: T0, seq: 0, metrics: [] });
    expect(data(1).missed).toBeUndefined();
    const gap = data(5);
    expect(gap.missed).toBe(3);
    expect(gap.notes).toContain('3 messages missed — request a rebirth');
    for (let s = 6; s <= 255; s++) expect(data(s).missed).toBeUndefined();
    expect(data(0).missed).toBeUndefined(); // 255 → 0 is no gap
    expect(data(2).missed).toBe(1);
    d.decode('spBv1.0/g/NBIRTH/e', encode({ timestamp: T0, seq: 0, metrics: [] }));
    expect(data(1).missed).toBeUndefined(); // a rebirth starts over
    // 254 → 1 across the wrap: 255 and 0 were missed.
    const d2 = new SparkplugDecoder();
    info(d2, 'spBv1.0/g/NBIRTH/e', { timestamp: T0, seq: 0, metrics: [] });
    for (let s = 1; s <= 254; s++) info(d2, 'spBv1.0/g/NDATA/e', { timestamp: T0, seq: s, metrics: [] });
    expect(info(d2, 'spBv1.0/g/NDATA/e', { timestamp: T0, seq: 1, metrics: [] }).notes).toContain('2 messages missed — request a rebirth');
  });

  it('refuses a plain string with a reason and never shows it as an empty payload', () => {
    const d = new SparkplugDecoder();
    for (const text of ['hello world', 'online', '{"a":1}', 'OFFLINE', '42']) {
      const out = d.decode('spBv1.0/g/NDATA/e', new TextEncoder().encode(text));
      expect(out?.sparkplug).toBeUndefined();
      expect(out?.error).toMatch(/^not valid Sparkplug B: /);
    }
    expect(d.decode('spBv1.0/g/NDATA/e', new Uint8Array())?.error).toBe('not valid Sparkplug B: the payload is empty');
  });

  it('leaves STATE and topics outside the namespace alone', () => {
    const d = new SparkplugDecoder();
    expect(d.decode('spBv1.0/STATE/host1', new TextEncoder().encode('{"online":true,"timestamp":1}'))).toBeUndefined();
    expect(d.decode('spBv1.0/g/NOPE/e', encode({ timestamp: T0, metrics: [] }))).toBeUndefined();
    expect(d.decode('plant/line1', encode({ timestamp: T0, metrics: [] }))).toBeUndefined();
    // Chosen by the user for such a topic: decoded (no seq tracking or aliases to resolve).
    expect(d.decode('plant/line1', encode({ timestamp: T0, metrics: [{ name: 'a', type: 'Int32', value: 1 }] }), true)?.sparkplug?.metrics[0]).toMatchObject({ name: 'a', value: 1 });
  });
});
