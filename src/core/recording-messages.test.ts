import { describe, expect, it } from 'vitest';
import { PAYLOAD_KEEP_LIMIT } from './message';
import type { RecordedMessage } from './recording-format';
import { packChunk, unpackChunk } from './recording-chunk';
import { PackedMessages } from './recording-messages';

const enc = new TextEncoder();

const messages: RecordedMessage[] = [
  { time: 1000.5, topic: 'plant/ü/temp', qos: 0, retain: false, payload: enc.encode('21.5') },
  { time: 1001, topic: '', qos: 1, retain: true, payload: new Uint8Array([0, 255, 10]) },
  {
    time: 1002,
    topic: 'props',
    qos: 2,
    retain: false,
    payload: new Uint8Array(0),
    properties: { contentType: 'text/plain', correlationData: new Uint8Array([1, 2]), userProperties: { a: ['1', '2'], b: 'x' } },
  },
];

describe('PackedMessages', () => {
  it('reads every message of stored chunks as unpackChunk does, by batch and offset', () => {
    const store = new PackedMessages();
    const a = packChunk(messages);
    const b = packChunk(messages.slice(1));
    expect(store.add(a).map((m) => [m.time, m.topic, m.retain, m.payload.length])).toEqual(
      messages.map((m) => [m.time, m.topic, m.retain, m.payload.length]),
    );
    store.add(b);
    expect(store.length).toBe(5);
    for (const [batch, blob] of [a, b].entries()) {
      unpackChunk(blob).forEach((m, offset) => {
        const got = store.message(batch, offset);
        expect(got).toEqual({ ...m, payload: m.payload, size: m.payload.length });
      });
    }
    expect(() => store.message(1, 2)).toThrow(RangeError);
  });

  it('keeps a payload over 1 MiB cut, with its real size, as the live ingest does', () => {
    const store = new PackedMessages();
    const big = new Uint8Array(PAYLOAD_KEEP_LIMIT + 10).fill(7);
    store.add(packChunk([{ time: 1, topic: 'big', qos: 0, retain: false, payload: big }]));
    const m = store.message(0, 0);
    expect(m.payload.length).toBe(PAYLOAD_KEEP_LIMIT);
    expect(m.size).toBe(PAYLOAD_KEEP_LIMIT + 10);
  });

  it('refuses a damaged chunk and keeps nothing of it', () => {
    const store = new PackedMessages();
    const blob = packChunk(messages);
    expect(() => store.add(blob.subarray(0, blob.length - 3))).toThrow(/damaged/);
    expect(() => store.add(new Uint8Array([9, 0, 0, 0, 0]))).toThrow(RangeError);
    expect(store.length).toBe(0);
  });
});
