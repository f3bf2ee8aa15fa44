// Stored messages decoded on the main thread for the views (issue 13), with payloads encoded by
// the reference libraries (@msgpack/msgpack, sparkplug-payload): the same result as the worker's
// decoders, one change of the model for a render's requests, Sparkplug B aliases from the BIRTH.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { encode } from '@msgpack/msgpack';
import { makeMessage } from '../../core/test-fixtures';
import { decodedPreview } from '../../core/decoded-preview';
import { decodeMsgpack } from './msgpack-decoder';
import { SparkplugDecoder } from './sparkplug-decoder';
import { sparkplugBirthTopic, storedPreview, StoredDecodings, wantedDecoding } from './stored-decodings';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');

const changed = (model: StoredDecodings) =>
  new Promise<number>((resolve) => {
    const off = model.subscribe(() => {
      off();
      resolve(model.version);
    });
  });

describe('wantedDecoding: what the views show for a topic under the Decode as rules', () => {
  it('the chosen decoder; under Auto only what the worker decodes by itself', () => {
    expect(wantedDecoding('dev/mp', [{ filter: 'dev/+', choice: 'msgpack' }])).toEqual({ format: 'msgpack', chosen: true });
    expect(wantedDecoding('dev/mp', [{ filter: 'dev/mp', choice: 'hex' }, { filter: 'dev/+', choice: 'msgpack' }])).toBeUndefined();
    // Auto again after MessagePack: the newest message's MessagePack decoding is left over, not wanted.
    expect(wantedDecoding('dev/mp', [], { format: 'msgpack', value: 1 })).toBeUndefined();
    expect(wantedDecoding('dev/mp', [], { format: 'cbor', value: 1 })).toBeUndefined();
    expect(wantedDecoding('spBv1.0/g/DDATA/e/d', [])).toEqual({ format: 'sparkplug', chosen: false });
    expect(wantedDecoding('spBv1.0/g/DDATA/e/d', [{ filter: 'spBv1.0/#', choice: 'text' }])).toBeUndefined();
    // A protobuf mapping (Auto): the type the worker used; a chosen type wins.
    expect(wantedDecoding('f/r', [], { format: 'protobuf', messageType: 'x.R', value: {} })).toEqual({ format: 'protobuf', messageType: 'x.R', chosen: false });
    expect(wantedDecoding('f/r', [{ filter: 'f/r', choice: 'protobuf', messageType: 'x.S' }], { format: 'protobuf', messageType: 'x.R', value: {} })).toEqual({
      format: 'protobuf',
      messageType: 'x.S',
      chosen: true,
    });
  });

  it('finds a Sparkplug B topic’s BIRTH', () => {
    expect(sparkplugBirthTopic('spBv1.0/g/DDATA/e/d')).toBe('spBv1.0/g/DBIRTH/e/d');
    expect(sparkplugBirthTopic('spBv1.0/g/NDATA/e')).toBe('spBv1.0/g/NBIRTH/e');
    expect(sparkplugBirthTopic('spBv1.0/g/DCMD/e/d')).toBe('spBv1.0/g/DBIRTH/e/d');
    expect(sparkplugBirthTopic('spBv1.0/g/DBIRTH/e/d')).toBeUndefined();
    expect(sparkplugBirthTopic('spBv1.0/STATE/host')).toBeUndefined();
    expect(sparkplugBirthTopic('home/g/DDATA/e/d')).toBeUndefined();
  });
});

describe('StoredDecodings', () => {
  it('decodes a stored MessagePack message once, as the worker would, with one change for all the requests', async () => {
    const model = new StoredDecodings();
    const want = { format: 'msgpack' as const, chosen: true };
    const a = makeMessage('dev/mp', encode({ temperature: 21.5, ok: true }));
    const b = makeMessage('dev/mp', encode([1, 2]));
    const ready = changed(model);
    expect(model.decodingOf(a, want)).toBeUndefined(); // started: the bytes are shown meanwhile
    expect(model.decodingOf(b, want)).toBeUndefined();
    expect(model.isPending(a, want)).toBe(true);
    expect(storedPreview(a, want, 80, false)).toMatch(/^0x82ab74656d70/); // only the worker's decoding: hex
    await ready;
    expect(model.version).toBe(1);
    expect(model.decodingOf(a, want)).toEqual(decodeMsgpack(a.payload));
    expect(model.decodingOf(a, want)?.value).toEqual({ temperature: 21.5, ok: true });
    expect(model.decodingOf(b, want)?.value).toEqual([1, 2]);
    expect(model.isPending(a, want)).toBe(false);
    // The worker's own decoding is used as it is.
    const c = makeMessage('dev/mp', encode(1), { decoded: { format: 'msgpack', value: 7 } });
    expect(model.decodingOf(c, want)?.value).toBe(7);
    expect(model.version).toBe(1);
  });

  it('a payload the decoder refuses gets its reason, and the preview shows the bytes', async () => {
    const model = new StoredDecodings();
    const want = { format: 'cbor' as const, chosen: true };
    const m = makeMessage('dev/c', 'hello');
    const ready = changed(model);
    model.decodingOf(m, want);
    await ready;
    expect(model.decodingOf(m, want)?.error).toBeTruthy();
  });

  it('names a Sparkplug B DATA message’s metrics from its BIRTH, without a seq gap note from it', async () => {
    const model = new StoredDecodings();
    const now = 1_700_000_000_000;
    const birth = makeMessage(
      'spBv1.0/f/DBIRTH/e/boiler',
      sparkplug.encodePayload({ timestamp: now, seq: 1, metrics: [{ name: 'Temperature', alias: 1, type: 'Float', value: 20 }, { name: 'Pressure', alias: 2, type: 'Double', value: 1 }] }),
    );
    const data = makeMessage('spBv1.0/f/DDATA/e/boiler', sparkplug.encodePayload({ timestamp: now + 1, seq: 9, metrics: [{ alias: 1, type: 'Float', value: 21.5 }, { alias: 2, type: 'Double', value: 1.25 }] }));
    const want = wantedDecoding(data.topic, [])!;
    const ready = changed(model);
    model.decodingOf(data, want, birth);
    await ready;
    const d = model.decodingOf(data, want, birth)!;
    // What the worker's decoder makes of the same two messages (its seq note aside).
    const worker = new SparkplugDecoder();
    worker.decode(birth.topic, birth.payload);
    const expected = worker.decode(data.topic, data.payload)!;
    expect(d.sparkplug?.metrics).toEqual(expected.sparkplug?.metrics);
    expect(d.sparkplug?.metrics.map((m) => `${m.name}=${m.value}`)).toEqual(['Temperature=21.5', 'Pressure=1.25']);
    expect(expected.sparkplug?.notes).toEqual(['7 messages missed — request a rebirth']);
    expect(d.sparkplug?.notes).toEqual([]);
    expect(d.sparkplug?.missed).toBeUndefined();
    expect(decodedPreview(d)).toBe('DDATA · Temperature 21.5, Pressure 1.25');
  });
});
