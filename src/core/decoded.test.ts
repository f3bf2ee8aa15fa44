import { describe, expect, it } from 'vitest';
import { decodedAsJson, type DecodedPayload } from './decoded';
import { SeriesStore } from './series-store';
import { makeMessage } from './test-fixtures';

const sparkplug: DecodedPayload = {
  format: 'sparkplug',
  sparkplug: {
    messageType: 'DDATA',
    group: 'g',
    edgeNode: 'e',
    device: 'pump',
    metrics: [
      { name: 'Pressure', alias: 1, type: 'Float', value: 2.5 },
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
      { name: '', alias: 9, type: 'Int32', value: 7, unresolved: true },
    ],
    notes: [],
  },
};

describe('decoded payloads as JSON for charts', () => {
  it('Sparkplug B metrics by resolved name; MessagePack/CBOR values as they are; refused payloads not at all', () => {
    expect(decodedAsJson(sparkplug)).toEqual({ Pressure: 2.5, 'Node Control/Rebirth': false });
    expect(decodedAsJson({ format: 'msgpack', value: { t: 1 } })).toEqual({ t: 1 });
    expect(decodedAsJson({ format: 'cbor', error: 'not valid CBOR: x' })).toBeUndefined();
    expect(decodedAsJson(undefined)).toBeUndefined();
  });

  it('a chart of a metric or a MessagePack field reads the decoded value, not the bytes', () => {
    const store = new SeriesStore();
    store.setTracked('a', [
      { topic: 'spBv1.0/g/DDATA/e/pump', field: 'Pressure' },
      { topic: 'dev/mp', field: 'temperature' },
    ]);
    const bytes = new Uint8Array([0x08, 0x01]); // not JSON: only the decoded value can give a point
    store.ingest([
      makeMessage('spBv1.0/g/DDATA/e/pump', bytes, { time: 1, decoded: sparkplug }),
      makeMessage('dev/mp', bytes, { time: 2, decoded: { format: 'msgpack', value: { temperature: 21.5 } } }),
    ]);
    expect(store.get({ topic: 'spBv1.0/g/DDATA/e/pump', field: 'Pressure' })?.points.toArray()).toEqual([{ t: 1, v: 2.5 }]);
    expect(store.get({ topic: 'dev/mp', field: 'temperature' })?.points.toArray()).toEqual([{ t: 2, v: 21.5 }]);
  });
});
