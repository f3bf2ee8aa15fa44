// Round trips against payloads encoded by the reference libraries (@msgpack/msgpack, cbor-x).
import { describe, expect, it } from 'vitest';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { encode as cborEncode } from 'cbor-x';
import { decodeMsgpack } from './msgpack-decoder';
import { decodeCbor } from './cbor-decoder';

const sample = { temperature: 21.5, humidity: 40, ok: true, name: 'sensor <1>', tags: ['a', 'b'], nested: { n: null, big: 2 ** 40 } };

describe('MessagePack and CBOR decoders', () => {
  it('decode what the reference encoders wrote, as JSON-like data', () => {
    expect(decodeMsgpack(msgpackEncode(sample))).toEqual({ format: 'msgpack', value: sample });
    expect(decodeCbor(new Uint8Array(cborEncode(sample)))).toEqual({ format: 'cbor', value: sample });
  });

  it('turn bytes, bigints, dates and non-text map keys into JSON-like values', () => {
    const m = decodeMsgpack(msgpackEncode({ raw: new Uint8Array([1, 255]), when: new Date(0) }));
    expect(m.value).toEqual({ raw: '01 ff', when: '1970-01-01T00:00:00.000Z' });
    const c = decodeCbor(new Uint8Array(cborEncode(new Map<unknown, unknown>([[1, 'one'], ['k', 2n ** 70n]]))));
    expect(c.value).toEqual({ 1: 'one', k: (2n ** 70n).toString() });
  });

  it('refuse what is not their format with a reason', () => {
    expect(decodeMsgpack(new Uint8Array([0xc1])).error).toMatch(/^not valid MessagePack: /);
    expect(decodeCbor(new Uint8Array([0xff, 0xff])).error).toMatch(/^not valid CBOR: /);
  });
});
