/**
 * The Sparkplug B payload read field by field by the field numbers of Eclipse Tahu's
 * sparkplug_b.proto (proto/), straight from the bytes: faster than the generated schema's
 * reflection-based fromBinary() plus its presence checks (~5–8 instead of ~8–20 µs for 10 metrics
 * in Node), and stricter: a known field with the wrong wire type is refused, not read anyway.
 * The reads follow @bufbuild/protobuf's BinaryReader (varints, bounds, UTF-8), but a 64-bit
 * varint becomes a number whenever it is one exactly (a bigint only beyond 2^53), so the
 * aliases, timestamps and seq of issue 13's 5,000 DDATA/s make no bigint (one per field cost
 * more than the rest of the read). DataSet and Template values — rare — are walked by the small
 * schema table below (every nested message checked as fromBinary() reads it, only the counts kept),
 * so the worker's Sparkplug chunk carries no @bufbuild/protobuf: 3.8 KB gzip instead of 21 KB, which
 * a first load where Sparkplug arrives before the first row fetches (docs/performance.md, "Where
 * each target stands"). sparkplug-wire.test.ts checks it against fromBinary().
 */
import type { RawMetric, RawPayload, RawValue } from '../../core/sparkplug';

const VARINT = 0;
const BIT64 = 1;
const LENGTH_DELIMITED = 2;
const BIT32 = 5;
const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'start group', 'end group', '32-bit'];

class NotSparkplug extends Error {}

function want(wt: number, expected: number, no: number): void {
  if (wt !== expected) throw new NotSparkplug(`field ${no} is ${WIRE_NAMES[wt] ?? `wire type ${wt}`}, not ${WIRE_NAMES[expected]}`);
}

const utf8 = new TextDecoder();
/** Fixed-size values go through these 8 bytes (a DataView per payload cost more than the rest of a metric's read). */
const scratch = new ArrayBuffer(8);
const scratchBytes = new Uint8Array(scratch);
const scratchF32 = new Float32Array(scratch);
const scratchF64 = new Float64Array(scratch);
/** Protobuf's fixed-size values are little-endian; so is every platform this runs on, but check. */
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** 2^53 − 1 split: a 64-bit varint whose high word is at most this is a safe integer. */
const SAFE_HI = 0x1fffff;
const TWO_32 = 4294967296;

/**
 * A cursor over one payload. `len` is the bound reads are checked against (set to a metric's
 * end while reading it, so that a field cannot run past its metric), as BinaryReader's.
 */
class Reader {
  pos = 0;
  len: number;
  constructor(readonly buf: Uint8Array) {
    this.len = buf.length;
  }

  private bounds(): void {
    if (this.pos > this.len) throw new RangeError('premature EOF');
  }

  /** BinaryReader.uint32(): a varint of up to 10 bytes, its low 32 bits. */
  uint32(): number {
    const buf = this.buf;
    let b = buf[this.pos++];
    if ((b & 0x80) === 0) {
      this.bounds();
      return b & 0x7f; // `undefined` past the end reads as 0 (then the bounds throw)
    }
    let result = b & 0x7f;
    for (let shift = 7; shift < 28; shift += 7) {
      b = buf[this.pos++];
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        this.bounds();
        return result;
      }
    }
    b = buf[this.pos++];
    result |= (b & 0x0f) << 28;
    for (let read = 5; (b & 0x80) !== 0 && read < 10; read++) b = buf[this.pos++];
    if ((b & 0x80) !== 0) throw new Error('invalid varint');
    this.bounds();
    return result >>> 0;
  }

  /** BinaryReader.uint64() as a number when it is exactly one, else a bigint. */
  uint64(): number | bigint {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    let done = false;
    for (let shift = 0; shift < 28; shift += 7) {
      b = buf[pos++];
      lo |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        done = true;
        break;
      }
    }
    if (!done) {
      b = buf[pos++];
      lo |= (b & 0x0f) << 28;
      hi = (b & 0x70) >> 4;
      if ((b & 0x80) !== 0) {
        for (let shift = 3; ; shift += 7) {
          if (shift > 31) throw new Error('invalid varint');
          b = buf[pos++];
          hi |= (b & 0x7f) << shift;
          if ((b & 0x80) === 0) break;
        }
      }
    }
    this.pos = pos;
    this.bounds();
    const h = hi >>> 0;
    if (h <= SAFE_HI) return h * TWO_32 + (lo >>> 0);
    return (BigInt(h) << 32n) | BigInt(lo >>> 0);
  }

  bool(): boolean {
    const b = this.buf[this.pos];
    if (b < 0x80) {
      this.pos++;
      return b !== 0;
    }
    const v = this.uint64();
    return v !== 0 && v !== 0n;
  }

  /** `n` bytes into the scratch, in little-endian order; past the buffer's end: RangeError, like a DataView's. */
  private fixed(n: 4 | 8): void {
    const start = this.pos;
    if (start + n > this.buf.length) throw new RangeError('Offset is outside the bounds of the DataView');
    const buf = this.buf;
    if (LITTLE) for (let i = 0; i < n; i++) scratchBytes[i] = buf[start + i];
    else for (let i = 0; i < n; i++) scratchBytes[n - 1 - i] = buf[start + i];
    this.pos = start + n;
  }

  float(): number {
    this.fixed(4);
    return scratchF32[0];
  }

  double(): number {
    this.fixed(8);
    return scratchF64[0];
  }

  bytes(): Uint8Array {
    const len = this.uint32();
    const start = this.pos;
    this.pos += len;
    this.bounds();
    return this.buf.subarray(start, start + len);
  }

  string(): string {
    const len = this.uint32();
    const start = this.pos;
    this.pos += len;
    this.bounds();
    const buf = this.buf;
    if (len <= 32) {
      let s = '';
      for (let i = start; i < start + len; i++) {
        const c = buf[i];
        if (c > 0x7f) return utf8.decode(buf.subarray(start, start + len));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return utf8.decode(buf.subarray(start, start + len));
  }

  /** A length-delimited field passed over. */
  skipDelimited(): void {
    const len = this.uint32();
    this.pos += len;
    this.bounds();
  }

  /** BinaryReader.tag() as one number (`tag >>> 3` is the field, `tag & 7` the wire type), checked the same way. */
  tag(): number {
    const start = this.pos;
    const t = this.uint32();
    const read = this.pos - start;
    if (read > 5 || (read === 5 && this.buf[this.pos - 1] > 0x0f)) throw new Error('illegal tag: varint overflows uint32');
    if (t >>> 3 <= 0 || (t & 7) > 5) throw new Error(`illegal tag: field no ${t >>> 3} wire type ${t & 7}`);
    return t;
  }
}

/**
 * The nested messages of sparkplug_b.proto that a DataSet or Template value holds, field by field:
 * V a varint, F32 / F64 a fixed-size value, LD bytes or a string (passed over), PACKED a repeated
 * uint32 (packed or not), or the name of the message a length-delimited field holds. Fields not
 * listed are the messages' extension ranges: passed over by their wire type, as fromBinary() keeps
 * them as unknown fields. (The Sparkplug payload and its metrics are read by the code below.)
 */
const V = 0;
const F32 = 1;
const F64 = 2;
const LD = 3;
const PACKED = 4;
type FieldKind = typeof V | typeof F32 | typeof F64 | typeof LD | typeof PACKED | Nested;
type Nested = 'DataSet' | 'DataSetValue' | 'Row' | 'Template' | 'Parameter' | 'Metric' | 'MetaData' | 'PropertySet' | 'PropertyValue' | 'PropertySetList' | 'Extension';
const SCHEMA: Record<Nested, Record<number, FieldKind>> = {
  DataSet: { 1: V, 2: LD, 3: PACKED, 4: 'Row' },
  Row: { 1: 'DataSetValue' },
  DataSetValue: { 1: V, 2: V, 3: F32, 4: F64, 5: V, 6: LD, 7: 'Extension' },
  Template: { 1: LD, 2: 'Metric', 3: 'Parameter', 4: LD, 5: V },
  Parameter: { 1: LD, 2: V, 3: V, 4: V, 5: F32, 6: F64, 7: V, 8: LD, 9: 'Extension' },
  Metric: { 1: LD, 2: V, 3: V, 4: V, 5: V, 6: V, 7: V, 8: 'MetaData', 9: 'PropertySet', 10: V, 11: V, 12: F32, 13: F64, 14: V, 15: LD, 16: LD, 17: 'DataSet', 18: 'Template', 19: 'Extension' },
  MetaData: { 1: V, 2: LD, 3: V, 4: V, 5: LD, 6: LD, 7: LD, 8: LD },
  PropertySet: { 1: LD, 2: 'PropertyValue' },
  PropertyValue: { 1: V, 2: V, 3: V, 4: V, 5: F32, 6: F64, 7: V, 8: LD, 9: 'PropertySet', 10: 'PropertySetList', 11: 'Extension' },
  PropertySetList: { 1: 'PropertySet' },
  Extension: {},
};
const WIRE_OF: Record<typeof V | typeof F32 | typeof F64 | typeof LD, number> = { [V]: VARINT, [F32]: BIT32, [F64]: BIT64, [LD]: LENGTH_DELIMITED };
/** Deeper than this a DataSet or Template is refused (fromBinary has no limit; a stack has). */
const MAX_DEPTH = 32;
const START_GROUP = 3;
const END_GROUP = 4;

/** Passes over one field of wire type `wt` (an unknown one), groups included, as BinaryReader.skip(). */
function skipField(r: Reader, wt: number, no: number, depth: number): void {
  switch (wt) {
    case VARINT: r.uint64(); break;
    case BIT64: r.pos += 8; break;
    case BIT32: r.pos += 4; break;
    case LENGTH_DELIMITED: r.skipDelimited(); break;
    case START_GROUP: {
      if (depth > MAX_DEPTH) throw new NotSparkplug('nested too deep');
      for (;;) {
        const t = r.tag();
        if ((t & 7) === END_GROUP) {
          if (t >>> 3 !== no) throw new Error('invalid end group tag');
          break;
        }
        skipField(r, t & 7, t >>> 3, depth + 1);
      }
      break;
    }
    default:
      throw new Error(`cant skip wire type ${wt}`);
  }
  if (r.pos > r.len) throw new RangeError('premature EOF');
}

/**
 * A length-delimited `message` at the reader, walked and checked to its end; returns how many
 * times each field number occurred (a repeated field's count), which is all the caller shows.
 */
function walkNested(r: Reader, message: Nested, depth = 0): Record<number, number> {
  if (depth > MAX_DEPTH) throw new NotSparkplug('nested too deep');
  const length = r.uint32();
  const end = r.pos + length;
  const outer = r.len;
  if (end > outer) throw new RangeError('premature EOF');
  r.len = end;
  const schema = SCHEMA[message];
  const counts: Record<number, number> = {};
  while (r.pos < end) {
    const t = r.tag();
    const no = t >>> 3;
    const wt = t & 7;
    const kind = schema[no];
    if (kind === undefined) {
      skipField(r, wt, no, depth);
      continue;
    }
    counts[no] = (counts[no] ?? 0) + 1;
    if (typeof kind === 'string') {
      want(wt, LENGTH_DELIMITED, no);
      walkNested(r, kind, depth + 1);
    } else if (kind === PACKED) {
      if (wt === LENGTH_DELIMITED) {
        const packedEnd = r.pos + r.uint32();
        if (packedEnd > end) throw new RangeError('premature EOF');
        while (r.pos < packedEnd) r.uint32();
        if (r.pos > packedEnd) throw new RangeError('premature EOF');
      } else {
        want(wt, VARINT, no);
        r.uint32();
      }
    } else {
      want(wt, WIRE_OF[kind], no);
      if (kind === LD) r.skipDelimited();
      else if (kind === V) r.uint64();
      else r.pos += kind === F32 ? 4 : 8;
      if (r.pos > end) throw new RangeError('premature EOF');
    }
  }
  r.len = outer;
  return counts;
}

/**
 * One Metric, read in place up to `end` (the reader's bound meanwhile). After a throw the reader
 * is not used again (readPayloadWire gives up on the payload), so its bound is restored only on
 * success.
 */
function readMetric(r: Reader, end: number): RawMetric {
  const outer = r.len;
  if (end > outer) throw new RangeError('premature EOF');
  r.len = end;
  const m: RawMetric = { value: { case: undefined } };
  let value: RawValue = { case: undefined };
  while (r.pos < end) {
    const t = r.tag();
    const no = t >>> 3;
    const wt = t & 7;
    switch (no) {
      case 1: want(wt, LENGTH_DELIMITED, no); m.name = r.string(); break;
      case 2: want(wt, VARINT, no); m.alias = r.uint64(); break;
      case 3: want(wt, VARINT, no); m.timestamp = r.uint64(); break;
      case 4: want(wt, VARINT, no); m.datatype = r.uint32(); break;
      case 5: want(wt, VARINT, no); m.isHistorical = r.bool(); break;
      case 6: want(wt, VARINT, no); m.isTransient = r.bool(); break;
      case 7: want(wt, VARINT, no); m.isNull = r.bool(); break;
      case 8: // metadata
      case 9: // properties (not shown in this slice)
        want(wt, LENGTH_DELIMITED, no);
        r.skipDelimited();
        break;
      case 10: want(wt, VARINT, no); value = { case: 'intValue', value: r.uint32() }; break;
      case 11: want(wt, VARINT, no); value = { case: 'longValue', value: r.uint64() }; break;
      case 12: want(wt, BIT32, no); value = { case: 'floatValue', value: r.float() }; break;
      case 13: want(wt, BIT64, no); value = { case: 'doubleValue', value: r.double() }; break;
      case 14: want(wt, VARINT, no); value = { case: 'booleanValue', value: r.bool() }; break;
      case 15: want(wt, LENGTH_DELIMITED, no); value = { case: 'stringValue', value: r.string() }; break;
      case 16: want(wt, LENGTH_DELIMITED, no); value = { case: 'bytesValue', value: r.bytes() }; break;
      case 17: {
        want(wt, LENGTH_DELIMITED, no);
        const counts = walkNested(r, 'DataSet');
        value = { case: 'datasetValue', columns: counts[2] ?? 0, rows: counts[4] ?? 0 };
        break;
      }
      case 18: {
        want(wt, LENGTH_DELIMITED, no);
        value = { case: 'templateValue', metrics: walkNested(r, 'Template')[2] ?? 0 };
        break;
      }
      case 19: want(wt, LENGTH_DELIMITED, no); r.skipDelimited(); value = { case: 'extensionValue' }; break;
      default:
        throw new NotSparkplug(`field ${no} is not part of the Sparkplug B schema`);
    }
  }
  // A fixed-size value (float, double) at the very end may have been read past `end`.
  if (r.pos > end) throw new RangeError('premature EOF');
  r.len = outer;
  m.value = value;
  return m;
}

/** The payload's fields, or why they are not a Sparkplug B payload (without the "not valid" prefix). */
export function readPayloadWire(bytes: Uint8Array): RawPayload | string {
  try {
    const r = new Reader(bytes);
    const out: RawPayload = { metrics: [] };
    while (r.pos < r.len) {
      const t = r.tag();
      const no = t >>> 3;
      const wt = t & 7;
      switch (no) {
        case 1: want(wt, VARINT, no); out.timestamp = r.uint64(); break;
        case 2: {
          want(wt, LENGTH_DELIMITED, no);
          const length = r.uint32();
          out.metrics.push(readMetric(r, r.pos + length));
          break;
        }
        case 3: want(wt, VARINT, no); out.seq = r.uint64(); break;
        case 4: want(wt, LENGTH_DELIMITED, no); out.uuid = r.string(); break;
        case 5: want(wt, LENGTH_DELIMITED, no); r.skipDelimited(); break; // body
        default:
          throw new NotSparkplug(`field ${no} is not part of the Sparkplug B schema`);
      }
    }
    return out;
  } catch (e) {
    return (e as Error)?.message || String(e);
  }
}
