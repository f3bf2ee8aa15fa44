import { describe, expect, it } from 'vitest';
import { SparkplugState, parseSparkplugTopic, DATATYPES, type RawMetric, type RawPayload } from './sparkplug';
import { MAX_SOURCES, SparkplugModel, parseHostState, stateHost, type SparkplugItem } from './sparkplug-model';
import { isChartableMetric, isChartableType, metricDataTopic, nodeCommandTopic } from './sparkplug-names';

/** The worker's side (core/sparkplug.ts resolves aliases and seq) and the model, as in the app. */
function pipeline() {
  const state = new SparkplugState();
  const model = new SparkplugModel();
  let time = 1_000;
  const item = (topic: string, p: RawPayload): SparkplugItem => ({ topic, time: ++time, info: state.interpret(parseSparkplugTopic(topic)!, p) });
  return {
    model,
    /** One batch of messages. */
    batch: (...msgs: [string, RawPayload][]) => model.ingest(msgs.map(([t, p]) => item(t, p))),
  };
}

const type = (name: string) => DATATYPES.indexOf(name as (typeof DATATYPES)[number]);
const float = (value: number, name?: string, alias?: number): RawMetric => ({ name, alias: alias === undefined ? undefined : BigInt(alias), datatype: type('Float'), value: { case: 'floatValue', value } });
const bool = (value: boolean, name?: string, alias?: number): RawMetric => ({ name, alias: alias === undefined ? undefined : BigInt(alias), datatype: type('Boolean'), value: { case: 'booleanValue', value } });
const bdSeq = (n: number): RawMetric => ({ name: 'bdSeq', datatype: type('UInt64'), value: { case: 'longValue', value: BigInt(n) } });
const payload = (seq: number | undefined, ...metrics: RawMetric[]): RawPayload => ({ timestamp: 5_000n, seq: seq === undefined ? undefined : BigInt(seq), metrics });

const values = (m: Map<string, { value: unknown; type: string }>) => Object.fromEntries([...m].map(([k, v]) => [k, `${v.value} ${v.type}`]));

describe('SparkplugModel', () => {
  it('births make groups, edge nodes and devices online, with metrics by name, type and value', () => {
    const { model, batch } = pipeline();
    batch(
      ['spBv1.0/plant/NBIRTH/edge1', payload(0, bdSeq(3), bool(false, 'Node Control/Rebirth'))],
      ['spBv1.0/plant/DBIRTH/edge1/pump', payload(1, float(1.5, 'Pressure', 1), bool(false, 'Running', 2))],
    );
    const node = model.node('plant', 'edge1')!;
    expect(node.online).toBe(true);
    expect(node.bdSeq).toBe(3);
    expect(node.seq).toBe(1);
    expect(values(node.metrics)).toEqual({ bdSeq: '3 UInt64', 'Node Control/Rebirth': 'false Boolean' });
    const pump = node.devices.get('pump')!;
    expect(pump.online).toBe(true);
    expect(values(pump.metrics)).toEqual({ Pressure: '1.5 Float', Running: 'false Boolean' });
    expect(model.size).toBe(2);

    // DATA by alias only: named through the BIRTH, values updated in place.
    batch(['spBv1.0/plant/DDATA/edge1/pump', payload(2, float(2.25, undefined, 1))]);
    expect(values(pump.metrics)).toEqual({ Pressure: '2.25 Float', Running: 'false Boolean' });
    expect(pump.metrics.get('Pressure')!.alias).toBe(1);
  });

  it('tells listeners once per batch, and stamps what the batch changed with the new version', () => {
    const { model, batch } = pipeline();
    let told = 0;
    model.subscribe(() => told++);
    batch(['spBv1.0/g/NBIRTH/a', payload(0, bdSeq(0))], ['spBv1.0/g/NBIRTH/b', payload(0, bdSeq(0))], ['spBv1.0/g/DBIRTH/a/d', payload(1, float(1, 'x', 1))]);
    expect(told).toBe(1);
    const v1 = model.version;
    batch(['spBv1.0/g/DDATA/a/d', payload(2, float(2, undefined, 1))]);
    expect(told).toBe(2);
    expect(model.node('g', 'a')!.devices.get('d')!.version).toBe(model.version);
    expect(model.node('g', 'a')!.version).toBe(model.version);
    expect(model.node('g', 'b')!.version).toBe(v1);
    model.ingest([]);
    expect(told).toBe(2);
  });

  it('a device that dies is offline, and reborn with other aliases its metrics carry the right names again', () => {
    const { model, batch } = pipeline();
    batch(['spBv1.0/plant/NBIRTH/edge1', payload(0, bdSeq(0))], ['spBv1.0/plant/DBIRTH/edge1/pump', payload(1, float(1, 'Pressure', 1), float(20, 'Temperature', 2))]);
    batch(['spBv1.0/plant/DDEATH/edge1/pump', payload(2)]);
    const pump = model.node('plant', 'edge1')!.devices.get('pump')!;
    expect(pump.online).toBe(false);
    expect(model.node('plant', 'edge1')!.online).toBe(true);

    // The new BIRTH swaps the aliases (and drops a metric): DATA by alias follows the new names.
    batch(['spBv1.0/plant/DBIRTH/edge1/pump', payload(3, float(21, 'Temperature', 1), float(2, 'Pressure', 7))]);
    expect(pump.online).toBe(true);
    batch(['spBv1.0/plant/DDATA/edge1/pump', payload(4, float(22.5, undefined, 1), float(3, undefined, 7))]);
    expect(values(pump.metrics)).toEqual({ Temperature: '22.5 Float', Pressure: '3 Float' });
    expect(pump.metrics.get('Temperature')!.alias).toBe(1);
    expect(pump.metrics.get('Pressure')!.alias).toBe(7);
  });

  it('NDEATH marks the edge node and all its devices offline; the next NBIRTH brings the node back', () => {
    const { model, batch } = pipeline();
    batch(
      ['spBv1.0/plant/NBIRTH/edge1', payload(0, bdSeq(4))],
      ['spBv1.0/plant/DBIRTH/edge1/pump', payload(1, float(1, 'Pressure', 1))],
      ['spBv1.0/plant/DBIRTH/edge1/valve', payload(2, bool(true, 'Open', 1))],
    );
    batch(['spBv1.0/plant/NDEATH/edge1', payload(undefined, bdSeq(4))]);
    const node = model.node('plant', 'edge1')!;
    expect(node.online).toBe(false);
    expect([...node.devices.values()].map((d) => `${d.name} ${d.online}`)).toEqual(['pump false', 'valve false']);
    // The metrics stay as last seen.
    expect(values(node.devices.get('pump')!.metrics)).toEqual({ Pressure: '1 Float' });

    batch(['spBv1.0/plant/NBIRTH/edge1', payload(0, bdSeq(5))]);
    expect(node.online).toBe(true);
    expect(node.bdSeq).toBe(5);
    expect(node.devices.get('pump')!.online).toBe(false); // until its own DBIRTH
  });

  it('ignores an NDEATH whose bdSeq is not that of the current NBIRTH (a late will of an earlier session)', () => {
    const { model, batch } = pipeline();
    batch(['spBv1.0/plant/NBIRTH/edge1', payload(0, bdSeq(8))]);
    batch(['spBv1.0/plant/NDEATH/edge1', payload(undefined, bdSeq(7))]);
    expect(model.node('plant', 'edge1')!.online).toBe(true);
    expect(model.node('plant', 'edge1')!.staleDeaths).toBe(1);
    batch(['spBv1.0/plant/NDEATH/edge1', payload(undefined, bdSeq(8))]);
    expect(model.node('plant', 'edge1')!.online).toBe(false);
  });

  it('counts seq gaps on the edge node until its next NBIRTH', () => {
    const { model, batch } = pipeline();
    batch(['spBv1.0/plant/NBIRTH/edge1', payload(0, bdSeq(0))], ['spBv1.0/plant/DBIRTH/edge1/pump', payload(1, float(1, 'Pressure', 1))]);
    // 2, 3 and 4 never arrive; then 7 after 5 (6 missed).
    batch(['spBv1.0/plant/DDATA/edge1/pump', payload(5, float(2, undefined, 1))]);
    const node = model.node('plant', 'edge1')!;
    expect(node.missed).toBe(3);
    expect(node.lastGapAt).toBeDefined();
    batch(['spBv1.0/plant/NDATA/edge1', payload(7)]);
    expect(node.missed).toBe(4);
    // A new NBIRTH starts over.
    batch(['spBv1.0/plant/NBIRTH/edge1', payload(0, bdSeq(1))]);
    expect(node.missed).toBe(0);
    expect(node.lastGapAt).toBeUndefined();
  });

  it('wraps seq at 255 without a gap', () => {
    const { model, batch } = pipeline();
    batch(['spBv1.0/g/NBIRTH/n', payload(254, bdSeq(0))], ['spBv1.0/g/NDATA/n', payload(255)], ['spBv1.0/g/NDATA/n', payload(0)]);
    expect(model.node('g', 'n')!.missed).toBe(0);
    expect(model.node('g', 'n')!.seq).toBe(0);
  });

  it('DATA before any BIRTH: online unknown, metrics kept by alias', () => {
    const { model, batch } = pipeline();
    batch(['spBv1.0/plant/DDATA/edge9/pump', payload(3, float(2, undefined, 4))]);
    const node = model.node('plant', 'edge9')!;
    expect(node.online).toBeUndefined();
    const pump = node.devices.get('pump')!;
    expect(pump.online).toBeUndefined();
    expect([...pump.metrics.keys()]).toEqual(['#4']);
    expect(pump.metrics.get('#4')!.name).toBe('');
  });

  it('skips commands and payloads decoded as Sparkplug B outside the namespace', () => {
    const model = new SparkplugModel();
    model.ingest([
      { topic: 'spBv1.0/plant/NCMD/edge1', time: 1, info: { messageType: 'NCMD', group: 'plant', edgeNode: 'edge1', metrics: [], notes: [] } },
      { topic: 'other/topic', time: 1, info: { messageType: 'DATA', group: '', edgeNode: 'other/topic', metrics: [], notes: [] } },
    ]);
    expect(model.groups.size).toBe(0);
    expect(model.version).toBe(0);
  });

  it('keeps at most MAX_SOURCES edge nodes and devices, counting the rest', () => {
    const model = new SparkplugModel();
    const items: SparkplugItem[] = [];
    for (let i = 0; i <= MAX_SOURCES; i++) items.push({ topic: '', time: 1, info: { messageType: 'NDATA', group: 'g', edgeNode: `n${i}`, metrics: [], notes: [] } });
    model.ingest(items);
    expect(model.size).toBe(MAX_SOURCES);
    expect(model.dropped).toBe(1);
    model.clear();
    expect(model.size).toBe(0);
    expect(model.groups.size).toBe(0);
  });

  it('host applications from STATE messages (Sparkplug 3 JSON and 2.2 text); an older STATE does not override a newer one', () => {
    const model = new SparkplugModel();
    model.ingest([
      { topic: 'spBv1.0/STATE/scada1', time: 10, text: '{"online":true,"timestamp":500}' },
      { topic: 'STATE/legacy', time: 11, text: 'OFFLINE' },
      { topic: 'spBv1.0/STATE/bad', time: 12, text: 'not a state' },
    ]);
    expect([...model.hosts.values()].map((h) => `${h.name} ${h.online} ${h.since}`)).toEqual(['scada1 true 500', 'legacy false 11']);
    model.ingest([{ topic: 'spBv1.0/STATE/scada1', time: 13, text: '{"online":false,"timestamp":400}' }]);
    expect(model.hosts.get('scada1')!.online).toBe(true);
    model.ingest([{ topic: 'spBv1.0/STATE/scada1', time: 14, text: '{"online":false,"timestamp":600}' }]);
    expect(model.hosts.get('scada1')!.online).toBe(false);
  });
});

describe('Sparkplug helpers', () => {
  it('reads host ids and STATE payloads', () => {
    expect(stateHost('spBv1.0/STATE/h1')).toBe('h1');
    expect(stateHost('STATE/h2')).toBe('h2');
    expect(stateHost('spBv1.0/g/NDATA/n')).toBeUndefined();
    expect(parseHostState(' ONLINE ')).toEqual({ online: true });
    expect(parseHostState('{"online":false}')).toEqual({ online: false });
    expect(parseHostState('{"online":"yes"}')).toBeUndefined();
    expect(parseHostState('{')).toBeUndefined();
  });

  it('topics for charts and commands; chartable types', () => {
    expect(metricDataTopic('g', 'n')).toBe('spBv1.0/g/NDATA/n');
    expect(metricDataTopic('g', 'n', 'd')).toBe('spBv1.0/g/DDATA/n/d');
    expect(nodeCommandTopic('g', 'n')).toBe('spBv1.0/g/NCMD/n');
    expect(['Int8', 'UInt64', 'Float', 'Double', 'Boolean'].every(isChartableType)).toBe(true);
    expect(['String', 'DateTime', 'Bytes', 'DataSet', 'Int8Array'].some(isChartableType)).toBe(false);
    expect(isChartableMetric('Pressure', 'Float')).toBe(true);
    expect(isChartableMetric('', 'Float')).toBe(false);
    expect(isChartableMetric('bdSeq', 'UInt64')).toBe(false);
    expect(isChartableMetric('Node Control/Rebirth', 'Boolean')).toBe(false);
  });
});
