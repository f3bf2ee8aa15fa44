import { connectDevice, endClient, parseJsonCommand, publishIfConnected, publishRetained, shorten } from './device-client.js';
import { deviceInfo, publishDiscovery } from './discovery.js';
import { randomWalk } from './random-walk.js';

export const MIN_INTERVAL_MS = 200;
export const MAX_INTERVAL_MS = 3_600_000;

/** @param {string} id */
export const sensorTopics = (id) => ({
  status: `sensors/${id}/status`,
  reading: `sensors/${id}/reading`,
  config: `sensors/${id}/config`,
  configState: `sensors/${id}/config/state`,
});

/**
 * A temperature/humidity sensor that an admin console can retune.
 * - `sensors/<id>/status`: `online` retained on every connect; last will `offline` retained
 *   (also published on a clean stop).
 * - `sensors/<id>/reading`: `{"temperature":22.1,"humidity":48.3}` every interval.
 * - `sensors/<id>/config`: accepts `{"interval_ms": N}` (clamped to 200..3600000; invalid JSON or
 *   a missing/non-numeric interval_ms is logged and ignored).
 * - `sensors/<id>/config/state`: the effective config, retained: `{"interval_ms":5000}`,
 *   published on connect and after each applied change.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @param {{ id: string, intervalMs?: number, index?: number }} options
 * @returns {import('./device-client.js').Device}
 */
export function startThSensor(ctx, { id, intervalMs = 5000, index = 0 }) {
  const name = id;
  const topics = sensorTopics(id);
  let interval = clampInterval(intervalMs);
  const temperature = randomWalk({ start: 21 + index * 1.5, min: 10, max: 35, step: 0.2 });
  const humidity = randomWalk({ start: 45 + index * 5, min: 20, max: 90, step: 0.7 });
  const objectId = id.replace(/[^a-zA-Z0-9_]/g, '_');
  const device = deviceInfo(objectId, `Sensor ${id}`, 'TH sensor');

  const client = connectDevice(ctx, {
    name,
    will: { topic: topics.status, payload: Buffer.from('offline'), qos: 1, retain: true },
    subscribe: [topics.config],
    onConnect: () => {
      for (const [key, unit] of /** @type {const} */ ([['temperature', '°C'], ['humidity', '%']])) {
        publishDiscovery(ctx, client, 'sensor', `${objectId}_${key}`, {
          name: `${id} ${key}`,
          state_topic: topics.reading,
          value_template: `{{ value_json.${key} }}`,
          unit_of_measurement: unit,
          device_class: key,
          state_class: 'measurement',
          availability_topic: topics.status,
          payload_available: 'online',
          payload_not_available: 'offline',
          device,
        });
      }
      publishRetained(client, topics.status, 'online');
      publishRetained(client, topics.configState, JSON.stringify({ interval_ms: interval }));
    },
    onMessage: (topic, payload) => {
      if (topic === topics.config) applyConfig(payload.toString());
    },
  });

  const tick = () => {
    const reading = { temperature: temperature(), humidity: humidity() };
    publishIfConnected(client, topics.reading, JSON.stringify(reading));
  };
  let timer = setInterval(tick, interval);

  /** @param {string} text */
  function applyConfig(text) {
    const config = parseJsonCommand(ctx, name, text);
    if (config === undefined) return;
    const wanted = typeof config === 'object' && config !== null ? Number(config.interval_ms) : NaN;
    if (!Number.isFinite(wanted)) {
      ctx.log(`${name}: ignored config ${JSON.stringify(shorten(text))} (expected {"interval_ms": N})`);
      return;
    }
    const next = clampInterval(wanted);
    if (next !== interval) {
      interval = next;
      clearInterval(timer);
      timer = setInterval(tick, interval);
      ctx.log(`${name}: reading every ${interval} ms`);
    }
    publishRetained(client, topics.configState, JSON.stringify({ interval_ms: interval }));
  }

  return {
    name,
    client,
    stop: async () => {
      clearInterval(timer);
      if (client.connected) publishRetained(client, topics.status, 'offline');
      await endClient(client);
    },
  };
}

/** @param {number} ms */
export function clampInterval(ms) {
  return Math.round(Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, ms)));
}
