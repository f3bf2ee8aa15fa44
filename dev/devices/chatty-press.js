import { connectDevice, endClient, publishIfConnected } from './device-client.js';

export const CHATTY_TOPICS = {
  vibration: 'plant/line1/press7/vibration',
  cycles: 'plant/line1/press7/cycles',
};

/**
 * A chatty machine for the Traffic view: every `pauseMs` (± half, at random) it sends a burst of
 * `burst` vibration samples (`{"rms":0.42,"peak":1.37}`) a few ms apart on
 * `plant/line1/press7/vibration`, then its cycle counter on `plant/line1/press7/cycles`. It tops
 * Top talkers, and its bursts never teach Silent topics a usual interval.
 * @param {import('./device-client.js').DeviceContext} ctx
 * @param {{ pauseMs?: number, burst?: number }} [options]
 * @returns {import('./device-client.js').Device}
 */
export function startChattyPress(ctx, { pauseMs = 3000, burst = 40 } = {}) {
  const name = 'chatty';
  const client = connectDevice(ctx, { name });
  let cycles = 0;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(fire, Math.round(pauseMs * (0.5 + Math.random())));
  };
  const fire = () => {
    let sent = 0;
    const sample = () => {
      if (stopped) return;
      // A few samples per tick: a burst of `burst` messages over ~100 ms.
      for (let k = 0; k < 4 && sent < burst; k++, sent++) {
        const rms = 0.3 + Math.random() * 0.3;
        publishIfConnected(client, CHATTY_TOPICS.vibration, JSON.stringify({ rms: round(rms), peak: round(rms * (2 + Math.random())) }));
      }
      if (sent < burst) timer = setTimeout(sample, 10);
      else {
        publishIfConnected(client, CHATTY_TOPICS.cycles, String(++cycles));
        schedule();
      }
    };
    sample();
  };
  schedule();
  return {
    name,
    client,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      return endClient(client);
    },
  };
}

/** @param {number} x */
const round = (x) => Math.round(x * 100) / 100;
