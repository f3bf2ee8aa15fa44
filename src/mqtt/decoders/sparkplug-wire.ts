/**
 * The Sparkplug B payload read field by field with @bufbuild/protobuf's BinaryReader, by the
 * field numbers of Eclipse Tahu's sparkplug_b.proto (proto/): faster than the generated schema's
 * reflection-based fromBinary() plus its presence checks for the Payload and its Metrics, which
 * are most of every message (issue 13's 5,000 DDATA/s; ~5–8 instead of ~8–20 µs for 10 metrics
 * in Node), and stricter: a known field with the wrong wire type is refused, not read anyway.
 * DataSet and Template values — rare — go through the generated schema. sparkplug-wire.test.ts
 * checks it against fromBinary().
 */
import { fromBinary } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import type { RawMetric, RawPayload, RawValue } from '../../core/sparkplug';
import { Payload_DataSetSchema, Payload_TemplateSchema } from './gen/sparkplug_b_pb';

const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'start group', 'end group', '32-bit'];

class NotSparkplug extends Error {}

function want(wt: WireType, expected: WireType, no: number): void {
  if (wt !== expected) throw new NotSparkplug(`field ${no} is ${WIRE_NAMES[wt] ?? `wire type ${wt}`}, not ${WIRE_NAMES[expected]}`);
}

const u64 = (r: BinaryReader): bigint => {
  const v = r.uint64();
  return typeof v === 'bigint' ? v : BigInt(v);
};

function readMetric(bytes: Uint8Array): RawMetric {
  const r = new BinaryReader(bytes);
  const m: RawMetric = { value: { case: undefined } };
  let value: RawValue = { case: undefined };
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    switch (no) {
      case 1: want(wt, WireType.LengthDelimited, no); m.name = r.string(); break;
      case 2: want(wt, WireType.Varint, no); m.alias = u64(r); break;
      case 3: want(wt, WireType.Varint, no); m.timestamp = u64(r); break;
      case 4: want(wt, WireType.Varint, no); m.datatype = r.uint32(); break;
      case 5: want(wt, WireType.Varint, no); m.isHistorical = r.bool(); break;
      case 6: want(wt, WireType.Varint, no); m.isTransient = r.bool(); break;
      case 7: want(wt, WireType.Varint, no); m.isNull = r.bool(); break;
      case 8: // metadata
      case 9: // properties (not shown in this slice)
        want(wt, WireType.LengthDelimited, no);
        r.skip(wt, no);
        break;
      case 10: want(wt, WireType.Varint, no); value = { case: 'intValue', value: r.uint32() }; break;
      case 11: want(wt, WireType.Varint, no); value = { case: 'longValue', value: u64(r) }; break;
      case 12: want(wt, WireType.Bit32, no); value = { case: 'floatValue', value: r.float() }; break;
      case 13: want(wt, WireType.Bit64, no); value = { case: 'doubleValue', value: r.double() }; break;
      case 14: want(wt, WireType.Varint, no); value = { case: 'booleanValue', value: r.bool() }; break;
      case 15: want(wt, WireType.LengthDelimited, no); value = { case: 'stringValue', value: r.string() }; break;
      case 16: want(wt, WireType.LengthDelimited, no); value = { case: 'bytesValue', value: r.bytes() }; break;
      case 17: {
        want(wt, WireType.LengthDelimited, no);
        const ds = fromBinary(Payload_DataSetSchema, r.bytes());
        value = { case: 'datasetValue', columns: ds.columns.length, rows: ds.rows.length };
        break;
      }
      case 18: {
        want(wt, WireType.LengthDelimited, no);
        value = { case: 'templateValue', metrics: fromBinary(Payload_TemplateSchema, r.bytes()).metrics.length };
        break;
      }
      case 19: want(wt, WireType.LengthDelimited, no); r.skip(wt, no); value = { case: 'extensionValue' }; break;
      default:
        throw new NotSparkplug(`field ${no} is not part of the Sparkplug B schema`);
    }
  }
  m.value = value;
  return m;
}

/** The payload's fields, or why they are not a Sparkplug B payload (without the "not valid" prefix). */
export function readPayloadWire(bytes: Uint8Array): RawPayload | string {
  try {
    const r = new BinaryReader(bytes);
    const out: RawPayload = { metrics: [] };
    while (r.pos < r.len) {
      const [no, wt] = r.tag();
      switch (no) {
        case 1: want(wt, WireType.Varint, no); out.timestamp = u64(r); break;
        case 2: want(wt, WireType.LengthDelimited, no); out.metrics.push(readMetric(r.bytes())); break;
        case 3: want(wt, WireType.Varint, no); out.seq = u64(r); break;
        case 4: want(wt, WireType.LengthDelimited, no); out.uuid = r.string(); break;
        case 5: want(wt, WireType.LengthDelimited, no); r.skip(wt, no); break; // body
        default:
          throw new NotSparkplug(`field ${no} is not part of the Sparkplug B schema`);
      }
    }
    return out;
  } catch (e) {
    return (e as Error)?.message || String(e);
  }
}
