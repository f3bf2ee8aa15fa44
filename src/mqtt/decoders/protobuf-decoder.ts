/**
 * Protocol Buffers decoding with the user's .proto files (issue 13), in the MQTT worker (and once
 * on the main thread for the message already shown, decode-once.ts); loaded only when a topic is
 * mapped to a message type. The files are compiled once per set (proto-schema.ts) and payloads
 * decoded reflectively by @bufbuild/protobuf (`fromBinary`, `toJson`: no generated code, no eval).
 *
 * Shown like proto3 JSON with the field names as written in the .proto: 64-bit integers as
 * strings (always), bytes as base64, enums by name, well-known types in their JSON form
 * (Timestamp as RFC 3339). Fields the sender left at their default are shown with it.
 *
 * Protobuf reads many byte strings as *some* message, so a payload is refused when a field the
 * schema names arrives with another wire type, or when none of its fields is in the schema:
 * a plain payload on a mapped topic is shown as it is, with the reason.
 */
import { fromBinary, toJson, type DescField, type DescMessage, type JsonValue, type Registry } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { ScalarType } from '@bufbuild/protobuf';
import type { DecodedPayload, JsonLike } from '../../core/decoded';
import type { ProtoFile } from '../../core/protobuf-decoders';
import { compileProtos, describeProblem, type ProtoCompiled } from './proto-schema';

const MAX_DEPTH = 64;

/** One compiled set of files at a time (the worker gets the whole set again when it changes). */
export class ProtobufDecoder {
  private files: readonly ProtoFile[] | undefined;
  private compiled: ProtoCompiled | undefined;

  decode(files: readonly ProtoFile[], messageType: string | undefined, bytes: Uint8Array): DecodedPayload {
    const type = messageType ?? '';
    const refuse = (why: string): DecodedPayload => ({ format: 'protobuf', messageType: type || undefined, error: `not valid ${type || 'Protobuf'}: ${why}` });
    if (!type) return refuse('no message type is chosen for this topic');
    if (files !== this.files) {
      this.files = files;
      this.compiled = compileProtos(files);
    }
    const compiled = this.compiled!;
    if (!compiled.ok) return refuse(`the .proto files do not compile (${describeProblem(compiled.problem)})`);
    const desc = compiled.registry.getMessage(type);
    if (!desc) return refuse(`no message type ${type} in the uploaded .proto files`);
    return decodeMessage(desc, bytes, compiled.registry);
  }
}

export function decodeMessage(desc: DescMessage, bytes: Uint8Array, registry?: Registry): DecodedPayload {
  const type = desc.typeName;
  const refuse = (why: string): DecodedPayload => ({ format: 'protobuf', messageType: type, error: `not valid ${type}: ${why}` });
  const seen = { known: 0, unknown: new Set<number>() };
  try {
    checkWire(desc, new BinaryReader(bytes), bytes.length, 0, seen);
  } catch (e) {
    return refuse((e as Error)?.message || String(e));
  }
  if (seen.known === 0 && seen.unknown.size > 0) return refuse(`none of its fields is in the schema (field ${[...seen.unknown].slice(0, 5).join(', ')})`);
  let value: JsonValue;
  try {
    value = toJson(desc, fromBinary(desc, bytes), { registry, useProtoFieldName: true, alwaysEmitImplicit: true });
  } catch (e) {
    return refuse((e as Error)?.message || String(e));
  }
  const notes: string[] = [];
  if (seen.unknown.size > 0) {
    const nums = [...seen.unknown].sort((a, b) => a - b);
    notes.push(`${nums.length === 1 ? 'Field' : 'Fields'} ${nums.slice(0, 10).join(', ')}${nums.length > 10 ? ', …' : ''} of the payload ${nums.length === 1 ? 'is' : 'are'} not in ${type} and not shown.`);
  }
  return { format: 'protobuf', messageType: type, value: value as JsonLike, ...(notes.length ? { notes } : {}) };
}

const WIRE_NAME: Record<number, string> = {
  [WireType.Varint]: 'varint',
  [WireType.Bit64]: '64-bit',
  [WireType.LengthDelimited]: 'length-delimited',
  [WireType.StartGroup]: 'group',
  [WireType.EndGroup]: 'end group',
  [WireType.Bit32]: '32-bit',
};

function scalarWire(s: ScalarType): WireType {
  switch (s) {
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return WireType.Bit64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return WireType.Bit32;
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WireType.LengthDelimited;
    default:
      return WireType.Varint;
  }
}

/** The wire types a field may arrive with (repeated numbers may come packed). */
function wireOk(f: DescField, wt: WireType): boolean {
  switch (f.fieldKind) {
    case 'scalar':
      return wt === scalarWire(f.scalar);
    case 'enum':
      return wt === WireType.Varint;
    case 'message':
      return wt === (f.delimitedEncoding ? WireType.StartGroup : WireType.LengthDelimited);
    case 'map':
      return wt === WireType.LengthDelimited;
    case 'list':
      if (f.listKind === 'message') return wt === (f.delimitedEncoding ? WireType.StartGroup : WireType.LengthDelimited);
      if (f.listKind === 'enum') return wt === WireType.Varint || wt === WireType.LengthDelimited;
      return wt === scalarWire(f.scalar) || (wt === WireType.LengthDelimited && f.scalar !== ScalarType.STRING && f.scalar !== ScalarType.BYTES);
  }
}

const byNumber = new WeakMap<DescMessage, Map<number, DescField>>();
function fieldsOf(desc: DescMessage): Map<number, DescField> {
  let m = byNumber.get(desc);
  if (!m) {
    m = new Map(desc.fields.map((f) => [f.number, f]));
    byNumber.set(desc, m);
  }
  return m;
}

/** Walks the wire records: every field the schema names must come with its wire type (nested messages too). */
function checkWire(desc: DescMessage, r: BinaryReader, end: number, depth: number, seen: { known: number; unknown: Set<number> }): void {
  if (depth > MAX_DEPTH) throw new Error('nested too deep');
  const fields = fieldsOf(desc);
  while (r.pos < end) {
    const [no, wt] = r.tag();
    if (no <= 0) throw new Error('field number 0 is not allowed');
    const f = fields.get(no);
    if (!f) {
      if (depth === 0) seen.unknown.add(no);
      r.skip(wt, no);
      continue;
    }
    if (!wireOk(f, wt)) throw new Error(`field ${f.name} (${no}) came as ${WIRE_NAME[wt] ?? `wire type ${wt}`}, which its type cannot be`);
    if (depth === 0) seen.known++;
    const nested = wt === WireType.LengthDelimited && (f.fieldKind === 'message' || (f.fieldKind === 'list' && f.listKind === 'message')) ? f.message : undefined;
    if (nested) {
      const len = r.uint32();
      const start = r.pos;
      if (start + len > r.len) throw new Error(`field ${f.name} (${no}) runs past the end of the payload`);
      checkWire(nested, r, start + len, depth + 1, seen);
      r.pos = start + len;
    } else r.skip(wt, no);
  }
  if (r.pos > end) throw new Error('a field runs past the end of the payload');
}
