import { connectDevice, endClient, publishIfConnected } from './device-client.js';
import { deviceInfo, publishDiscovery } from './discovery.js';
import { randomWalk } from './random-walk.js';

export const LIVINGROOM_TOPIC = 'home/livingroom/temperature';

/**
 * A thermometer publishing a plain number (`21.4`, one decimal, °C) every `intervalMs`.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @param {{ intervalMs?: number }} [options]
 * @returns {import('./device-client.js').Device}
 */
export function startLivingroomTemperature(ctx, { intervalMs = 1000 } = {}) {
  const name = 'livingroom';
  const next = randomWalk({ start: 21, min: 17, max: 25, step: 0.15 });
  const client = connectDevice(ctx, {
    name,
    onConnect: () =>
      publishDiscovery(ctx, client, 'sensor', 'livingroom_temperature', {
        name: 'Living room temperature',
        state_topic: LIVINGROOM_TOPIC,
        unit_of_measurement: '°C',
        device_class: 'temperature',
        state_class: 'measurement',
        device: deviceInfo('livingroom_thermometer', 'Living room thermometer', 'Thermometer'),
      }),
  });
  const timer = setInterval(() => publishIfConnected(client, LIVINGROOM_TOPIC, next().toFixed(1)), intervalMs);
  return {
    name,
    client,
    stop: () => {
      clearInterval(timer);
      return endClient(client);
    },
  };
}
