import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBroker } from './broker.js';
import { simulatorOptionsFromEnv, startSimulator } from './simulator.js';
import { connectClient, recordMessages } from './test-utils.js';

/** @type {import('./broker.js').Broker} */
let broker;
/** @type {import('./simulator.js').Simulator} */
let sim;
/** @type {import('mqtt').MqttClient} */
let probe;
/** @type {ReturnType<typeof recordMessages>} */
let seen;
/** @type {string[]} */
const logLines = [];
let url = '';

beforeAll(async () => {
  broker = await startBroker({ wsPort: 0, mqttPort: 0 });
  url = `mqtt://127.0.0.1:${broker.mqttPort}`;
  probe = await connectClient(url);
  seen = recordMessages(probe);
  await probe.subscribeAsync(['home/#', 'sensors/#', 'homeassistant/#', 'plant/#'], { qos: 1 });
  sim = await startSimulator({
    url,
    log: (line) => logLines.push(line),
    sensorIds: ['th-01', 'th-02'],
    sensorIntervalMs: 60_000, // so that fast readings can only come from a config change
    livingroomIntervalMs: 100,
    gardenIntervalMs: 100,
    chatty: { pauseMs: 400, burst: 12 },
    flaky: { intervalMs: 50, onMs: 600, offMs: 900 },
    clientOptions: { reconnectPeriod: 100 },
  });
});

afterAll(async () => {
  await sim?.stop();
  await probe?.endAsync(true);
  await broker?.close();
});

const lastLog = () => logLines.at(-1) ?? '';

describe('simulator', () => {
  test('starts every device, each with its own connected client', () => {
    expect([...sim.devices.keys()]).toEqual(['livingroom', 'garden', 'lamp', 'kitchen', 'th-01', 'th-02', 'chatty', 'flaky', 'sparkplug', 'cellar']);
    for (const d of sim.devices.values()) expect(d.client.connected).toBe(true);
  });

  test('living room temperature is a plain number, weather is JSON', async () => {
    const t = await seen.waitFor('home/livingroom/temperature');
    expect(t.text).toMatch(/^-?\d+\.\d$/);
    const w = await seen.waitFor('home/garden/weather');
    expect(Object.keys(JSON.parse(w.text))).toEqual(['temperature', 'humidity', 'pressure']);
  });

  test('office lamp obeys on/off in any case and reports retained state', async () => {
    await seen.waitFor('home/office/lamp/state', (t) => t === 'off');
    let from = seen.mark();
    await probe.publishAsync('home/office/lamp', 'ON', { qos: 1 });
    await seen.waitFor('home/office/lamp/state', (t) => t === 'on', { from });

    const late = await connectClient(url);
    const lateSeen = recordMessages(late);
    await late.subscribeAsync('home/office/lamp/state');
    expect(await lateSeen.waitFor('home/office/lamp/state')).toMatchObject({ text: 'on', retain: true });
    await late.endAsync();

    from = seen.mark();
    await probe.publishAsync('home/office/lamp', ' off ', { qos: 1 });
    await seen.waitFor('home/office/lamp/state', (t) => t === 'off', { from });

    await probe.publishAsync('home/office/lamp', 'blink', { qos: 1 });
    await expect.poll(lastLog).toMatch(/lamp: ignored "blink"/);
  });

  test('kitchen light obeys JSON commands and reports JSON state', async () => {
    const initial = await seen.waitFor('home/kitchen/light');
    expect(JSON.parse(initial.text)).toEqual({ state: 'OFF', brightness: 180 });

    let from = seen.mark();
    await probe.publishAsync('home/kitchen/light/set', '{"state":"ON","brightness":100}', { qos: 1 });
    const on = await seen.waitFor('home/kitchen/light', (t) => JSON.parse(t).state === 'ON', { from });
    expect(JSON.parse(on.text)).toEqual({ state: 'ON', brightness: 100 });

    from = seen.mark();
    await probe.publishAsync('home/kitchen/light/set', '{"state":"OFF"}', { qos: 1 });
    const off = await seen.waitFor('home/kitchen/light', () => true, { from });
    expect(JSON.parse(off.text)).toEqual({ state: 'OFF', brightness: 100 });

    await probe.publishAsync('home/kitchen/light/set', '{nope', { qos: 1 });
    await expect.poll(lastLog).toMatch(/kitchen: ignored "\{nope": not valid JSON/);
  });

  test('a sensor retunes its interval from sensors/<id>/config', async () => {
    await seen.waitFor('sensors/th-01/config/state', (t) => JSON.parse(t).interval_ms === 60_000);
    let from = seen.mark();
    await probe.publishAsync('sensors/th-01/config', '{"interval_ms":200}', { qos: 1 });
    await seen.waitFor('sensors/th-01/config/state', (t) => JSON.parse(t).interval_ms === 200, { from });
    const readings = await seen.waitForCount('sensors/th-01/reading', 3, { from, timeoutMs: 5000 });
    for (const r of readings) expect(Object.keys(JSON.parse(r.text))).toEqual(['temperature', 'humidity']);

    from = seen.mark();
    await probe.publishAsync('sensors/th-01/config', '{"interval_ms":5}', { qos: 1 });
    const clamped = await seen.waitFor('sensors/th-01/config/state', () => true, { from });
    expect(JSON.parse(clamped.text)).toEqual({ interval_ms: 200 });

    await probe.publishAsync('sensors/th-01/config', 'fast please', { qos: 1 });
    await expect.poll(lastLog).toMatch(/th-01: ignored "fast please": not valid JSON/);
    await probe.publishAsync('sensors/th-01/config', '{"interval_ms":60000}', { qos: 1 });
    await seen.waitFor('sensors/th-01/config/state', (t) => JSON.parse(t).interval_ms === 60_000, { from });
  });

  test('a sensor that drops off gets its last will "offline", then comes back online', async () => {
    await seen.waitFor('sensors/th-02/status', (t) => t === 'online');
    const from = seen.mark();
    sim.devices.get('th-02')?.client.stream.destroy(); // abrupt: no DISCONNECT packet
    await seen.waitFor('sensors/th-02/status', (t) => t === 'offline', { from });
    await seen.waitFor('sensors/th-02/status', (t) => t === 'online', { from, timeoutMs: 5000 });
  });

  test('the chatty press sends bursts of vibration samples, then its cycle count', async () => {
    const from = seen.mark();
    const cycle = await seen.waitFor('plant/line1/press7/cycles', () => true, { from, timeoutMs: 5000 });
    expect(cycle.text).toMatch(/^\d+$/);
    // The burst before that cycle count: 12 samples, within a fraction of a second.
    const burst = seen.received.slice(from).filter((m) => m.topic === 'plant/line1/press7/vibration');
    expect(burst.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(JSON.parse(burst[0].text))).toEqual(['rms', 'peak']);
  });

  test('the attic sensor publishes at its interval, goes quiet on its timer, then comes back', async () => {
    const from = seen.mark();
    await seen.waitForCount('home/attic/humidity', 3, { from, timeoutMs: 3000 });
    const logFrom = logLines.length;
    await expect.poll(() => logLines.slice(logFrom).includes('flaky: going quiet for 1 s'), { timeout: 3000, interval: 20 }).toBe(true);
    await new Promise((r) => setTimeout(r, 100)); // a reading sent just before may still be on its way
    const quietFrom = seen.mark();
    // Quiet now: nothing for most of offMs (900 ms)…
    await new Promise((r) => setTimeout(r, 400));
    expect(seen.received.slice(quietFrom).filter((m) => m.topic === 'home/attic/humidity')).toEqual([]);
    // …then readings again.
    await seen.waitFor('home/attic/humidity', (t) => /^\d+\.\d$/.test(t), { from: quietFrom, timeoutMs: 3000 });
  });

  test('publishes Home Assistant discovery configs', async () => {
    const sw = await seen.waitFor('homeassistant/switch/office_lamp/config');
    expect(JSON.parse(sw.text)).toMatchObject({
      command_topic: 'home/office/lamp',
      state_topic: 'home/office/lamp/state',
      payload_on: 'on',
      payload_off: 'off',
      state_on: 'on',
      state_off: 'off',
    });
    const light = await seen.waitFor('homeassistant/light/kitchen_light/config');
    expect(JSON.parse(light.text)).toMatchObject({ schema: 'json', command_topic: 'home/kitchen/light/set' });
    const pressure = await seen.waitFor('homeassistant/sensor/garden_pressure/config');
    expect(JSON.parse(pressure.text).value_template).toBe('{{ value_json.pressure }}');
  });
});

describe('options', () => {
  test('disable and env parsing', async () => {
    const env = { SWITCHYARD_MQTT_PORT: '1999', SIM_DISABLE: 'Lamp, weather discovery', SWITCHYARD_SIM_SENSORS: 'TH-9' };
    expect(simulatorOptionsFromEnv(env)).toEqual({
      url: 'mqtt://localhost:1999',
      disable: ['lamp', 'weather', 'discovery'],
      sensorIds: ['TH-9'],
    });
    const small = await startSimulator({ url, disable: ['lamp', 'weather', 'sensors', 'temperature', 'press', 'flaky', 'spb', 'msgpack'] });
    try {
      expect([...small.devices.keys()]).toEqual(['kitchen']);
    } finally {
      await small.stop();
    }
  });

  test('stop() disconnects every device cleanly, publishing sensors offline', async () => {
    const other = await startSimulator({ url, devices: ['sensors'], sensorIds: ['th-77'] });
    await seen.waitFor('sensors/th-77/status', (t) => t === 'online');
    const from = seen.mark();
    await other.stop();
    await seen.waitFor('sensors/th-77/status', (t) => t === 'offline', { from });
    expect([...other.devices.values()].every((d) => !d.client.connected)).toBe(true);
  });
});
