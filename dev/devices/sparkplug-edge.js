import { createRequire } from 'node:module';
import { connectDevice, endClient } from './device-client.js';
import { randomWalk } from './random-walk.js';

// Eclipse Tahu's JavaScript encoder (protobufjs underneath): a Node-only dev dependency, like aedes.
const require = createRequire(import.meta.url);
/** @type {{ encodePayload(p: SparkplugPayload): Uint8Array, decodePayload(b: Uint8Array): SparkplugPayload }} */
const sparkplug = require('sparkplug-payload').get('spBv1.0');

/**
 * @typedef {{ name?: string, alias?: number, type?: string, value?: unknown, timestamp?: number }} SparkplugMetric
 * @typedef {{ timestamp?: number, seq?: number, metrics?: SparkplugMetric[] }} SparkplugPayload
 * @typedef {{ name: string, type: string, alias: number, read: () => unknown }} MetricSpec
 */

export const SPARKPLUG_GROUP = 'factory';
export const SPARKPLUG_EDGE_NODE = 'line2';
export const SPARKPLUG_DEVICES = /** @type {const} */ (['mixer', 'boiler']);
/** The device that dies every `deviceLifeMs` and is reborn `deviceDownMs` later (with other aliases). */
export const SPARKPLUG_MORTAL = 'boiler';
export const REBIRTH_METRIC = 'Node Control/Rebirth';

/**
 * @param {string} type NBIRTH, NDATA, DBIRTH, …
 * @param {string} [device]
 */
export const sparkplugTopic = (type, device) =>
  `spBv1.0/${SPARKPLUG_GROUP}/${type}/${SPARKPLUG_EDGE_NODE}${device === undefined ? '' : `/${device}`}`;

/**
 * A Sparkplug B edge node `factory/line2` with two devices, `mixer` and `boiler`, encoded with
 * sparkplug-payload (Eclipse Tahu's reference encoder):
 * - after every (re)connect an NBIRTH (seq 0, `bdSeq`, `Node Control/Rebirth`, firmware, uptime,
 *   CPU load; every metric but bdSeq with an alias) and a DBIRTH per live device (names, types
 *   and aliases of all its metrics);
 * - every `intervalMs` NDATA and DDATA by alias only, with the metrics that changed;
 * - `seq` 0–255 over all of these, wrapping (NBIRTH starts it at 0);
 * - NDEATH with the connection's `bdSeq` as the MQTT will (bdSeq counts up on each reconnect);
 *   a clean stop publishes it too;
 * - the boiler sends DDEATH every `deviceLifeMs` and a new DBIRTH `deviceDownMs` later, each life
 *   with other aliases (20–23, then 30–33, …): its metric names stay, so a chart or widget by
 *   name keeps working;
 * - every `rebirthMs` a fresh NBIRTH and DBIRTHs unasked: births are not retained, so a page
 *   opened after `npm start` would otherwise know the metrics by alias only until someone
 *   requests a rebirth (a host application would ask at once; this demo does not wait for one);
 * - an NCMD `Node Control/Rebirth` = true (by name or alias) is answered with a fresh NBIRTH and
 *   DBIRTHs; a DCMD `Setpoint` to the boiler changes its setpoint. Anything else is logged.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @param {{ intervalMs?: number, deviceLifeMs?: number, deviceDownMs?: number, rebirthMs?: number }} [options]
 * @returns {import('./device-client.js').Device}
 */
export function startSparkplugEdge(ctx, { intervalMs = 1000, deviceLifeMs = 40_000, deviceDownMs = 5000, rebirthMs = 30_000 } = {}) {
  const name = 'sparkplug';
  const started = Date.now();
  let bdSeq = 0;
  let seq = 0;
  let lives = 0; // the boiler's births (its aliases move with each)
  let boilerAlive = true;
  let setpoint = 85;

  const walks = {
    cpu: randomWalk({ start: 18, min: 2, max: 95, step: 4 }),
    speed: randomWalk({ start: 1200, min: 600, max: 1800, step: 25, decimals: 0 }),
    torque: randomWalk({ start: 42, min: 10, max: 120, step: 1.5, decimals: 2 }),
    temperature: randomWalk({ start: 80, min: 20, max: 110, step: 0.6 }),
    pressure: randomWalk({ start: 2.1, min: 0.5, max: 4, step: 0.05, decimals: 2 }),
  };
  /** The current readings; `step()` moves them on once per data interval. */
  const now = { cpu: walks.cpu(), speed: walks.speed(), torque: walks.torque(), temperature: walks.temperature(), pressure: walks.pressure() };
  const step = () => {
    for (const key of /** @type {(keyof typeof walks)[]} */ (Object.keys(walks))) now[key] = walks[key]();
  };
  let batches = 0;
  let running = true;

  /** @type {MetricSpec[]} */
  const nodeMetrics = [
    { name: REBIRTH_METRIC, type: 'Boolean', alias: 1, read: () => false },
    { name: 'Properties/Firmware', type: 'String', alias: 2, read: () => '1.4.2' },
    { name: 'Uptime', type: 'Int64', alias: 3, read: () => Math.floor((Date.now() - started) / 1000) },
    { name: 'CPU Load', type: 'Float', alias: 4, read: () => now.cpu },
  ];
  /** @type {Record<string, MetricSpec[]>} */
  const deviceMetrics = {
    mixer: [
      { name: 'Speed', type: 'Float', alias: 10, read: () => (running ? now.speed : 0) },
      { name: 'Torque', type: 'Double', alias: 11, read: () => (running ? now.torque : 0) },
      { name: 'Running', type: 'Boolean', alias: 12, read: () => running },
      { name: 'Batch Count', type: 'Int32', alias: 13, read: () => batches },
      { name: 'Status', type: 'String', alias: 14, read: () => (running ? 'mixing' : 'idle') },
    ],
    boiler: [
      { name: 'Temperature', type: 'Double', alias: 20, read: () => now.temperature },
      { name: 'Pressure', type: 'Float', alias: 21, read: () => now.pressure },
      { name: 'Burner On', type: 'Boolean', alias: 22, read: () => now.temperature < setpoint },
      { name: 'Setpoint', type: 'Float', alias: 23, read: () => setpoint },
    ],
  };
  /** The boiler's aliases in its current life: 20–23, 30–33, 40–43, 20–23, … */
  const aliasOf = (/** @type {string} */ device, /** @type {MetricSpec} */ m) =>
    device === SPARKPLUG_MORTAL ? m.alias + 10 * (lives % 3) : m.alias;
  /** Last values sent, to send only what changed in NDATA / DDATA. */
  const lastSent = new Map();

  const will = () => ({
    topic: sparkplugTopic('NDEATH'),
    payload: Buffer.from(sparkplug.encodePayload({ timestamp: Date.now(), metrics: [{ name: 'bdSeq', type: 'UInt64', value: bdSeq }] })),
    qos: /** @type {const} */ (1),
    retain: false,
  });

  const client = connectDevice(ctx, {
    name,
    will: will(),
    subscribe: [sparkplugTopic('NCMD'), sparkplugTopic('DCMD', '+')],
    onConnect: () => births(),
    onMessage: (topic, payload) => command(topic, payload),
  });
  // Each new MQTT session has the next bdSeq, in its will and in its NBIRTH.
  client.on('reconnect', () => {
    bdSeq = (bdSeq + 1) % 256;
    client.options.will = will();
  });

  /**
   * @param {string} topic
   * @param {SparkplugPayload} payload
   */
  const send = (topic, payload) => {
    if (!client.connected) return;
    client.publish(topic, Buffer.from(sparkplug.encodePayload(payload)), { qos: 0 });
  };
  const nextSeq = () => {
    const s = seq;
    seq = (seq + 1) % 256;
    return s;
  };

  /** @param {string} device */
  const deviceBirth = (device) => {
    const timestamp = Date.now();
    const metrics = deviceMetrics[device].map((m) => {
      const value = m.read();
      lastSent.set(`${device}/${m.name}`, value);
      return { name: m.name, alias: aliasOf(device, m), type: m.type, value, timestamp };
    });
    send(sparkplugTopic('DBIRTH', device), { timestamp, seq: nextSeq(), metrics });
  };

  function births() {
    if (!client.connected) return;
    seq = 0;
    const timestamp = Date.now();
    const metrics = [
      { name: 'bdSeq', type: 'UInt64', value: bdSeq, timestamp },
      ...nodeMetrics.map((m) => {
        const value = m.read();
        lastSent.set(m.name, value);
        return { name: m.name, alias: m.alias, type: m.type, value, timestamp };
      }),
    ];
    send(sparkplugTopic('NBIRTH'), { timestamp, seq: nextSeq(), metrics });
    for (const device of SPARKPLUG_DEVICES) if (device !== SPARKPLUG_MORTAL || boilerAlive) deviceBirth(device);
  }

  /**
   * The metrics whose value changed since last sent, by alias only.
   * @param {string} prefix
   * @param {MetricSpec[]} specs
   * @param {(m: MetricSpec) => number} alias
   */
  const changed = (prefix, specs, alias) => {
    const timestamp = Date.now();
    /** @type {SparkplugMetric[]} */
    const out = [];
    for (const m of specs) {
      const value = m.read();
      const key = `${prefix}${m.name}`;
      if (lastSent.get(key) === value) continue;
      lastSent.set(key, value);
      out.push({ alias: alias(m), type: m.type, value, timestamp });
    }
    return out;
  };

  let ticks = 0;
  const tick = () => {
    if (!client.connected) return;
    ticks++;
    if (ticks % 15 === 0) running = !running;
    if (running && ticks % 5 === 0) batches++;
    step();
    const timestamp = Date.now();
    const node = changed('', nodeMetrics, (m) => m.alias);
    if (node.length > 0) send(sparkplugTopic('NDATA'), { timestamp, seq: nextSeq(), metrics: node });
    for (const device of SPARKPLUG_DEVICES) {
      if (device === SPARKPLUG_MORTAL && !boilerAlive) continue;
      const metrics = changed(`${device}/`, deviceMetrics[device], (m) => aliasOf(device, m));
      if (metrics.length > 0) send(sparkplugTopic('DDATA', device), { timestamp, seq: nextSeq(), metrics });
    }
  };
  const data = setInterval(tick, intervalMs);
  const rebirths = setInterval(() => births(), rebirthMs);

  /** @type {NodeJS.Timeout} */
  let lifeTimer;
  const die = () => {
    boilerAlive = false;
    send(sparkplugTopic('DDEATH', SPARKPLUG_MORTAL), { timestamp: Date.now(), seq: nextSeq() });
    ctx.log(`${name}: ${SPARKPLUG_MORTAL} died (DDEATH); reborn in ${Math.round(deviceDownMs / 1000)} s`);
    lifeTimer = setTimeout(reborn, deviceDownMs);
  };
  const reborn = () => {
    boilerAlive = true;
    lives++;
    deviceBirth(SPARKPLUG_MORTAL);
    lifeTimer = setTimeout(die, deviceLifeMs);
  };
  lifeTimer = setTimeout(die, deviceLifeMs);

  /**
   * NCMD / DCMD from a host application.
   * @param {string} topic
   * @param {Buffer} bytes
   */
  function command(topic, bytes) {
    /** @type {SparkplugPayload} */
    let payload;
    try {
      payload = sparkplug.decodePayload(bytes);
    } catch (e) {
      ctx.log(`${name}: ignored a command on ${topic}: not valid Sparkplug B (${/** @type {Error} */ (e).message})`);
      return;
    }
    const metrics = payload.metrics ?? [];
    if (topic === sparkplugTopic('NCMD')) {
      const rebirth = metrics.find((m) => m.name === REBIRTH_METRIC || (m.name === undefined && Number(m.alias) === 1));
      if (rebirth?.value === true) {
        ctx.log(`${name}: rebirth requested (NCMD ${REBIRTH_METRIC})`);
        births();
      } else {
        ctx.log(`${name}: ignored NCMD ${metrics.map((m) => m.name ?? `alias ${m.alias}`).join(', ') || '(no metrics)'}`);
      }
      return;
    }
    const setpointAlias = 23 + 10 * (lives % 3);
    const sp = topic === sparkplugTopic('DCMD', SPARKPLUG_MORTAL) ? metrics.find((m) => m.name === 'Setpoint' || Number(m.alias) === setpointAlias) : undefined;
    if (sp && typeof sp.value === 'number' && Number.isFinite(sp.value)) {
      setpoint = Math.min(110, Math.max(20, sp.value));
      ctx.log(`${name}: ${SPARKPLUG_MORTAL} setpoint ${setpoint}`);
    } else {
      ctx.log(`${name}: ignored DCMD on ${topic}`);
    }
  }

  return {
    name,
    client,
    stop: async () => {
      clearInterval(data);
      clearInterval(rebirths);
      clearTimeout(lifeTimer);
      // An edge node going away on purpose says so itself (its will is for unplanned losses).
      if (client.connected) client.publish(sparkplugTopic('NDEATH'), will().payload, { qos: 1 });
      await endClient(client);
    },
  };
}
