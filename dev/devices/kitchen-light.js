import { connectDevice, endClient, parseJsonCommand, publishRetained, shorten } from './device-client.js';
import { deviceInfo, publishDiscovery } from './discovery.js';

export const KITCHEN_STATE_TOPIC = 'home/kitchen/light';
export const KITCHEN_COMMAND_TOPIC = 'home/kitchen/light/set';

/**
 * A light in Home Assistant's JSON schema. Commands on `home/kitchen/light/set`:
 * `{"state":"ON"}`, `{"state":"OFF"}`, `{"state":"TOGGLE"}` (any case), optionally with
 * `"brightness": 0..255` (clamped; brightness alone also works, as does a bare `ON`/`OFF`).
 * State, retained on `home/kitchen/light`: `{"state":"OFF","brightness":180}`.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @returns {import('./device-client.js').Device}
 */
export function startKitchenLight(ctx) {
  const name = 'kitchen';
  const light = { state: 'OFF', brightness: 180 };
  const publishState = () => publishRetained(client, KITCHEN_STATE_TOPIC, JSON.stringify(light));

  /** @param {string} text */
  const handle = (text) => {
    const bare = text.trim().toUpperCase();
    const command = bare === 'ON' || bare === 'OFF' ? { state: bare } : parseJsonCommand(ctx, name, text);
    if (command === undefined) return;
    if (typeof command !== 'object' || command === null || Array.isArray(command)) {
      ctx.log(`${name}: ignored ${JSON.stringify(shorten(text))} (expected {"state":"ON"|"OFF"})`);
      return;
    }
    let changed = false;
    if (typeof command.state === 'string') {
      const wanted = command.state.toUpperCase();
      if (wanted === 'ON' || wanted === 'OFF') light.state = wanted;
      else if (wanted === 'TOGGLE') light.state = light.state === 'ON' ? 'OFF' : 'ON';
      else ctx.log(`${name}: ignored state ${JSON.stringify(shorten(command.state))}`);
      changed = wanted === 'ON' || wanted === 'OFF' || wanted === 'TOGGLE';
    }
    if (command.brightness !== undefined) {
      const b = Number(command.brightness);
      if (Number.isFinite(b)) {
        light.brightness = Math.round(Math.min(255, Math.max(0, b)));
        changed = true;
      } else {
        ctx.log(`${name}: ignored brightness ${JSON.stringify(command.brightness)}`);
      }
    }
    if (!changed) {
      ctx.log(`${name}: ignored ${JSON.stringify(shorten(text))} (no state or brightness)`);
      return;
    }
    ctx.log(`${name}: ${light.state} brightness ${light.brightness}`);
    publishState();
  };

  const client = connectDevice(ctx, {
    name,
    subscribe: [KITCHEN_COMMAND_TOPIC],
    onConnect: () => {
      publishDiscovery(ctx, client, 'light', 'kitchen_light', {
        name: 'Kitchen light',
        schema: 'json',
        command_topic: KITCHEN_COMMAND_TOPIC,
        state_topic: KITCHEN_STATE_TOPIC,
        brightness: true,
        brightness_scale: 255,
        supported_color_modes: ['brightness'],
        device: deviceInfo('kitchen_light', 'Kitchen light', 'JSON light'),
      });
      publishState();
    },
    onMessage: (topic, payload) => {
      if (topic === KITCHEN_COMMAND_TOPIC) handle(payload.toString());
    },
  });
  return { name, client, stop: () => endClient(client) };
}
