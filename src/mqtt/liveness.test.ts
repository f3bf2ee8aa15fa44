import { beforeEach, describe, expect, test } from 'vitest';
import { Liveness } from './liveness';

/** A broker on a manual clock: pings are recorded, answers are given by the test. */
let t = 0;
let pings = 0;
let dead = 0;
let live: Liveness;
const K = 4000;

beforeEach(() => {
  t = 1_000_000;
  pings = 0;
  dead = 0;
  live = new Liveness({
    keepaliveMs: K,
    now: () => t,
    ping: () => {
      pings++;
      live.sent('pingreq');
    },
    dead: () => dead++,
  });
});

const advance = (ms: number, step = 100) => {
  for (let i = 0; i < ms; i += step) {
    t += step;
    live.tick();
  }
};

describe('silent drop detection', () => {
  test('pings after half the keep-alive of silence, answered pings keep it alive', () => {
    advance(K / 2);
    expect(pings).toBe(1);
    live.received('pingresp');
    // A broker that answers every ping: nothing dies, one ping per half keep-alive.
    for (let i = 0; i < 60; i++) {
      const before = pings;
      advance(100);
      if (pings > before) live.received('pingresp');
    }
    expect(dead).toBe(0);
    expect(pings).toBe(1 + Math.floor((60 * 100) / (K / 2)));
  });

  test('the first packet of any kind after a PINGREQ counts as the answer (a flood queues the PINGRESP behind it)', () => {
    let answered = 0;
    const l = new Liveness({ keepaliveMs: K, now: () => t, ping: () => {}, dead: () => dead++, answered: () => answered++ });
    l.received('publish');
    expect(answered).toBe(0);
    l.sent('pingreq');
    l.received('publish');
    l.received('publish');
    expect(answered).toBe(1);
    l.sent('pingreq');
    l.received('pingresp');
    expect(answered).toBe(2);
  });

  test('nothing heard for a whole keep-alive: dead, once', () => {
    live.received('publish');
    advance(K - 100);
    expect(dead).toBe(0);
    advance(200);
    expect(dead).toBe(1);
    advance(K * 2);
    expect(dead).toBe(1);
  });
});

describe('commands wait for the broker to answer a ping sent after them', () => {
  test('an answer releases every command of the batch with one ping', () => {
    const got: boolean[] = [];
    live.whenAlive((ok) => got.push(ok));
    live.whenAlive((ok) => got.push(ok));
    live.flush();
    expect(pings).toBe(1);
    live.received('publish'); // traffic is not an answer to our probe
    expect(got).toEqual([]);
    live.received('pingresp');
    expect(got).toEqual([true, true]);
  });

  test('the answer to a ping sent before the command does not count', () => {
    live.sent('pingreq'); // mqtt.js's own keep-alive ping, still unanswered
    const got: boolean[] = [];
    live.whenAlive((ok) => got.push(ok));
    live.flush();
    live.received('pingresp'); // answers the earlier ping
    expect(got).toEqual([]);
    live.received('pingresp');
    expect(got).toEqual([true]);
  });

  test('no answer within the probe timeout: the command fails (and was never written)', () => {
    const got: boolean[] = [];
    live.whenAlive((ok) => got.push(ok));
    live.flush();
    advance(live.probeTimeoutMs + 100);
    expect(got).toEqual([false]);
    live.received('pingresp');
    expect(got).toEqual([false]);
  });

  test('the connection ending fails waiting commands, and later ones at once', () => {
    const got: boolean[] = [];
    live.whenAlive((ok) => got.push(ok));
    live.stop();
    live.whenAlive((ok) => got.push(ok));
    expect(got).toEqual([false, false]);
  });
});
