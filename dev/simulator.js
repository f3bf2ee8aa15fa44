// Device simulator for `npm start` / `npm run simulator`: a handful of typical MQTT devices,
// each with its own client. Topics and payloads are documented in dev/README.md.
import { exitWithError, isMainModule, parseList, portFromEnv } from './env.js';
import { StartupError } from './startup-error.js';
import { startGardenWeather } from './devices/garden-weather.js';
import { startKitchenLight } from './devices/kitchen-light.js';
import { startLivingroomTemperature } from './devices/livingroom-temperature.js';
import { startOfficeLamp } from './devices/office-lamp.js';
import { startThSensor } from './devices/th-sensor.js';
import { startChattyPress } from './devices/chatty-press.js';
import { startFlakySensor } from './devices/flaky-sensor.js';
import { startSparkplugEdge } from './devices/sparkplug-edge.js';
import { startMsgpackSensor } from './devices/msgpack-sensor.js';

/** Device names, in start order. 'sensors' stands for every id in `sensorIds`. */
export const DEVICE_NAMES = ['livingroom', 'garden', 'lamp', 'kitchen', 'sensors', 'chatty', 'flaky', 'sparkplug', 'cellar'];

/** Friendlier spellings accepted in `devices` / `disable` / SIM_DISABLE. */
const ALIASES = /** @type {Record<string, string>} */ ({
  temperature: 'livingroom',
  weather: 'garden',
  light: 'kitchen',
  sensor: 'sensors',
  press: 'chatty',
  attic: 'flaky',
  spb: 'sparkplug',
  msgpack: 'cellar',
});

/**
 * @typedef {object} SimulatorOptions
 * @property {string} [url] broker URL (default mqtt://localhost:1883)
 * @property {(line: string) => void} [log] device events: commands obeyed, bad input, reconnects
 * @property {string[]} [devices] run only these (names from DEVICE_NAMES or sensor ids)
 * @property {string[]} [disable] skip these (same names, plus 'discovery' for the
 *   Home Assistant discovery configs)
 * @property {string[]} [sensorIds] ids of the sensors/<id>/… devices (default th-01, th-02)
 * @property {number} [sensorIntervalMs] initial reading interval of the sensors (default 5000)
 * @property {number} [livingroomIntervalMs] default 1000
 * @property {number} [gardenIntervalMs] default 2000
 * @property {{ pauseMs?: number, burst?: number }} [chatty] the chatty press's bursts (default 40
 *   messages every 1.5–4.5 s)
 * @property {{ intervalMs?: number, onMs?: number, offMs?: number }} [flaky] the attic sensor that
 *   goes quiet (default: every 1 s for 30 s, then silent for 180 s, and again)
 * @property {{ intervalMs?: number, deviceLifeMs?: number, deviceDownMs?: number, rebirthMs?: number }} [sparkplug]
 *   the Sparkplug B edge node (default: data every 1 s, the boiler dies every 40 s for 5 s, births
 *   again every 30 s)
 * @property {{ intervalMs?: number }} [cellar] the MessagePack sensor (default every 2 s)
 * @property {number} [waitForConnectMs] how long startSimulator waits for the devices' first
 *   connection before resolving anyway (they keep retrying); default 3000
 * @property {import('mqtt').IClientOptions} [clientOptions] extra mqtt.js options for every device
 *
 * @typedef {object} Simulator
 * @property {Map<string, import('./devices/device-client.js').Device>} devices by name
 *   ('livingroom', 'garden', 'lamp', 'kitchen', and each sensor id)
 * @property {() => Promise<void>} stop ends every client cleanly and clears all timers
 */

/**
 * Starts the simulated devices.
 * @param {SimulatorOptions} [options]
 * @returns {Promise<Simulator>}
 */
export async function startSimulator(options = {}) {
  const {
    url = 'mqtt://localhost:1883',
    log = () => {},
    sensorIds = ['th-01', 'th-02'],
    sensorIntervalMs = 5000,
    waitForConnectMs = 3000,
  } = options;
  const disabled = new Set((options.disable ?? []).map(canonical));
  const wanted = options.devices ? new Set(options.devices.map(canonical)) : undefined;
  const enabled = (/** @type {string} */ name) =>
    !disabled.has(name) && (wanted === undefined || wanted.has(name));
  /** @type {import('./devices/device-client.js').DeviceContext} */
  const ctx = { url, log, discovery: !disabled.has('discovery'), clientOptions: options.clientOptions };

  /** @type {Map<string, import('./devices/device-client.js').Device>} */
  const devices = new Map();
  const add = (/** @type {import('./devices/device-client.js').Device} */ d) => devices.set(d.name, d);
  if (enabled('livingroom')) add(startLivingroomTemperature(ctx, { intervalMs: options.livingroomIntervalMs }));
  if (enabled('garden')) add(startGardenWeather(ctx, { intervalMs: options.gardenIntervalMs }));
  if (enabled('lamp')) add(startOfficeLamp(ctx));
  if (enabled('kitchen')) add(startKitchenLight(ctx));
  sensorIds.forEach((id, index) => {
    const name = id.toLowerCase();
    const on = !disabled.has('sensors') && !disabled.has(name) && (!wanted || wanted.has('sensors') || wanted.has(name));
    if (on) add(startThSensor(ctx, { id, intervalMs: sensorIntervalMs, index }));
  });
  if (enabled('chatty')) add(startChattyPress(ctx, options.chatty));
  if (enabled('flaky')) add(startFlakySensor(ctx, options.flaky));
  if (enabled('sparkplug')) add(startSparkplugEdge(ctx, options.sparkplug));
  if (enabled('cellar')) add(startMsgpackSensor(ctx, options.cellar));

  await waitForConnections([...devices.values()], waitForConnectMs);
  let stopping;
  return {
    devices,
    stop: () => (stopping ??= Promise.all([...devices.values()].map((d) => d.stop())).then(() => {})),
  };
}

/** @param {string} name */
function canonical(name) {
  const lower = name.trim().toLowerCase();
  return ALIASES[lower] ?? lower;
}

/**
 * Resolves when every device has connected once, or after `timeoutMs`.
 * @param {import('./devices/device-client.js').Device[]} devices
 * @param {number} timeoutMs
 */
function waitForConnections(devices, timeoutMs) {
  const pending = devices.filter((d) => !d.client.connected);
  if (pending.length === 0 || timeoutMs <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    let left = pending.length;
    const timer = setTimeout(finish, timeoutMs);
    const onConnect = () => {
      if (--left === 0) finish();
    };
    for (const d of pending) d.client.once('connect', onConnect);
    function finish() {
      clearTimeout(timer);
      for (const d of pending) d.client.off('connect', onConnect);
      resolve(undefined);
    }
  });
}

/**
 * Simulator settings from the environment:
 * SWITCHYARD_BROKER_URL (else mqtt://localhost:$SWITCHYARD_MQTT_PORT, default 1883),
 * SWITCHYARD_SIM_DISABLE or SIM_DISABLE (e.g. "lamp,kitchen,discovery"),
 * SWITCHYARD_SIM_SENSORS (e.g. "th-01,th-02,th-03").
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {SimulatorOptions}
 */
export function simulatorOptionsFromEnv(env = process.env) {
  const url =
    env.SWITCHYARD_BROKER_URL?.trim() ||
    `mqtt://localhost:${portFromEnv('SWITCHYARD_MQTT_PORT', 1883, env)}`;
  const sensors = (env.SWITCHYARD_SIM_SENSORS ?? '').split(/[\s,]+/).filter(Boolean);
  for (const id of sensors) {
    if (/[+#/]/.test(id)) {
      throw new StartupError(`SWITCHYARD_SIM_SENSORS: "${id}" cannot be used in a topic level.`);
    }
  }
  return {
    url,
    disable: parseList(env.SWITCHYARD_SIM_DISABLE ?? env.SIM_DISABLE),
    ...(sensors.length > 0 ? { sensorIds: sensors } : {}),
  };
}

async function main() {
  const log = (/** @type {string} */ line) => console.log(`[simulator] ${line}`);
  let simulator;
  try {
    const options = simulatorOptionsFromEnv();
    simulator = await startSimulator({ ...options, log });
    const names = [...simulator.devices.keys()].join(', ') || 'none';
    const connected = [...simulator.devices.values()].every((d) => d.client.connected);
    console.log(`Switchyard simulator: ${names} → ${options.url}`);
    if (!connected) console.log(`Waiting for the broker at ${options.url} (retrying every second)…`);
    console.log('Ctrl-C to stop.');
  } catch (err) {
    exitWithError(err);
  }
  const stop = () => {
    setTimeout(() => process.exit(0), 2000).unref();
    simulator.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (isMainModule(import.meta.url)) main();
