// What a gauge or value widget reads after a Decode as choice made or undone since the topic's
// newest message arrived: the decoding the Explorer shows, at once (not from the next message).
import { describe, expect, it } from 'vitest';
import { encode } from '@msgpack/msgpack';
import { makeMessage } from '../../core/test-fixtures';
import { messageReading, messageText } from '../../core/message-reading';
import { storedDecodings } from '../../mqtt/decoders/stored-decodings';
import type { DecodeAsRule } from '../../stores/decode-as-store';
import { withShownDecoding } from './shown-decoding';

const ready = () =>
  new Promise<void>((resolve) => {
    const off = storedDecodings.subscribe(() => {
      off();
      resolve();
    });
  });

const msgpack: DecodeAsRule[] = [{ filter: 'dev/mp', choice: 'msgpack' }];

describe('withShownDecoding: a widget reads what the Explorer shows', () => {
  it('Decode as MessagePack chosen after the message came: the reading follows once decoded here', async () => {
    const m = makeMessage('dev/mp', new Uint8Array(encode({ temperature: 20.5, state: 'on' })));
    expect(messageReading(withShownDecoding(m, []), 'temperature')).toBeUndefined(); // bytes: not JSON
    const decoded = ready();
    expect(messageReading(withShownDecoding(m, msgpack), 'temperature')).toBeUndefined(); // decoding started
    await decoded;
    const shown = withShownDecoding(m, msgpack);
    expect(messageReading(shown, 'temperature')?.value).toBe(20.5);
    expect(messageText(shown, 'state')).toBe('on');
    expect(withShownDecoding(m, msgpack)).toBe(shown); // the same object from render to render
    expect(m.decoded).toBeUndefined(); // the stored message is not changed
  });

  it('Auto again: a MessagePack decoding left on the message from the choice is not read', () => {
    const m = makeMessage('dev/mp2', new Uint8Array(encode({ temperature: 7 })), { decoded: { format: 'msgpack', value: { temperature: 7 } } });
    expect(messageReading(m, 'temperature')?.value).toBe(7); // what the widget read before
    const shown = withShownDecoding(m, []);
    expect(shown.decoded).toBeUndefined();
    expect(messageReading(shown, 'temperature')).toBeUndefined();
    expect(withShownDecoding(m, [{ filter: 'dev/#', choice: 'msgpack' }])).toBe(m); // the worker's is the chosen one
  });

  it('Text, JSON or Hex chosen: the bytes; a worker decoding under Auto (Sparkplug B) is kept as it is', () => {
    const json = makeMessage('dev/j', '{"t":3}', { decoded: { format: 'cbor', value: { t: 99 } } });
    expect(messageReading(withShownDecoding(json, [{ filter: 'dev/j', choice: 'json' }]), 't')?.value).toBe(3);
    const spb = makeMessage('spBv1.0/g/DDATA/e/d', new Uint8Array([1]), { decoded: { format: 'sparkplug', value: { T: 1 } } });
    expect(withShownDecoding(spb, [])).toBe(spb);
  });

  it('a payload the chosen decoder refuses: the bytes, as the Explorer shows them', () => {
    const m = makeMessage('dev/bad', '{"t":4}');
    const refused = withShownDecoding(m, [{ filter: 'dev/bad', choice: 'cbor' }], undefined, () => ({ format: 'cbor', error: 'not CBOR' }));
    expect(refused.decoded).toBeUndefined();
    expect(messageReading(refused, 't')?.value).toBe(4);
  });
});
