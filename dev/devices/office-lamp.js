import { connectDevice, endClient, publishRetained, shorten } from './device-client.js';
import { deviceInfo, publishDiscovery } from './discovery.js';

export const LAMP_COMMAND_TOPIC = 'home/office/lamp';
export const LAMP_STATE_TOPIC = 'home/office/lamp/state';

/**
 * The classic ESP32 lamp: obeys `on` / `off` (any case, surrounding spaces ignored) on
 * `home/office/lamp` and reports `on` / `off` retained on `home/office/lamp/state`.
 * Starts off; republishes its state after every reconnect.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @returns {import('./device-client.js').Device}
 */
export function startOfficeLamp(ctx) {
  const name = 'lamp';
  /** @type {'on' | 'off'} */
  let state = 'off';
  const client = connectDevice(ctx, {
    name,
    subscribe: [LAMP_COMMAND_TOPIC],
    onConnect: () => {
      publishDiscovery(ctx, client, 'switch', 'office_lamp', {
        name: 'Office lamp',
        command_topic: LAMP_COMMAND_TOPIC,
        state_topic: LAMP_STATE_TOPIC,
        payload_on: 'on',
        payload_off: 'off',
        state_on: 'on',
        state_off: 'off',
        device: deviceInfo('office_lamp', 'Office lamp', 'ESP32 lamp'),
      });
      publishRetained(client, LAMP_STATE_TOPIC, state);
    },
    onMessage: (topic, payload) => {
      if (topic !== LAMP_COMMAND_TOPIC) return; // never react to our own state topic
      const command = payload.toString().trim().toLowerCase();
      if (command !== 'on' && command !== 'off') {
        ctx.log(`${name}: ignored ${JSON.stringify(shorten(payload.toString()))} (expected on/off)`);
        return;
      }
      if (command !== state) ctx.log(`${name}: switched ${command}`);
      state = command;
      publishRetained(client, LAMP_STATE_TOPIC, state);
    },
  });
  return { name, client, stop: () => endClient(client) };
}
