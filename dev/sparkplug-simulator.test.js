// The simulator's Sparkplug B edge node and MessagePack sensor (issue 13), decoded here with the
// reference libraries (sparkplug-payload, @msgpack/msgpack) from what a subscriber receives.
import { createRequire } from 'node:module';
import { decode as decodeMsgpack } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBroker } from './broker.js';
import { startSimulator } from './simulator.js';
import { connectClient } from './test-utils.js';
import { MSGPACK_TOPIC } from './devices/msgpack-sensor.js';
import { REBIRTH_METRIC, sparkplugTopic } from './devices/sparkplug-edge.js';

const require = createRequire(import.meta.url);
const sparkplug = require('sparkplug-payload').get('spBv1.0');

/** sparkplug-payload decodes 64-bit fields as Long objects. */
const num = (/** @type {any} */ v) => (v !== null && typeof v === 'object' && typeof v.toNumber === 'function' ? v.toNumber() : v);

/**
 * @typedef {{ name?: string, alias?: number, type: string, value: unknown }} Metric
 * @typedef {{ topic: string, type: string, device?: string, seq?: number, timestamp?: number, metrics: Metric[], bytes: Buffer }} SpMessage
 */

/** @type {import('./broker.js').Broker} */
let broker;
/** @type {import('./simulator.js').Simulator} */
let sim;
/** @type {import('mqtt').MqttClient} */
let probe;
/** @type {SpMessage[]} */
const received = [];
/** @type {Buffer[]} */
const msgpack = [];
/** @type {string[]} */
const logLines = [];
let url = '';

/** @param {string} topic @param {Buffer} bytes @returns {SpMessage} */
function decodeSp(topic, bytes) {
  const [, , type, , device] = topic.split('/');
  const p = sparkplug.decodePayload(bytes);
  const metrics = (p.metrics ?? []).map((/** @type {any} */ m) => ({ name: m.name, alias: m.alias === undefined ? undefined : num(m.alias), type: m.type, value: num(m.value) }));
  return { topic, type, device, seq: p.seq === undefined ? undefined : num(p.seq), timestamp: num(p.timestamp), metrics, bytes };
}

/** Resolves with the first message from index `from` on that passes `test`. */
async function waitFor(/** @type {(m: SpMessage) => boolean} */ test, from = 0, timeoutMs = 5000) {
  await expect.poll(() => received.slice(from).some(test), { timeout: timeoutMs, interval: 20 }).toBe(true);
  return /** @type {SpMessage} */ (received.slice(from).find(test));
}

const byName = (/** @type {SpMessage} */ m) => Object.fromEntries(m.metrics.map((x) => [x.name, x]));

beforeAll(async () => {
  broker = await startBroker({ wsPort: 0, mqttPort: 0 });
  url = `mqtt://127.0.0.1:${broker.mqttPort}`;
  probe = await connectClient(url);
  probe.on('message', (topic, payload) => {
    if (topic === MSGPACK_TOPIC) msgpack.push(payload);
    else if (!topic.includes('/NCMD/')) received.push(decodeSp(topic, payload)); // (our own commands, one not Sparkplug)
  });
  await probe.subscribeAsync(['spBv1.0/#', MSGPACK_TOPIC], { qos: 1 });
  sim = await startSimulator({
    url,
    devices: ['sparkplug', 'msgpack'],
    log: (line) => logLines.push(line),
    sparkplug: { intervalMs: 25, deviceLifeMs: 1500, deviceDownMs: 300, rebirthMs: 5000 }, // after the seq test has seen 255 wrap to 0
    cellar: { intervalMs: 50 },
    clientOptions: { reconnectPeriod: 100 },
  });
});

afterAll(async () => {
  await sim?.stop();
  await probe?.endAsync(true);
  await broker?.close();
});

describe('Sparkplug B edge node', () => {
  test('births: NBIRTH with bdSeq and aliased metrics (Node Control/Rebirth among them), then a DBIRTH per device', async () => {
    const nbirth = await waitFor((m) => m.type === 'NBIRTH');
    expect(nbirth.topic).toBe('spBv1.0/factory/NBIRTH/line2');
    expect(nbirth.seq).toBe(0);
    const node = byName(nbirth);
    expect(node.bdSeq).toMatchObject({ type: 'UInt64', value: 0 });
    expect(node[REBIRTH_METRIC]).toMatchObject({ type: 'Boolean', value: false, alias: 1 });
    for (const m of nbirth.metrics) if (m.name !== 'bdSeq') expect(m.alias).toBeTypeOf('number');

    const from = received.indexOf(nbirth);
    const mixer = await waitFor((m) => m.type === 'DBIRTH' && m.device === 'mixer', from);
    const boiler = await waitFor((m) => m.type === 'DBIRTH' && m.device === 'boiler', from);
    expect(mixer.seq).toBe(1);
    expect(boiler.seq).toBe(2);
    expect(Object.keys(byName(mixer))).toEqual(['Speed', 'Torque', 'Running', 'Batch Count', 'Status']);
    expect(byName(mixer).Speed).toMatchObject({ type: 'Float', alias: 10 });
    expect(byName(boiler).Temperature.type).toBe('Double');
    // Aliases are unique across the edge node and its devices.
    const aliases = [nbirth, mixer, boiler].flatMap((m) => m.metrics.map((x) => x.alias)).filter((a) => a !== undefined);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  test('NDATA / DDATA carry changing values by alias only, and seq counts 0–255 across them, wrapping', async () => {
    const from = received.length;
    // ~3 messages per 25 ms tick: 300 messages pass 255 at least once.
    await expect.poll(() => received.length - from, { timeout: 10_000, interval: 50 }).toBeGreaterThan(300);
    const data = received.slice(from).filter((m) => m.type === 'NDATA' || m.type === 'DDATA');
    for (const m of data) {
      expect(m.metrics.length).toBeGreaterThan(0);
      for (const x of m.metrics) {
        expect(x.name).toBeUndefined();
        expect(x.alias).toBeTypeOf('number');
      }
    }
    const speeds = new Set(data.filter((m) => m.device === 'mixer').flatMap((m) => m.metrics.filter((x) => x.alias === 10).map((x) => x.value)));
    expect(speeds.size).toBeGreaterThan(3);
    // Every message with a seq (all but NDEATH) follows the one before, mod 256; only NBIRTH restarts at 0.
    const counted = received.slice(from).filter((m) => m.seq !== undefined);
    let wrapped = false;
    for (let i = 1; i < counted.length; i++) {
      const [a, b] = [counted[i - 1], counted[i]];
      if (b.type === 'NBIRTH') expect(b.seq).toBe(0);
      else expect(b.seq).toBe(((a.seq ?? 0) + 1) % 256);
      if (a.seq === 255 && b.seq === 0) wrapped = true;
    }
    expect(wrapped).toBe(true);
  });

  test('births again unasked every rebirthMs (births are not retained: a page opened later learns the names)', async () => {
    const from = received.length;
    const logFrom = logLines.length;
    const nbirth = await waitFor((m) => m.type === 'NBIRTH', from, 6000);
    expect(logLines.slice(logFrom).filter((l) => l.includes('rebirth requested'))).toEqual([]);
    expect(nbirth.seq).toBe(0);
    const mixer = await waitFor((m) => m.type === 'DBIRTH' && m.device === 'mixer', received.indexOf(nbirth));
    expect(Object.keys(byName(mixer))).toEqual(['Speed', 'Torque', 'Running', 'Batch Count', 'Status']);
  });

  test('the boiler dies (DDEATH) and is reborn with a new DBIRTH, its metrics under new aliases', async () => {
    const from = received.length;
    const death = await waitFor((m) => m.type === 'DDEATH' && m.device === 'boiler', from, 5000);
    const birthsBefore = received.slice(0, from).filter((m) => m.type === 'DBIRTH' && m.device === 'boiler');
    const previous = byName(/** @type {SpMessage} */ (birthsBefore.at(-1)));
    // Dead: no DDATA from it until the next DBIRTH.
    const rebirth = await waitFor((m) => m.type === 'DBIRTH' && m.device === 'boiler', received.indexOf(death), 5000);
    const between = received.slice(received.indexOf(death) + 1, received.indexOf(rebirth));
    expect(between.filter((m) => m.device === 'boiler')).toEqual([]);
    expect(between.some((m) => m.type === 'NDATA')).toBe(true); // the edge node carries on
    const reborn = byName(rebirth);
    expect(Object.keys(reborn)).toEqual(Object.keys(previous));
    expect(reborn.Temperature.alias).not.toBe(previous.Temperature.alias);
    // Its data after the rebirth uses the new aliases.
    const next = await waitFor((m) => m.type === 'DDATA' && m.device === 'boiler', received.indexOf(rebirth));
    const newAliases = new Set(rebirth.metrics.map((x) => x.alias));
    for (const x of next.metrics) expect(newAliases.has(x.alias)).toBe(true);
  });

  test('answers NCMD Node Control/Rebirth with a fresh NBIRTH (seq 0) and DBIRTHs', async () => {
    const from = received.length;
    const ncmd = sparkplug.encodePayload({ timestamp: Date.now(), metrics: [{ name: REBIRTH_METRIC, type: 'Boolean', value: true }] });
    await probe.publishAsync(sparkplugTopic('NCMD'), Buffer.from(ncmd), { qos: 1 });
    const nbirth = await waitFor((m) => m.type === 'NBIRTH', from);
    expect(nbirth.seq).toBe(0);
    const mixer = await waitFor((m) => m.type === 'DBIRTH' && m.device === 'mixer', received.indexOf(nbirth));
    expect(mixer.seq).toBe(1);
    expect(logLines).toContain(`sparkplug: rebirth requested (NCMD ${REBIRTH_METRIC})`);

    // By alias, as a host that learnt the aliases from the NBIRTH sends it.
    const from2 = received.length;
    const byAlias = sparkplug.encodePayload({ timestamp: Date.now(), metrics: [{ alias: 1, type: 'Boolean', value: true }] });
    await probe.publishAsync(sparkplugTopic('NCMD'), Buffer.from(byAlias), { qos: 1 });
    await waitFor((m) => m.type === 'NBIRTH', from2);

    // Not Sparkplug, or not a rebirth: logged, no birth.
    await probe.publishAsync(sparkplugTopic('NCMD'), 'rebirth please', { qos: 1 });
    await expect.poll(() => logLines.at(-1)).toMatch(/ignored a command on spBv1\.0\/factory\/NCMD\/line2: not valid Sparkplug B/);
  });

  test('NDEATH is its MQTT will, with the bdSeq of its NBIRTH; the next session births with the next bdSeq', async () => {
    const births = received.filter((m) => m.type === 'NBIRTH');
    const bdSeq = byName(/** @type {SpMessage} */ (births.at(-1))).bdSeq.value;
    const from = received.length;
    sim.devices.get('sparkplug')?.client.stream.destroy(); // abrupt: the broker sends the will
    const death = await waitFor((m) => m.type === 'NDEATH', from);
    expect(death.seq).toBeUndefined();
    expect(byName(death).bdSeq).toMatchObject({ type: 'UInt64', value: bdSeq });
    const again = await waitFor((m) => m.type === 'NBIRTH', from);
    expect(again.seq).toBe(0);
    expect(byName(again).bdSeq.value).toBeGreaterThan(/** @type {number} */ (bdSeq));
  });
});

describe('MessagePack sensor', () => {
  test('publishes MessagePack readings on home/cellar/climate', async () => {
    await expect.poll(() => msgpack.length, { timeout: 3000 }).toBeGreaterThan(2);
    const reading = /** @type {Record<string, unknown>} */ (decodeMsgpack(/** @type {Buffer} */ (msgpack.at(-1))));
    expect(Object.keys(reading)).toEqual(['temperature', 'humidity', 'battery', 'ok']);
    expect(reading.temperature).toBeTypeOf('number');
    // Binary, not JSON text.
    expect(() => JSON.parse(/** @type {Buffer} */ (msgpack.at(-1)).toString())).toThrow();
  });
});
