// The hand-driven BinaryReader (sparkplug-wire.ts) against the schema generated from Tahu's
// sparkplug_b.proto (fromBinary), on payloads from the reference encoder (sparkplug-payload):
// the same fields, values and refusals.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { fromBinary, isFieldSet } from '@bufbuild/protobuf';
import type { RawMetric, RawPayload, RawValue } from '../../core/sparkplug';
import { PayloadSchema, Payload_MetricSchema, type Payload_Metric } from './gen/sparkplug_b_pb';
import { readPayloadWire } from './sparkplug-wire';
import { seededRandom } from '../../core/test-fixtures';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');
const encode = (p: unknown) => new Uint8Array(sparkplug.encodePayload(p));

/** 64-bit integers: the reader gives a number whenever it is exactly one, a bigint beyond 2^53. */
const int64 = (v: bigint): number | bigint => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

/** The oracle: the generated schema, read through reflection. */
function oracle(bytes: Uint8Array): RawPayload | 'refused' {
  let p;
  try {
    p = fromBinary(PayloadSchema, bytes);
  } catch {
    return 'refused';
  }
  if (p.$unknown?.length || p.metrics.some((m) => m.$unknown?.length)) return 'refused';
  const value = (v: Payload_Metric['value']): RawValue => {
    if (v.case === 'datasetValue') return { case: 'datasetValue', columns: v.value.columns.length, rows: v.value.rows.length };
    if (v.case === 'templateValue') return { case: 'templateValue', metrics: v.value.metrics.length };
    if (v.case === 'extensionValue') return { case: 'extensionValue' };
    if (v.case === 'longValue') return { case: 'longValue', value: int64(v.value) };
    return v as RawValue;
  };
  const out: RawPayload = {
    metrics: p.metrics.map((m) => {
      const r: RawMetric = { value: value(m.value) };
      const f = Payload_MetricSchema.field;
      if (isFieldSet(m, f.name)) r.name = m.name;
      if (isFieldSet(m, f.alias)) r.alias = int64(m.alias);
      if (isFieldSet(m, f.timestamp)) r.timestamp = int64(m.timestamp);
      if (isFieldSet(m, f.datatype)) r.datatype = m.datatype;
      if (m.isHistorical) r.isHistorical = true;
      if (m.isTransient) r.isTransient = true;
      if (m.isNull) r.isNull = true;
      return r;
    }),
  };
  if (isFieldSet(p, PayloadSchema.field.timestamp)) out.timestamp = int64(p.timestamp);
  if (isFieldSet(p, PayloadSchema.field.seq)) out.seq = int64(p.seq);
  if (isFieldSet(p, PayloadSchema.field.uuid)) out.uuid = p.uuid;
  return out;
}

const wire = (bytes: Uint8Array) => {
  const r = readPayloadWire(bytes);
  return typeof r === 'string' ? 'refused' : r;
};

/** Copy `i` of `good`, damaged: every third cut short, the others with 1 or 2 bytes changed. */
function damagedCopy(good: Uint8Array, i: number, rand: () => number): Uint8Array {
  const bytes = good.slice();
  if (i % 3 === 0) return bytes.subarray(0, Math.floor(rand() * bytes.length));
  for (let k = 0; k < 1 + (i % 3); k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
  return bytes;
}

describe('readPayloadWire', () => {
  it('reads what the generated schema reads, for every kind of metric the reference encoder writes', () => {
    const T = 1_700_000_000_000;
    const payloads = [
      { timestamp: T, seq: 7, uuid: 'u-1', metrics: [] },
      {
        timestamp: T,
        seq: 255,
        metrics: [
          { name: 'i8', alias: 1, type: 'Int8', value: -5, timestamp: T },
          { name: 'i64', alias: 2, type: 'Int64', value: -1234567890123 },
          { name: 'u64', type: 'UInt64', value: 2 ** 53 - 1 },
          { name: 'f', type: 'Float', value: 1.5, isHistorical: true },
          { name: 'd', type: 'Double', value: Math.PI, isTransient: true },
          { name: 'b', type: 'Boolean', value: false },
          { name: 's', type: 'String', value: 'ü <b>' },
          { name: 'raw', type: 'Bytes', value: Buffer.from([0, 1, 2]) },
          { name: 'n', type: 'Int32', value: null, isNull: true },
          { name: 'props', type: 'Int32', value: 3, properties: { unit: { type: 'String', value: 'bar' } } },
          { name: 'ds', type: 'DataSet', value: { numOfColumns: 2, columns: ['a', 'b'], types: ['Int32', 'String'], rows: [[1, 'x'], [2, 'y']] } },
          { name: 'tpl', type: 'Template', value: { isDefinition: true, metrics: [{ name: 'm', type: 'Int32', value: 1 }], parameters: [] } },
        ],
      },
      { metrics: [{ alias: 9, type: 'Float', value: 2.25 }] },
    ];
    for (const p of payloads) {
      const bytes = encode(p);
      expect(wire(bytes)).toEqual(oracle(bytes));
      expect(wire(bytes)).not.toBe('refused');
    }
  });

  it('refuses what the generated schema refuses, and also a known field with the wrong wire type (random bytes, text)', () => {
    const rand = seededRandom(13);
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(rand() * 40) }, () => Math.floor(rand() * 256));
      const o = oracle(bytes);
      const w = readPayloadWire(bytes);
      if (o === 'refused') {
        expect(typeof w).toBe('string');
        refused++;
      } else if (typeof w === 'string') {
        // fromBinary reads e.g. a start-group tag on field 1 as the varint timestamp; we refuse it.
        expect(w).toMatch(/^field \d+ is .+, not (varint|64-bit|length-delimited|32-bit)$/);
      } else expect(w).toEqual(o);
    }
    expect(refused).toBeGreaterThan(1000);
    for (const text of ['hello world', 'online', '{"a":1}', '42']) {
      const bytes = new TextEncoder().encode(text);
      expect(wire(bytes)).toBe('refused');
    }
  });

  it('agrees with the schema on damaged real payloads: cut short, bytes changed (metrics read in place must stay inside their length)', () => {
    const rand = seededRandom(29);
    const T = 1_700_000_000_000;
    const good = encode({
      timestamp: T,
      seq: 9,
      metrics: [
        { name: 'f', alias: 1, type: 'Float', value: 1.5, timestamp: T },
        { name: 'd', alias: 2, type: 'Double', value: 2.5 },
        { name: 's', alias: 3, type: 'String', value: 'text' },
        { alias: 4, type: 'Int64', value: -7 },
        { name: 'b', type: 'Boolean', value: true },
      ],
    });
    let read = 0;
    for (let i = 0; i < 3000; i++) {
      const bytes = damagedCopy(good, i, rand);
      const o = oracle(bytes);
      const w = readPayloadWire(bytes);
      // Never accepts what the schema refuses, never reads other values; it may be stricter
      // (a wrong wire type, a field running past its metric where fromBinary reads on).
      if (o === 'refused') expect(typeof w).toBe('string');
      else if (typeof w !== 'string') {
        expect(w).toEqual(o);
        read++;
      }
    }
    expect(read).toBeGreaterThan(100);
    // A metric of 4 bytes whose name says 4 bytes follow (only 2 do): read unbounded, the name
    // would swallow the next 2 bytes and the payload would parse (seq 9), as fromBinary does.
    // A metric's fields must lie inside its length: refused.
    const overrun = Uint8Array.from([0x12, 0x04, 0x0a, 0x04, 0x41, 0x42, 0x43, 0x44, 0x18, 0x09]);
    expect(readPayloadWire(overrun)).toBe('premature EOF');
    // A float whose 4 bytes run past its 3-byte metric, likewise.
    const floatOverrun = Uint8Array.from([0x12, 0x03, 0x65, 0x00, 0x00, 0x00, 0x00, 0x18, 0x09]);
    expect(readPayloadWire(floatOverrun)).toBe('premature EOF');
  });

  it('walks DataSet and Template values as the schema does: the counts it shows, extensions passed over, damage refused', () => {
    const T = 1_700_000_000_000;
    const good = encode({
      timestamp: T,
      seq: 3,
      metrics: [
        { name: 'ds', type: 'DataSet', value: { numOfColumns: 3, columns: ['a', 'b', 'c'], types: ['Int32', 'String', 'Double'], rows: [[1, 'x', 0.5], [2, 'y', 1.5], [3, 'ü', 2.5]] } },
        {
          name: 'tpl',
          type: 'Template',
          value: {
            version: 'v1',
            templateRef: 'Motor',
            isDefinition: false,
            metrics: [
              { name: 'speed', type: 'Float', value: 1.5, properties: { unit: { type: 'String', value: 'rpm' } } },
              { name: 'rows', type: 'DataSet', value: { numOfColumns: 1, columns: ['n'], types: ['Int64'], rows: [[7], [8]] } },
              { name: 'inner', type: 'Template', value: { isDefinition: true, metrics: [{ name: 'm', type: 'Int32', value: 1 }], parameters: [] } },
            ],
            parameters: [{ name: 'p', type: 'Int32', value: 4 }],
          },
        },
        { name: 'after', type: 'Int32', value: 9 },
      ],
    });
    const read = wire(good);
    expect(read).toEqual(oracle(good));
    expect(read !== 'refused' && read.metrics.map((m) => m.value)).toEqual([
      { case: 'datasetValue', columns: 3, rows: 3 },
      { case: 'templateValue', metrics: 3 },
      { case: 'intValue', value: 9 },
    ]);

    // An extension field (20) inside the DataSet as a group with a varint in it, and one as a
    // length-delimited field: unknown fields of an extendable message, read past by both.
    const extended = Uint8Array.from([
      0x12, 0x10, // metric, 16 bytes
      0x8a, 0x01, 0x0d, // dataset_value (17), 13 bytes
      0x12, 0x01, 0x61, // columns: "a"
      0xa3, 0x01, 0x08, 0x05, 0xa4, 0x01, // field 20 as a group holding field 1 = 5
      0xaa, 0x01, 0x01, 0x00, // field 21, length-delimited, 1 byte
    ]);
    expect(wire(extended)).toEqual(oracle(extended));
    expect(wire(extended)).toEqual({ metrics: [{ value: { case: 'datasetValue', columns: 1, rows: 0 } }] });

    // Damaged copies: never accepts what the schema refuses, never reads other counts.
    const rand = seededRandom(41);
    let both = 0;
    let refusedByOracle = 0;
    for (let i = 0; i < 4000; i++) {
      const bytes = damagedCopy(good, i, rand);
      const o = oracle(bytes);
      const w = readPayloadWire(bytes);
      if (o === 'refused') {
        expect(typeof w, `damaged copy ${i}`).toBe('string');
        refusedByOracle++;
      } else if (typeof w !== 'string') {
        expect(w).toEqual(o);
        both++;
      }
    }
    expect(both).toBeGreaterThan(100);
    expect(refusedByOracle).toBeGreaterThan(1000);
  });
});
