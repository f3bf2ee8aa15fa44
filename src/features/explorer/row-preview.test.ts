import { describe, expect, it } from 'vitest';
import { rowPreview } from './row-preview';
import { makeMessage } from '../../core/test-fixtures';
import type { DecodeAsRule } from '../../stores/decode-as-store';
import { encode } from '@msgpack/msgpack';
import { storedDecodings } from '../../mqtt/decoders/stored-decodings';

/** The next change of the shared decodings (a row re-renders on it). */
const nextChange = () =>
  new Promise<void>((resolve) => {
    const off = storedDecodings.subscribe(() => {
      off();
      resolve();
    });
  });

const bytes = new Uint8Array([0x82, 0xa1, 0x74, 0xcb]); // binary: hex when not decoded

describe('a tree row’s preview of its newest message', () => {
  it('shows the decoded reading instead of hex', () => {
    const m = makeMessage('spBv1.0/factory/DDATA/line2/boiler', bytes, {
      decoded: { format: 'sparkplug', sparkplug: { messageType: 'DDATA', group: 'factory', edgeNode: 'line2', device: 'boiler', metrics: [{ name: 'Temperature', type: 'Double', value: 21.3 }], notes: [] } },
    });
    expect(rowPreview(m, [])).toBe('DDATA · Temperature 21.3');
    const mp = makeMessage('dev/mp', bytes, { decoded: { format: 'msgpack', value: { t: 21.5 } } });
    expect(rowPreview(mp, [{ filter: 'dev/mp', choice: 'msgpack' }])).toBe('{"t":21.5}');
  });

  it('keeps the text / hex preview for plain payloads and for payloads the decoder refused', () => {
    expect(rowPreview(makeMessage('a', '{"t": 1}'), [])).toBe('{"t": 1}');
    expect(rowPreview(makeMessage('a', bytes), [])).toBe('0x82a174cb');
    const refused = makeMessage('spBv1.0/g/NDATA/e', 'hello world', { decoded: { format: 'sparkplug', error: 'not valid Sparkplug B: x' } });
    expect(rowPreview(refused, [])).toBe('hello world');
  });

  it('follows Decode as like the Message panel: Text / JSON / Hex or another decoder chosen since show the bytes', () => {
    const m = makeMessage('dev/mp', bytes, { decoded: { format: 'msgpack', value: { t: 21.5 } } });
    const mpRules: DecodeAsRule[] = [{ filter: 'dev/+', choice: 'msgpack' }];
    expect(rowPreview(m, mpRules)).toBe('{"t":21.5}');
    expect(rowPreview(m, [{ filter: 'dev/mp', choice: 'hex' }])).toBe('0x82a174cb');
    expect(rowPreview(m, [{ filter: 'dev/#', choice: 'cbor' }])).toBe('0x82a174cb');
    expect(rowPreview(m, mpRules)).toBe('{"t":21.5}'); // the same message again under the first rules
  });

  it('switches as soon as a decoder is chosen: the newest message, which arrived before, is decoded here once', async () => {
    const m = makeMessage('dev/late', encode({ temperature: 21.5 })); // the worker had no rule for it
    const rules: DecodeAsRule[] = [{ filter: 'dev/late', choice: 'msgpack' }];
    expect(rowPreview(m, [])).toMatch(/^0x81ab/);
    expect(rowPreview(m, rules)).toMatch(/^0x81ab/); // while it decodes
    const want = { format: 'msgpack' as const, chosen: true };
    while (storedDecodings.isPending(m, want)) await nextChange(); // the row re-renders on it (topic-row.tsx)
    expect(rowPreview(m, rules)).toBe('{"temperature":21.5}');
    expect(rowPreview(m, [{ filter: 'dev/late', choice: 'hex' }])).toMatch(/^0x81ab/);
  });

  it('back to Auto, a MessagePack / CBOR decoding left from the choice is not shown: the bytes are', () => {
    const m = makeMessage('dev/mp', bytes, { decoded: { format: 'msgpack', value: { t: 21.5 } } });
    expect(rowPreview(m, [{ filter: 'dev/mp', choice: 'msgpack' }])).toBe('{"t":21.5}');
    expect(rowPreview(m, [])).toBe('0x82a174cb');
    expect(rowPreview(m, [{ filter: 'other', choice: 'cbor' }])).toBe('0x82a174cb');
  });
});
