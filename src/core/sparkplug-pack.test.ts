import { describe, expect, it } from 'vitest';
import type { DecodedPayload, SparkplugInfo } from './decoded';
import { packDecoded, packSparkplug, StringTable, unpackDecoded, unpackSparkplug } from './sparkplug-pack';
import { SparkplugState, parseSparkplugTopic, type RawPayload } from './sparkplug';

/** What the main thread gets: the packed form and the batch's strings after postMessage's structured clone. */
function trip(d: DecodedPayload): DecodedPayload {
  const table = new StringTable();
  const { packed, strings } = structuredClone({ packed: packDecoded(d, table), strings: table.list });
  return unpackDecoded(packed, strings);
}
function tripInfo(info: SparkplugInfo, table = new StringTable()): SparkplugInfo {
  const { packed, strings } = structuredClone({ packed: packSparkplug(info, table), strings: table.list });
  return unpackSparkplug(packed, strings);
}

describe('Sparkplug pack for the worker → main thread trip', () => {
  it('gives back exactly what was packed, every optional field present or absent', () => {
    const full: SparkplugInfo = {
      messageType: 'DDATA',
      group: 'g',
      edgeNode: 'e',
      device: 'd',
      seq: 255,
      timestamp: 1_700_000_000_000,
      uuid: 'u-1',
      missed: 3,
      notes: ['3 messages missed — request a rebirth', 'No BIRTH seen'],
      metrics: [
        { name: 'Temperature', alias: 1, type: 'Float', value: 21.5 },
        { name: '', alias: 7, type: 'Unknown', value: 0, unresolved: true },
        { name: 'Text', type: 'String', value: 'hello', timestamp: 5, historical: true, transient: true },
        { name: 'Null', type: 'Int32', value: null },
        { name: 'On', alias: 0, type: 'Boolean', value: false, timestamp: 0 },
        { name: 'Big', type: 'Int64', value: '9223372036854775807' },
        { name: 'NaN', type: 'Double', value: Number.NaN },
      ],
    };
    const bare: SparkplugInfo = { messageType: 'NDEATH', group: 'g', edgeNode: 'e', metrics: [], notes: [] };
    for (const info of [full, bare]) {
      expect(tripInfo(info)).toEqual(info);
      expect(trip({ format: 'sparkplug', sparkplug: info })).toEqual({ format: 'sparkplug', sparkplug: info });
    }
    // No property appears that was absent (a view iterating keys sees the same object).
    expect(Object.keys(tripInfo(bare)).sort()).toEqual(Object.keys(bare).sort());
  });

  it('packs only Sparkplug decodings; errors, MessagePack and CBOR values travel as they are', () => {
    const others: DecodedPayload[] = [
      { format: 'sparkplug', error: 'not valid Sparkplug B: the payload is empty' },
      { format: 'msgpack', value: { a: [1, 'x', null] } },
      { format: 'cbor', error: 'not valid CBOR: …' },
    ];
    for (const d of others) {
      expect(packDecoded(d, new StringTable())).toBe(d);
      expect(trip(d)).toEqual(d);
    }
    const packed = packDecoded({ format: 'sparkplug', sparkplug: { messageType: 'NBIRTH', group: 'g', edgeNode: 'e', metrics: [], notes: [] } }, new StringTable());
    expect(packed.sparkplug).toBeUndefined();
    expect(Array.isArray(packed.packed)).toBe(true);
  });

  it('round-trips what SparkplugState makes of random payloads, many messages sharing one batch table', () => {
    const state = new SparkplugState();
    let table = new StringTable();
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const types = [3, 4, 9, 10, 11, 12, 13, 17];
    for (let n = 0; n < 300; n++) {
      const birth = n % 50 === 0;
      const topic = parseSparkplugTopic(`spBv1.0/g/${birth ? 'DBIRTH' : 'DDATA'}/e/d${n % 3}`)!;
      const metrics: RawPayload['metrics'] = [];
      for (let i = 0; i < 1 + Math.floor(rnd() * 12); i++) {
        const datatype = types[Math.floor(rnd() * types.length)];
        const value =
          datatype === 11 ? { case: 'booleanValue' as const, value: rnd() < 0.5 }
          : datatype === 12 ? { case: 'stringValue' as const, value: `s${n}` }
          : datatype === 17 ? { case: 'bytesValue' as const, value: new Uint8Array([n & 255, 1]) }
          : datatype === 4 || datatype === 13 ? { case: 'longValue' as const, value: BigInt(Math.floor(rnd() * 1e15)) }
          : datatype === 3 ? { case: 'intValue' as const, value: Math.floor(rnd() * 2 ** 32) >>> 0 }
          : { case: 'doubleValue' as const, value: rnd() * 100 };
        metrics.push({
          ...(birth || rnd() < 0.2 ? { name: `m${i}` } : {}),
          ...(rnd() < 0.9 ? { alias: BigInt(i + 1) } : {}),
          ...(rnd() < 0.3 ? { timestamp: BigInt(1000 + n) } : {}),
          ...(birth || rnd() < 0.5 ? { datatype } : {}),
          ...(rnd() < 0.05 ? { isNull: true } : {}),
          ...(rnd() < 0.05 ? { isHistorical: true } : {}),
          ...(rnd() < 0.05 ? { isTransient: true } : {}),
          value,
        });
      }
      const raw: RawPayload = { metrics, ...(rnd() < 0.95 ? { seq: BigInt((n * 3) % 256) } : {}), ...(rnd() < 0.9 ? { timestamp: BigInt(1000 + n) } : {}) };
      const info = state.interpret(topic, raw);
      if (n % 40 === 0) table = new StringTable(); // a new batch
      expect(tripInfo(info, table)).toEqual(info);
    }
  });
});

describe('the batch string table', () => {
  it('sends each repeated name once per batch', () => {
    const table = new StringTable();
    const info = (device: string): SparkplugInfo => ({
      messageType: 'DDATA',
      group: 'g',
      edgeNode: 'e',
      device,
      metrics: [
        { name: 'Temperature', alias: 1, type: 'Float', value: 1 },
        { name: 'Pressure', alias: 2, type: 'Float', value: 2 },
      ],
      notes: [],
    });
    for (let d = 0; d < 100; d++) packSparkplug(info(`d${d}`), table);
    expect(table.list.slice(0, 6)).toEqual(['DDATA', 'g', 'e', 'd0', 'Temperature', 'Float']);
    expect(table.list).toHaveLength(3 + 100 + 3); // DDATA, g, e; the devices; Temperature, Float, Pressure
  });
});
