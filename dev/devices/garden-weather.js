import { connectDevice, endClient, publishIfConnected } from './device-client.js';
import { deviceInfo, publishDiscovery } from './discovery.js';
import { randomWalk } from './random-walk.js';

export const GARDEN_TOPIC = 'home/garden/weather';

/** Fields of the weather JSON with their Home Assistant sensor metadata. */
const FIELDS = [
  { key: 'temperature', label: 'temperature', unit: '°C', deviceClass: 'temperature' },
  { key: 'humidity', label: 'humidity', unit: '%', deviceClass: 'humidity' },
  { key: 'pressure', label: 'pressure', unit: 'hPa', deviceClass: 'atmospheric_pressure' },
];

/**
 * A weather station publishing JSON `{"temperature":14.2,"humidity":71.5,"pressure":1013.2}`
 * every `intervalMs` (°C, %RH, hPa; one decimal each).
 * @param {import('./device-client.js').DeviceContext} ctx
 * @param {{ intervalMs?: number }} [options]
 * @returns {import('./device-client.js').Device}
 */
export function startGardenWeather(ctx, { intervalMs = 2000 } = {}) {
  const name = 'garden';
  const temperature = randomWalk({ start: 14, min: -5, max: 32, step: 0.2 });
  const humidity = randomWalk({ start: 70, min: 30, max: 100, step: 0.8 });
  const pressure = randomWalk({ start: 1013, min: 985, max: 1035, step: 0.3, pull: 0.01 });
  const device = deviceInfo('garden_weather', 'Garden weather station', 'Weather station');
  const client = connectDevice(ctx, {
    name,
    onConnect: () => {
      for (const field of FIELDS) {
        publishDiscovery(ctx, client, 'sensor', `garden_${field.key}`, {
          name: `Garden ${field.label}`,
          state_topic: GARDEN_TOPIC,
          value_template: `{{ value_json.${field.key} }}`,
          unit_of_measurement: field.unit,
          device_class: field.deviceClass,
          state_class: 'measurement',
          device,
        });
      }
    },
  });
  const tick = () => {
    const reading = { temperature: temperature(), humidity: humidity(), pressure: pressure() };
    publishIfConnected(client, GARDEN_TOPIC, JSON.stringify(reading));
  };
  const timer = setInterval(tick, intervalMs);
  return {
    name,
    client,
    stop: () => {
      clearInterval(timer);
      return endClient(client);
    },
  };
}
