import { connectDevice, endClient, publishIfConnected } from './device-client.js';
import { randomWalk } from './random-walk.js';

export const FLAKY_TOPIC = 'home/attic/humidity';

/**
 * A sensor with a loose wire, for Silent topics: it publishes a humidity reading (`48.2`) on
 * `home/attic/humidity` every `intervalMs` for `onMs`, then nothing for `offMs`, then again, and
 * so on (its connection stays up: only the readings stop). With the defaults the Traffic view
 * lists it as silent about 33 s after start, for three minutes.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @param {{ intervalMs?: number, onMs?: number, offMs?: number }} [options]
 * @returns {import('./device-client.js').Device}
 */
export function startFlakySensor(ctx, { intervalMs = 1000, onMs = 30_000, offMs = 180_000 } = {}) {
  const name = 'flaky';
  const client = connectDevice(ctx, { name });
  const next = randomWalk({ start: 55, min: 30, max: 80, step: 0.4 });
  let on = true;
  const reading = setInterval(() => {
    if (on) publishIfConnected(client, FLAKY_TOPIC, next().toFixed(1));
  }, intervalMs);
  /** @type {NodeJS.Timeout} */
  let phase;
  const flip = () => {
    on = !on;
    ctx.log(`${name}: ${on ? 'publishing again' : `going quiet for ${Math.round(offMs / 1000)} s`}`);
    phase = setTimeout(flip, on ? onMs : offMs);
  };
  phase = setTimeout(flip, onMs);
  return {
    name,
    client,
    stop: () => {
      clearInterval(reading);
      clearTimeout(phase);
      return endClient(client);
    },
  };
}
