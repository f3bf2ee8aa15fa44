import { describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { ProtobufDecoder } from './protobuf-decoder';
import { compileProtos, describeProblem } from './proto-schema';
import type { ProtoFile } from '../../core/protobuf-decoders';

const COMMON: ProtoFile = {
  name: 'common.proto',
  text: `syntax = "proto3";
package common;
message Tag { string name = 1; }
`,
};

const READING: ProtoFile = {
  name: 'reading.proto',
  text: `syntax = "proto3";
package factory;
import "common.proto";
import "google/protobuf/timestamp.proto";

enum Unit { UNIT_UNSPECIFIED = 0; CELSIUS = 1; BAR = 2; }

message Reading {
  string sensor = 1;
  double value = 2;
  int64 count = 3;
  repeated int32 samples = 4;
  map<string, int32> totals = 5;
  Unit unit = 6;
  oneof source { string device = 7; int32 channel = 8; }
  optional int32 quality = 9;
  google.protobuf.Timestamp at = 10;
  message Inner { bytes raw = 1; repeated Unit units = 2; }
  Inner inner = 11;
  repeated common.Tag tags = 12;
  uint64 big = 13;
  sint32 delta = 14;
  bool ok = 15;
  float ratio = 16;
  map<int32, Inner> parts = 17;
}
`,
};

/** The reference encoder: protobufjs's own (its generated code runs in Node, where eval is fine). */
function encode(files: ProtoFile[], type: string, value: Record<string, unknown>): Uint8Array {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => target;
  for (const f of files) protobuf.parse(f.text, root, { keepCase: true });
  root.addJSON(protobuf.common.get('google/protobuf/timestamp.proto')!.nested!);
  root.resolveAll();
  const T = root.lookupType(type);
  return T.encode(T.fromObject(value)).finish();
}

const decoder = () => new ProtobufDecoder();

describe('.proto files', () => {
  it('compile together (imports between uploaded files, well-known types) and list every message type', () => {
    const c = compileProtos([READING, COMMON]);
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.messageTypes).toEqual(['common.Tag', 'factory.Reading', 'factory.Reading.Inner']);
  });

  it('name the file, line and column of a syntax error', () => {
    const bad: ProtoFile = { name: 'bad.proto', text: 'syntax = "proto3";\nmessage A {\n  int32 x = 1\n  strin y = 2;\n}\n' };
    const c = compileProtos([bad]);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.problem).toMatchObject({ file: 'bad.proto', line: 4, column: 3 });
      expect(describeProblem(c.problem)).toBe("bad.proto, line 4, column 3: illegal token 'strin', ';' expected");
    }
  });

  it('name the line of an unknown type and of a missing import', () => {
    const unknown = compileProtos([{ name: 'u.proto', text: 'syntax = "proto3";\npackage p;\nmessage A {\n  int32 x = 1;\n  Missing y = 2;\n}\n' }]);
    expect(unknown.ok || unknown.problem).toMatchObject({ file: 'u.proto', line: 5, column: 3 });
    const missing = compileProtos([READING]);
    expect(missing.ok || describeProblem(missing.problem)).toMatch(/^reading\.proto, line 3, column \d+: imports "common.proto", which is not uploaded/);
  });

  it('refuse a duplicate declaration across files, naming the line', () => {
    const c = compileProtos([COMMON, { name: 'again.proto', text: 'syntax = "proto3";\npackage common;\n\nmessage Tag { int32 id = 1; }\n' }]);
    expect(c.ok || c.problem).toMatchObject({ file: 'again.proto', line: 4 });
  });
});

describe('ProtobufDecoder', () => {
  const files = [COMMON, READING];

  it('decodes a payload encoded by protobufjs: nested, repeated, maps, enums, oneof, int64 as strings, bytes as base64, Timestamp', () => {
    const bytes = encode(files, 'factory.Reading', {
      sensor: 'line-1',
      value: 21.5,
      count: '9007199254740993',
      samples: [1, -2, 3],
      totals: { a: 1, b: 2 },
      unit: 1,
      channel: 4,
      quality: 0,
      at: { seconds: 1_700_000_000, nanos: 0 },
      inner: { raw: Uint8Array.from([1, 2, 255]), units: [2, 1] },
      tags: [{ name: 'x' }, { name: 'y' }],
      big: '18446744073709551615',
      delta: -7,
      ok: true,
      ratio: 0.5,
      parts: { 3: { raw: Uint8Array.from([9]) } },
    });
    const d = decoder().decode(files, 'factory.Reading', bytes);
    expect(d.error).toBeUndefined();
    expect(d.messageType).toBe('factory.Reading');
    expect(d.value).toEqual({
      sensor: 'line-1',
      value: 21.5,
      count: '9007199254740993',
      samples: [1, -2, 3],
      totals: { a: 1, b: 2 },
      unit: 'CELSIUS',
      channel: 4,
      quality: 0,
      at: '2023-11-14T22:13:20Z',
      inner: { raw: 'AQL/', units: ['BAR', 'CELSIUS'] },
      tags: [{ name: 'x' }, { name: 'y' }],
      big: '18446744073709551615',
      delta: -7,
      ok: true,
      ratio: 0.5,
      parts: { '3': { raw: 'CQ==', units: [] } },
    });
  });

  it('shows fields left at their default, and small int64 values as strings too (always strings)', () => {
    const d = decoder().decode(files, 'factory.Reading', encode(files, 'factory.Reading', { sensor: 's', count: 5 }));
    expect(d.value).toMatchObject({ sensor: 's', value: 0, count: '5', samples: [], unit: 'UNIT_UNSPECIFIED', ok: false });
    expect(d.value).not.toHaveProperty('quality'); // proto3 optional, not sent
    expect(d.value).not.toHaveProperty('device');
  });

  it('decodes a nested message type by its full name', () => {
    const d = decoder().decode(files, 'factory.Reading.Inner', encode(files, 'factory.Reading.Inner', { raw: Uint8Array.from([0xde, 0xad]) }));
    expect(d.value).toEqual({ raw: '3q0=', units: [] });
  });

  it('refuses a plain text payload with the reason instead of showing an empty message', () => {
    for (const text of ['hello', '{"value": 21.5}', 'ON', '21.5']) {
      const d = decoder().decode(files, 'factory.Reading', new TextEncoder().encode(text));
      expect(d.error, text).toMatch(/^not valid factory\.Reading: /);
      expect(d.value).toBeUndefined();
    }
  });

  it('refuses a field that arrives with the wrong wire type, naming it', () => {
    // field 1 (sensor, a string) as a varint
    const d = decoder().decode(files, 'factory.Reading', Uint8Array.from([0x08, 0x05]));
    expect(d.error).toBe('not valid factory.Reading: field sensor (1) came as varint, which its type cannot be');
  });

  it('keeps decoding with fields the schema does not name, and says so', () => {
    const known = encode(files, 'factory.Reading', { sensor: 's' });
    const bytes = new Uint8Array([...known, 0xa8, 0x06, 0x01]); // field 101, varint 1
    const d = decoder().decode(files, 'factory.Reading', bytes);
    expect(d.error).toBeUndefined();
    expect(d.notes).toEqual(['Field 101 of the payload is not in factory.Reading and not shown.']);
  });

  it('says when the type is unknown, none is chosen or the files do not compile', () => {
    expect(decoder().decode(files, 'factory.Nope', new Uint8Array()).error).toBe('not valid factory.Nope: no message type factory.Nope in the uploaded .proto files');
    expect(decoder().decode(files, undefined, new Uint8Array()).error).toBe('not valid Protobuf: no message type is chosen for this topic');
    expect(decoder().decode([READING], 'factory.Reading', new Uint8Array()).error).toMatch(/^not valid factory\.Reading: the \.proto files do not compile \(reading\.proto, line 3/);
  });

  it('decodes proto2 (required, groups, closed enums) and editions files', () => {
    const p2: ProtoFile = {
      name: 'p2.proto',
      text: 'syntax = "proto2";\npackage p2;\nenum E { A = 1; B = 2; }\nmessage M {\n  required int32 id = 1;\n  optional E e = 2;\n  repeated group Item = 3 { optional string label = 4; }\n  repeated int32 packed_no = 5;\n}\n',
    };
    const d = decoder().decode([p2], 'p2.M', encode([p2], 'p2.M', { id: 7, e: 2, item: [{ label: 'a' }], packed_no: [1, 2] }));
    expect(d.value).toEqual({ id: 7, e: 'B', item: [{ label: 'a' }], packed_no: [1, 2] });
    const ed: ProtoFile = { name: 'ed.proto', text: 'edition = "2023";\npackage ed;\nmessage M { int32 a = 1; string b = 2; repeated int32 c = 3; }\n' };
    const d2 = decoder().decode([ed], 'ed.M', encode([ed], 'ed.M', { a: 1, b: 'x', c: [4, 5] }));
    expect(d2.error).toBeUndefined();
    expect(d2.value).toEqual({ a: 1, b: 'x', c: [4, 5] });
  });
});
