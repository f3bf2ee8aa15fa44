import { describe, expect, it } from 'vitest';
import { makeMessage } from '../../core/test-fixtures';
import { payloadCopyText } from './copy-payload';

const bytes = new Uint8Array([0x81, 0xa1, 0x74, 0x01]);

describe('Copy payload', () => {
  it('copies a decoded payload as the JSON text of its value, as the panel shows it', () => {
    const mp = makeMessage('dev/mp', bytes, { decoded: { format: 'msgpack', value: { t: 1 } } });
    expect(payloadCopyText(mp, [{ filter: 'dev/mp', choice: 'msgpack' }])).toBe('{\n  "t": 1\n}');
    const sp = makeMessage('spBv1.0/g/DDATA/e/d', bytes, {
      decoded: { format: 'sparkplug', sparkplug: { messageType: 'DDATA', group: 'g', edgeNode: 'e', device: 'd', metrics: [{ name: 'Temperature', type: 'Double', value: 21.5 }], notes: [] } },
    });
    expect(payloadCopyText(sp, [])).toBe('{\n  "Temperature": 21.5\n}');
  });

  it('copies the text or, for binary, the hex of the bytes otherwise (Hex chosen, Auto after MessagePack, refused)', () => {
    const mp = makeMessage('dev/mp', bytes, { decoded: { format: 'msgpack', value: { t: 1 } } });
    expect(payloadCopyText(mp, [{ filter: 'dev/mp', choice: 'hex' }])).toBe('81 a1 74 01');
    expect(payloadCopyText(mp, [])).toBe('81 a1 74 01');
    expect(payloadCopyText(makeMessage('a', '{"t": 1}'), [])).toBe('{"t": 1}');
    const refused = makeMessage('spBv1.0/g/NDATA/e', 'hello', { decoded: { format: 'sparkplug', error: 'not valid Sparkplug B: x' } });
    expect(payloadCopyText(refused, [])).toBe('hello');
  });
});
