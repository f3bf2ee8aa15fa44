import { encode } from '@msgpack/msgpack';
import { connectDevice, endClient } from './device-client.js';
import { randomWalk } from './random-walk.js';

export const MSGPACK_TOPIC = 'home/cellar/climate';

/**
 * A battery sensor that speaks MessagePack (binary; pick **Decode as › MessagePack** in the
 * Message panel): `{ temperature: 12.4, humidity: 78.1, battery: 97, ok: true }` on
 * `home/cellar/climate` every `intervalMs`.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @param {{ intervalMs?: number }} [options]
 * @returns {import('./device-client.js').Device}
 */
export function startMsgpackSensor(ctx, { intervalMs = 2000 } = {}) {
  const name = 'cellar';
  const client = connectDevice(ctx, { name });
  const temperature = randomWalk({ start: 12, min: 4, max: 20, step: 0.15 });
  const humidity = randomWalk({ start: 78, min: 55, max: 95, step: 0.5 });
  let battery = 97;
  let readings = 0;
  const timer = setInterval(() => {
    if (!client.connected) return;
    if (++readings % 60 === 0) battery = battery > 5 ? battery - 1 : 100;
    const reading = { temperature: temperature(), humidity: humidity(), battery, ok: true };
    client.publish(MSGPACK_TOPIC, Buffer.from(encode(reading)));
  }, intervalMs);
  return {
    name,
    client,
    stop: () => {
      clearInterval(timer);
      return endClient(client);
    },
  };
}
