// Alert rules on payloads the MQTT worker decoded (issue 13): the rule's JSON path reads the
// decoded value (MessagePack / CBOR / Protobuf fields; a Sparkplug B metric by its resolved name),
// not the bytes, and the explanations stay right.
import { describe, expect, it } from 'vitest';
import { encode } from '@msgpack/msgpack';
import { AlertEngine } from './alert-engine';
import type { AlertRule } from './alert-rules';
import type { DecodedPayload, JsonLike, SparkplugMetric } from './decoded';
import { makeMessage, seededRandom } from './test-fixtures';

const T0 = 1_700_000_000_000;
const BOILER = 'spBv1.0/factory/DDATA/line2/boiler';

function rule(partial: Partial<AlertRule> & Pick<AlertRule, 'filter' | 'condition'>): AlertRule {
  return { id: 'r1', enabled: true, ...partial };
}

function setup(...rules: AlertRule[]) {
  const engine = new AlertEngine();
  engine.setRules(rules, T0);
  let t = T0;
  const send = (topic: string, payload: Uint8Array | string, decoded?: DecodedPayload) => {
    t += 100;
    engine.onMessage(makeMessage(topic, payload, { time: t, decoded }));
  };
  /** A MessagePack message as the worker hands it on: the real bytes and their decoding. */
  const msgpack = (topic: string, value: JsonLike) => send(topic, encode(value), { format: 'msgpack', value });
  /** A Sparkplug B DDATA as decoded by the worker (names resolved from the DBIRTH); the bytes are not JSON. */
  const ddata = (metrics: Record<string, number | string | boolean>) =>
    send(BOILER, new Uint8Array([0x08, 0x01, 0x12]), {
      format: 'sparkplug',
      sparkplug: {
        messageType: 'DDATA',
        group: 'factory',
        edgeNode: 'line2',
        device: 'boiler',
        metrics: Object.entries(metrics).map(([name, value], i): SparkplugMetric => ({ name, alias: i + 1, type: typeof value === 'number' ? 'Double' : typeof value === 'boolean' ? 'Boolean' : 'String', value })),
        notes: [],
      },
    });
  const kinds = () => engine.log.map((e) => `${e.kind} ${e.topic} ${e.value}`);
  return { engine, send, msgpack, ddata, kinds };
}

describe('alert rules on decoded payloads', () => {
  it('a threshold on a MessagePack field fires once when it crosses and clears with the hysteresis', () => {
    const { engine, msgpack, kinds } = setup(rule({ filter: 'dev/+/mp', condition: 'above', value: 30, hysteresis: 2, jsonPath: 'temperature' }));
    for (const v of [25, 31, 32, 29, 27]) msgpack('dev/a/mp', { temperature: v, ok: true });
    expect(kinds()).toEqual(['fired dev/a/mp 31', 'cleared dev/a/mp 27']);
    expect(engine.status('r1')).toMatchObject({ state: 'ok', note: undefined });
  });

  it('a threshold on a Sparkplug B metric by name; a DATA message without the metric is no problem', () => {
    const { engine, ddata, kinds } = setup(rule({ filter: BOILER, condition: 'above', value: 30, jsonPath: 'Temperature' }));
    ddata({ Temperature: 25, Pressure: 1 });
    ddata({ Pressure: 1.1 }); // report by exception: only what changed
    expect(engine.status('r1')).toMatchObject({ state: 'ok', note: undefined });
    ddata({ Temperature: 31 });
    ddata({ Pressure: 1.2 });
    ddata({ Temperature: 33 });
    expect(kinds()).toEqual([`fired ${BOILER} 31`]);
    expect(engine.status('r1')).toMatchObject({ state: 'firing', active: 1, note: undefined });
    ddata({ Temperature: 20 });
    expect(kinds()).toEqual([`fired ${BOILER} 31`, `cleared ${BOILER} 20`]);
  });

  it('explains what it cannot read, as for JSON: a metric never seen, a path that never matched, not a number', () => {
    const misspelt = setup(rule({ filter: BOILER, condition: 'above', value: 30, jsonPath: 'Temprature' }));
    misspelt.ddata({ Temperature: 31 });
    misspelt.ddata({ Temperature: 32 });
    expect(misspelt.engine.status('r1')).toMatchObject({ state: 'unreadable', note: `JSON path never matched: ${BOILER} (2 messages skipped)` });

    const noPath = setup(rule({ filter: BOILER, condition: 'above', value: 30 }));
    noPath.ddata({ Temperature: 31 });
    expect(noPath.engine.status('r1')?.note).toBe(`Sparkplug B payload needs a metric name as JSON path: ${BOILER}`);

    const text = setup(rule({ filter: BOILER, condition: 'above', value: 30, jsonPath: 'State' }));
    text.ddata({ State: 'running' });
    expect(text.engine.status('r1')?.note).toBe(`Value at the JSON path is not a number: ${BOILER}`);

    const mp = setup(rule({ filter: 'dev/mp', condition: 'above', value: 30, jsonPath: 'temperature' }));
    mp.msgpack('dev/mp', { temp: 50 });
    expect(mp.engine.status('r1')).toMatchObject({ state: 'unreadable', note: 'JSON path never matched: dev/mp' });
    mp.msgpack('dev/mp', { temperature: 'warm' });
    expect(mp.engine.status('r1')?.note).toBe('Value at the JSON path is not a number: dev/mp (2 messages skipped)');

    const whole = setup(rule({ filter: 'dev/mp', condition: 'above', value: 30 }));
    whole.msgpack('dev/mp', { temperature: 50 });
    expect(whole.engine.status('r1')?.note).toBe('Payload is not a number: dev/mp');
    whole.msgpack('dev/mp', 31); // a bare number is the reading
    expect(whole.kinds()).toEqual(['fired dev/mp 31']);
    expect(whole.engine.log).toHaveLength(1);
  });

  it('a payload the decoder refused is read from its bytes as before', () => {
    const { send, kinds } = setup(rule({ filter: 'spBv1.0/#', condition: 'above', value: 30 }));
    send('spBv1.0/factory/NDATA/edge9', '31', { format: 'sparkplug', error: 'not valid Sparkplug B: no metrics' });
    expect(kinds()).toEqual(['fired spBv1.0/factory/NDATA/edge9 31']);
  });

  it('Equals reads a decoded field or metric', () => {
    const eq = setup(rule({ filter: 'dev/mp', condition: 'equals', text: 'ON', jsonPath: 'state' }));
    eq.msgpack('dev/mp', { state: 'OFF' });
    eq.msgpack('dev/mp', { state: 'ON' });
    expect(eq.kinds()).toEqual(['fired dev/mp ON']);
    const sp = setup(rule({ filter: BOILER, condition: 'equals', text: 'true', jsonPath: '["Burner On"]' }));
    sp.ddata({ 'Burner On': true });
    sp.ddata({ Pressure: 2 });
    expect(sp.kinds()).toEqual([`fired ${BOILER} true`]);
    expect(sp.engine.status('r1')?.note).toBeUndefined();
  });

  it('the quiet band with Sparkplug DATA messages lacking the metric changes no outcome (random values against a run without them)', () => {
    const rules = Array.from({ length: 20 }, (_, i) => rule({ id: `r${i}`, filter: BOILER, condition: i % 3 === 0 ? 'below' : 'above', value: 10 + i * 2, hysteresis: i % 4, jsonPath: 'Temperature' }));
    const withGaps = setup(...rules);
    const plain = setup(...rules);
    const rnd = seededRandom(7);
    for (let i = 0; i < 3000; i++) {
      const v = Math.round(rnd() * 600) / 10;
      withGaps.ddata({ Temperature: v });
      plain.ddata({ Temperature: v });
      if (rnd() < 0.5) withGaps.ddata({ Pressure: v });
    }
    expect(withGaps.engine.log.map((e) => `${e.kind} ${e.ruleId} ${e.value}`)).toEqual(plain.engine.log.map((e) => `${e.kind} ${e.ruleId} ${e.value}`));
    expect(plain.engine.log.length).toBeGreaterThan(50);
    for (const r of rules) expect(withGaps.engine.status(r.id)).toEqual(plain.engine.status(r.id));
  });
});
