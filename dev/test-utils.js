// Helpers shared by the dev/*.test.js files (not a test file itself).
import mqtt from 'mqtt';
import WebSocket from 'ws';

/**
 * Connects an mqtt.js client and resolves once it is connected.
 * @param {string} url
 * @param {import('mqtt').IClientOptions} [options]
 * @returns {Promise<import('mqtt').MqttClient>}
 */
export function connectClient(url, options = {}) {
  return mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
}

/**
 * Records every message a client receives and lets a test wait for one that matches,
 * whether it already arrived or is still to come.
 * @param {import('mqtt').MqttClient} client
 */
export function recordMessages(client) {
  /** @type {Array<{ topic: string, text: string, retain: boolean, at: number }>} */
  const received = [];
  /** @type {Set<() => void>} */
  const waiters = new Set();
  client.on('message', (topic, payload, packet) => {
    received.push({ topic, text: payload.toString(), retain: packet.retain, at: Date.now() });
    for (const w of [...waiters]) w();
  });

  /**
   * Resolves with the first recorded message (from index `from` on) matching topic and test.
   * @param {string} topic
   * @param {(text: string) => boolean} [test]
   * @param {{ from?: number, timeoutMs?: number }} [options]
   */
  function waitFor(topic, test = () => true, { from = 0, timeoutMs = 5000 } = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = received.slice(from).find((m) => m.topic === topic && test(m.text));
        if (!hit) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = received.filter((m) => m.topic === topic).map((m) => m.text);
        reject(new Error(`no matching message on ${topic} within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  /**
   * Resolves once `count` messages on `topic` have arrived after index `from`.
   * @param {string} topic
   * @param {number} count
   * @param {{ from?: number, timeoutMs?: number }} [options]
   */
  function waitForCount(topic, count, { from = 0, timeoutMs = 5000 } = {}) {
    return new Promise((resolve, reject) => {
      const matching = () => received.slice(from).filter((m) => m.topic === topic);
      const check = () => {
        const hits = matching();
        if (hits.length < count) return;
        cleanup();
        resolve(hits.slice(0, count));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`only ${matching().length} of ${count} messages on ${topic} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  return { received, waitFor, waitForCount, mark: () => received.length };
}

/**
 * Opens a WebSocket handshake with this Origin; resolves with the HTTP status (101 = accepted).
 * @param {string} url
 * @param {string | undefined} origin
 * @returns {Promise<number>}
 */
export function handshake(url, origin) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'mqtt', origin ? { origin } : {});
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}
