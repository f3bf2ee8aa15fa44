import { describe, expect, it } from 'vitest';
import type { SparkplugInfo } from './decoded';
import { SparkplugPacker, unpackSparkplug } from './sparkplug-pack';
import { SparkplugState, parseSparkplugTopic, type RawPayload } from './sparkplug';

/** What the main thread gets: a batch's packed decodings after postMessage's structured clone. */
function trip(infos: SparkplugInfo[]): SparkplugInfo[] {
  const packer = new SparkplugPacker();
  const at = infos.map((i) => packer.pack(i));
  const batch = structuredClone(packer.done()!);
  return at.map((a) => unpackSparkplug(batch, a));
}

describe('Sparkplug pack for the worker → main thread trip', () => {
  it('gives back exactly what was packed, every optional field present or absent, every kind of value', () => {
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
        { name: 'Off', type: 'Boolean', value: true },
        { name: 'Big', type: 'Int64', value: '9223372036854775807' },
        { name: 'NaN', type: 'Double', value: Number.NaN },
        { name: 'Neg', alias: 2 ** 53 - 1, type: 'Int64', value: -(2 ** 53 - 1) },
        { name: 'Empty', type: 'String', value: '' },
      ],
    };
    const bare: SparkplugInfo = { messageType: 'NDEATH', group: 'g', edgeNode: 'e', metrics: [], notes: [] };
    expect(trip([full, bare, full])).toEqual([full, bare, full]);
    // No property appears that was absent (a view iterating keys sees the same object).
    const [back] = trip([bare]);
    expect(Object.keys(back).sort()).toEqual(Object.keys(bare).sort());
    expect(Object.keys(trip([full])[0].metrics[3]).sort()).toEqual(['name', 'type', 'value']);
  });

  it('packs nothing for a batch without Sparkplug decodings', () => {
    expect(new SparkplugPacker().done()).toBeUndefined();
  });

  it('round-trips what SparkplugState makes of random payloads, batch by batch', () => {
    const state = new SparkplugState();
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const types = [3, 4, 9, 10, 11, 12, 13, 17];
    let batch: SparkplugInfo[] = [];
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
      batch.push(state.interpret(topic, raw));
      if (batch.length === 40) {
        expect(trip(batch)).toEqual(batch);
        batch = [];
      }
    }
    expect(trip(batch)).toEqual(batch);
  });

  it("sends each of a batch's strings once", () => {
    const packer = new SparkplugPacker();
    for (let d = 0; d < 100; d++) {
      packer.pack({
        messageType: 'DDATA',
        group: 'g',
        edgeNode: 'e',
        device: `d${d}`,
        metrics: [
          { name: 'Temperature', alias: 1, type: 'Float', value: 1 },
          { name: 'Mode', alias: 2, type: 'String', value: 'auto' },
        ],
        notes: [],
      });
    }
    const { strings, nums } = packer.done()!;
    expect(strings.slice(0, 6)).toEqual(['DDATA', 'g', 'e', 'd0', 'Temperature', 'Float']);
    expect(strings).toHaveLength(3 + 100 + 5); // DDATA, g, e; the devices; Temperature, Float, Mode, String, auto
    expect(nums).toBeInstanceOf(Float64Array);
  });
});
