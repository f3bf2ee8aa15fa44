/**
 * The batch's trip from the worker to the main thread in columns (batch-wire.ts): what the
 * batcher built comes out the same after packBatch and structured clone, and the session makes
 * from it exactly the messages the batcher sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Batcher, type IncomingMessage } from './batcher';
import { packBatch, unpackMessages, type PackedBatchEvent } from './batch-wire';
import { Session } from './session';
import { FakeWorker } from './test-worker';
import type { BatchEvent, WorkerEvent } from './protocol';
import type { MqttMessage } from '../core/message';
import type { SparkplugInfo } from '../core/decoded';
import type { TrafficExtras } from '../core/traffic';

const enc = new TextEncoder();
const spInfo: SparkplugInfo = {
  messageType: 'DDATA',
  group: 'g',
  edgeNode: 'e',
  device: 'd',
  seq: 7,
  metrics: [{ name: 'Temperature', alias: 1, type: 'Float', value: 21.5 }],
  notes: [],
};

/** A mixed flood as the worker's batcher sees it: every kind of message the wire carries. */
function incoming(): IncomingMessage[] {
  const list: IncomingMessage[] = [
    { topic: 'plain/qos0', payload: enc.encode('{"v":1}'), qos: 0, retain: false, time: 1_764_662_400_123 },
    { topic: 'säle/℃/😀', payload: new Uint8Array([0, 1, 128, 255]), qos: 1, retain: true, time: 1_764_662_400_124 },
    { topic: 'lamp', payload: enc.encode('on'), qos: 2, retain: true, time: 1_764_662_400_125, replay: true },
    { topic: 'props', payload: enc.encode('x'), qos: 1, retain: false, time: 2, properties: { contentType: 'text/plain', userProperties: { a: '1', b: ['2', '3'] }, correlationData: new Uint8Array([9, 8]) } },
    { topic: 'spBv1.0/g/DDATA/e/d', payload: new Uint8Array([8, 1]), qos: 0, retain: false, time: 3, decoded: { format: 'sparkplug', sparkplug: spInfo } },
    { topic: 'pack', payload: new Uint8Array([0x81, 0xa1, 0x76, 0x01]), qos: 0, retain: false, time: 4, decoded: { format: 'msgpack', value: { v: 1 } } },
    { topic: 'both', payload: new Uint8Array([0xa0]), qos: 0, retain: false, time: 5, properties: { messageExpiryInterval: 60 }, decoded: { format: 'cbor', value: {} } },
    { topic: 'empty', payload: new Uint8Array(0), qos: 0, retain: true, time: 6 },
    { topic: 'big', payload: new Uint8Array(40).fill(7), qos: 0, retain: false, time: 7 },
    { topic: '', payload: enc.encode('empty topic level'), qos: 0, retain: false, time: 8 },
  ];
  // A flood on one topic, coalesced by the batcher (extraCounts / extraBytes / extraLargest).
  for (let i = 0; i < 30; i++) list.push({ topic: 'flood', payload: enc.encode(`reading ${i}`), qos: 0, retain: false, time: 100 + i });
  return list;
}

/** The batcher's batch for `incoming()` (payloads over 32 bytes truncated, floods kept to 5 a topic). */
function batcherBatch(): BatchEvent {
  const out: BatchEvent[] = [];
  const b = new Batcher({ emit: (batch) => out.push(batch), schedule: () => {}, keepPerTopic: 5, maxPending: 40, payloadLimit: 32 });
  for (const m of incoming()) b.add(m);
  b.flush();
  expect(out).toHaveLength(1);
  return out[0];
}

/** postMessage's trip: structured clone, the buffers transferred as worker.ts does. */
function trip(packed: PackedBatchEvent): PackedBatchEvent {
  const transfer: Transferable[] = [packed.buffer, packed.nums.buffer];
  if (packed.sparkplug) transfer.push(packed.sparkplug.nums.buffer);
  return structuredClone(packed, { transfer });
}

describe('a batch in columns', () => {
  it('comes out of the trip as the batcher built it: every field, the rare ones, floods, Sparkplug, payload bytes', () => {
    const batch = batcherBatch();
    expect(batch.extraCounts).toEqual({ flood: 25 }); // the check has a flood to carry
    expect(batch.messages.some((m) => m.size > m.length)).toBe(true); // and a truncated payload
    const original = structuredClone(batch); // before the transfer detaches its buffers
    const arrived = trip(packBatch(batch));
    expect(arrived.type).toBe('packed-batch');
    expect(unpackMessages(arrived)).toEqual(original.messages);
    expect(new Uint8Array(arrived.buffer)).toEqual(new Uint8Array(original.buffer));
    expect(arrived.sparkplug).toEqual(original.sparkplug);
    expect([arrived.extraCounts, arrived.extraBytes, arrived.extraLargest]).toEqual([original.extraCounts, original.extraBytes, original.extraLargest]);
    expect(arrived.special?.map((e) => e.i)).toEqual([3, 5, 6]); // properties, MessagePack, both (Sparkplug goes by its position in `sparkplug`)
  });

  it('an empty batch that only carries coalesced counts stays that', () => {
    const batch: BatchEvent = { type: 'batch', messages: [], buffer: new ArrayBuffer(0), extraCounts: { a: 3 }, extraBytes: { a: 30 }, extraLargest: { a: 10 } };
    const arrived = trip(packBatch(batch));
    expect(arrived.topics).toEqual([]);
    expect(arrived.special).toBeUndefined();
    expect(unpackMessages(arrived)).toEqual([]);
    expect(arrived.extraCounts).toEqual({ a: 3 });
  });
});

interface Seen {
  messages: MqttMessage[];
  replays: MqttMessage[];
  floods: TrafficExtras | undefined;
}

/** A session fed `events` (the same batches twice: a replay needs the first), what its listeners got, and its trie. */
function sessionGiven(events: (() => WorkerEvent)[]) {
  const worker = new FakeWorker();
  const s = new Session({ createWorker: () => worker });
  s.disconnect(); // starts the fake worker
  const seen: Seen[] = [];
  // Read inside the listener: decodings of superseded messages are dropped after it (decoded-retention.ts).
  s.onBatch((messages, replays, floods) => seen.push(structuredClone({ messages, replays, floods })));
  for (const ev of events) {
    worker.onmessage!({ data: ev() } as MessageEvent<WorkerEvent>);
    s.applyQueued();
  }
  const nodes = ['plain/qos0', 'säle/℃/😀', 'lamp', 'props', 'flood', 'empty', 'big', ''].map((t) => {
    const n = s.trie.get(t)!;
    return { t, count: n.messageCount, retained: n.retained, history: n.historyEntries().map((m) => [...m.payload]), last: n.last && [...n.last.payload] };
  });
  return { seen, nodes, received: s.received, coalesced: s.coalesced, total: s.trie.totalMessages };
}

describe('the session', () => {
  beforeEach(() => vi.stubGlobal('requestAnimationFrame', () => 0));
  afterEach(() => vi.unstubAllGlobals());

  it('makes from the packed batch, after the trip, the messages, replays and flood counts the batcher sent', () => {
    const asPacked = sessionGiven([() => trip(packBatch(batcherBatch())), () => trip(packBatch(batcherBatch()))]);
    // The trip changes nothing (the same as handing over the packed batch itself).
    expect(asPacked).toEqual(sessionGiven([() => packBatch(batcherBatch()), () => packBatch(batcherBatch())]));
    // The second time, the replay of an unchanged retained message is a replay.
    const [first, second] = asPacked.seen;
    // Message for message what the batcher put on the wire (the first time, nothing is a replay).
    const wire = batcherBatch();
    const expected = wire.messages.map((w) => {
      const m: MqttMessage = { topic: w.topic, payload: new Uint8Array(wire.buffer, w.offset, w.length).slice(), size: w.size, qos: w.qos, retain: w.retain, time: w.time };
      if (w.properties) m.properties = w.properties;
      if (w.decoded) m.decoded = w.decoded;
      if (w.sp !== undefined) m.decoded = { format: 'sparkplug', sparkplug: spInfo };
      return m;
    });
    expect(first.messages).toEqual(expected);
    expect(first.replays).toEqual([]);
    expect(first.messages.map((m) => m.topic)).toContain('lamp');
    expect(second.replays.map((m) => m.topic)).toEqual(['lamp']);
    const props = first.messages.find((m) => m.topic === 'props')!;
    expect(props).toMatchObject({ qos: 1, retain: false, time: 2, size: 1, properties: { contentType: 'text/plain', userProperties: { a: '1', b: ['2', '3'] } } });
    expect(first.messages.find((m) => m.topic === 'spBv1.0/g/DDATA/e/d')?.decoded).toEqual({ format: 'sparkplug', sparkplug: spInfo });
    expect(first.messages.find((m) => m.topic === 'both')).toMatchObject({ properties: { messageExpiryInterval: 60 }, decoded: { format: 'cbor', value: {} } });
    expect(first.messages.find((m) => m.topic === 'big')).toMatchObject({ size: 40 });
    expect(first.messages.find((m) => m.topic === 'big')?.payload.length).toBe(32);
    expect(first.messages.find((m) => m.topic === 'säle/℃/😀')).toMatchObject({ qos: 1, retain: true, time: 1_764_662_400_124 });
    expect(first.floods?.counts).toEqual(new Map([['flood', 25]]));
    expect(asPacked.received).toBe(2 * incoming().length);
  });
});
