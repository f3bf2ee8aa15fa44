import { publishRetained } from './device-client.js';

/** Home Assistant MQTT discovery prefix. */
export const DISCOVERY_PREFIX = 'homeassistant';

/**
 * Publishes a retained Home Assistant discovery config on
 * `homeassistant/<component>/<objectId>/config`. `unique_id` defaults to objectId.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @param {import('mqtt').MqttClient} client
 * @param {'switch' | 'light' | 'sensor' | 'binary_sensor'} component
 * @param {string} objectId
 * @param {Record<string, unknown>} config
 */
export function publishDiscovery(ctx, client, component, objectId, config) {
  if (!ctx.discovery) return;
  const payload = { unique_id: objectId, ...config };
  publishRetained(client, `${DISCOVERY_PREFIX}/${component}/${objectId}/config`, JSON.stringify(payload));
}

/**
 * The `device` block shared by the entities of one simulated device.
 * @param {string} id
 * @param {string} name
 * @param {string} model
 */
export function deviceInfo(id, name, model) {
  return {
    identifiers: [`switchyard_${id}`],
    name,
    manufacturer: 'Switchyard simulator',
    model,
  };
}
