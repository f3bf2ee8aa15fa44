import { describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { DecodeControl } from './decode-control';
import type { IncomingMessage } from '../batcher';
import type { ProtoFile } from '../../core/protobuf-decoders';

const FILE: ProtoFile = { name: 'reading.proto', text: 'syntax = "proto3";\npackage factory;\nmessage Reading { string sensor = 1; double value = 2; }\nmessage Other { int32 n = 1; }\n' };

function encodeReading(sensor: string, value: number): Uint8Array {
  const root = protobuf.parse(FILE.text, { keepCase: true }).root;
  const T = root.lookupType('factory.Reading');
  return T.encode(T.create({ sensor, value })).finish();
}

const msg = (topic: string, payload: Uint8Array): IncomingMessage => ({ topic, payload, qos: 0, retain: false, time: 0 });

async function run(rules: Parameters<DecodeControl['command']>[0]['rules'], topic: string, payload: Uint8Array, proto: ProtoFile[] = [FILE]) {
  const out: IncomingMessage[] = [];
  const control = new DecodeControl((m) => out.push(m));
  control.command({ type: 'decode-rules', rules, proto });
  control.add(msg(topic, payload));
  for (let i = 0; i < 50 && out.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  return out[0];
}

describe('DecodeControl with protobuf mappings (the real decoder, loaded on first need)', () => {
  it('decodes a mapped topic as its message type with the files the command carried', async () => {
    const m = await run([{ filter: 'factory/+/reading', format: 'protobuf', messageType: 'factory.Reading' }], 'factory/line-1/reading', encodeReading('s1', 21.5));
    expect(m.decoded).toEqual({ format: 'protobuf', messageType: 'factory.Reading', value: { sensor: 's1', value: 21.5 } });
  });

  it('the first matching rule wins: a Text choice for the exact topic (null) keeps a later mapping off', async () => {
    const rules = [
      { filter: 'factory/line-1/reading', format: null },
      { filter: 'factory/+/reading', format: 'protobuf' as const, messageType: 'factory.Reading' },
    ];
    expect((await run(rules, 'factory/line-1/reading', encodeReading('s1', 1))).decoded).toBeUndefined();
    expect((await run(rules, 'factory/line-2/reading', encodeReading('s2', 2))).decoded?.value).toEqual({ sensor: 's2', value: 2 });
  });

  it('a plain payload on a mapped topic keeps its bytes and gets the reason', async () => {
    const payload = new TextEncoder().encode('offline');
    const m = await run([{ filter: 'factory/#', format: 'protobuf', messageType: 'factory.Reading' }], 'factory/x', payload);
    expect(m.payload).toBe(payload);
    expect(m.decoded?.error).toMatch(/^not valid factory\.Reading: /);
  });
});
