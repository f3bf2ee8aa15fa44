import { describe, expect, it } from 'vitest';
import { ChunkPacker, chunkCount, estimateMessageBytes, packChunk, unpackChunk, type RecordedMessage } from './recording-chunk';
import { userPropsFromPairs, userPropsToPairs } from './user-properties';

const bytes = (...b: number[]) => new Uint8Array(b);

const messages: RecordedMessage[] = [
  { time: 1_764_612_345_678.5, topic: 'plant/line1/temp', payload: new TextEncoder().encode('21.5'), qos: 0, retain: false },
  { time: 1_764_612_345_679, topic: 'bin/ä€😀', payload: bytes(0, 255, 1, 254, 0), qos: 1, retain: true },
  {
    time: 1_764_612_345_680,
    topic: 'props',
    payload: new Uint8Array(0),
    qos: 2,
    retain: false,
    properties: {
      contentType: 'application/octet-stream',
      payloadFormatIndicator: false,
      messageExpiryInterval: 60,
      responseTopic: 'reply/here',
      correlationData: bytes(1, 2, 3, 250),
      userProperties: userPropsFromPairs([
        ['site', 'a'],
        ['__proto__', 'x'],
        ['site', 'b'],
      ]),
    },
  },
];

describe('recording chunks', () => {
  it('round-trips time, topic, QoS, retain, every payload byte and the MQTT 5 properties', () => {
    const blob = packChunk(messages);
    expect(chunkCount(blob)).toBe(3);
    const back = unpackChunk(blob);
    expect(back.map((m) => [m.time, m.topic, [...m.payload], m.qos, m.retain])).toEqual(
      messages.map((m) => [m.time, m.topic, [...m.payload], m.qos, m.retain]),
    );
    const p = back[2].properties!;
    expect(p.contentType).toBe('application/octet-stream');
    expect(p.payloadFormatIndicator).toBe(false);
    expect(p.messageExpiryInterval).toBe(60);
    expect(p.responseTopic).toBe('reply/here');
    expect([...p.correlationData!]).toEqual([1, 2, 3, 250]);
    // Repeated names and a name like __proto__ are data, in order.
    expect(userPropsToPairs(p.userProperties)).toEqual([
      ['site', 'a'],
      ['site', 'b'],
      ['__proto__', 'x'],
    ]);
    expect(Object.getPrototypeOf(p.userProperties)).toBeNull();
    expect(back[0].properties).toBeUndefined();
  });

  it('keeps a large payload whole', () => {
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const [m] = unpackChunk(packChunk([{ time: 1, topic: 't', payload: big, qos: 0, retain: false }]));
    expect(m.payload.length).toBe(big.length);
    expect(m.payload[big.length - 1]).toBe(big[big.length - 1]);
  });

  it('packs an empty chunk', () => {
    expect(unpackChunk(packChunk([]))).toEqual([]);
  });

  it('refuses a truncated or foreign blob instead of reading past it', () => {
    const blob = packChunk(messages);
    expect(() => unpackChunk(blob.slice(0, blob.length - 3))).toThrow(RangeError);
    expect(() => unpackChunk(blob.slice(0, 20))).toThrow(/damaged/);
    expect(() => unpackChunk(bytes(9, 1, 0, 0, 0))).toThrow(/version/);
  });

  it('estimates a message at its packed size for ASCII topics', () => {
    for (const m of [messages[0], messages[2]]) {
      expect(estimateMessageBytes(m)).toBe(packChunk([m]).length - 5);
    }
  });
});

describe('ChunkPacker', () => {
  it('packs as messages arrive, undoes the last one, and starts afresh after take()', () => {
    const p = new ChunkPacker();
    expect(p.add(messages[0])).toBe(estimateMessageBytes(messages[0]));
    p.add(messages[1]);
    p.undo();
    p.undo(); // only once
    p.add(messages[2]);
    expect(p.count).toBe(2);
    expect(unpackChunk(p.take()).map((m) => m.topic)).toEqual(['plant/line1/temp', 'props']);
    expect(p.count).toBe(0);
    p.add(messages[1]);
    expect(unpackChunk(p.take()).map((m) => m.topic)).toEqual([messages[1].topic]);
  });
});
