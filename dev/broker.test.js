import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startBroker } from './broker.js';
import { StartupError } from './startup-error.js';
import { connectClient, handshake, recordMessages } from './test-utils.js';

/** @type {import('./broker.js').Broker} */
let broker;
/** @type {import('mqtt').MqttClient[]} */
const clients = [];

beforeAll(async () => {
  broker = await startBroker({ wsPort: 0, mqttPort: 0 });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await broker.close();
});

/** @param {'ws' | 'tcp'} via @param {import('mqtt').IClientOptions} [options] */
async function client(via, options) {
  const url = via === 'ws' ? `ws://localhost:${broker.wsPort}` : `mqtt://127.0.0.1:${broker.mqttPort}`;
  const c = await connectClient(url, options);
  clients.push(c);
  return c;
}

describe('startBroker', () => {
  test('binds ephemeral ports when asked for port 0', () => {
    expect(broker.wsPort).toBeGreaterThan(0);
    expect(broker.mqttPort).toBeGreaterThan(0);
    expect(broker.wsPort).not.toBe(broker.mqttPort);
  });

  test('round trip: publish over TCP, receive over WebSocket, and back', async () => {
    const wsClient = await client('ws');
    const tcpClient = await client('tcp');
    const onWs = recordMessages(wsClient);
    const onTcp = recordMessages(tcpClient);
    await wsClient.subscribeAsync('rt/to-ws', { qos: 1 });
    await tcpClient.subscribeAsync('rt/to-tcp', { qos: 1 });

    await tcpClient.publishAsync('rt/to-ws', 'hello browser', { qos: 1 });
    await wsClient.publishAsync('rt/to-tcp', 'hello device', { qos: 1 });

    expect((await onWs.waitFor('rt/to-ws')).text).toBe('hello browser');
    expect((await onTcp.waitFor('rt/to-tcp')).text).toBe('hello device');
  });

  test('retained messages reach late WebSocket subscribers', async () => {
    const tcpClient = await client('tcp');
    await tcpClient.publishAsync('rt/retained', '42', { qos: 1, retain: true });
    const late = await client('ws');
    const onLate = recordMessages(late);
    await late.subscribeAsync('rt/retained');
    const msg = await onLate.waitFor('rt/retained');
    expect(msg).toMatchObject({ text: '42', retain: true });
  });

  test('each MQTT packet goes out as exactly one WebSocket frame', async () => {
    const ws = new WebSocket(`ws://localhost:${broker.wsPort}/mqtt`, 'mqtt');
    /** @type {Buffer[]} */
    const frames = [];
    /** @type {Array<() => void>} */
    const waiters = [];
    ws.on('message', (data) => {
      frames.push(/** @type {Buffer} */ (data));
      waiters.splice(0).forEach((w) => w());
    });
    const frameCount = (/** @type {number} */ n) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`got ${frames.length} frames, wanted ${n}`)), 5000);
        const check = () => {
          if (frames.length >= n) {
            clearTimeout(timer);
            resolve(undefined);
          } else waiters.push(check);
        };
        check();
      });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    expect(ws.protocol).toBe('mqtt');

    ws.send(connectPacket('raw-frame-counter'));
    await frameCount(1);
    expect(frames[0][0]).toBe(0x20); // CONNACK
    ws.send(subscribePacket(1, 'frames/#'));
    await frameCount(2);
    expect(frames[1][0]).toBe(0x90); // SUBACK

    const publisher = await client('tcp');
    const big = Buffer.alloc(10 * 1024, 'x');
    await publisher.publishAsync('frames/big', big, { qos: 1 });
    await frameCount(3);
    await publisher.publishAsync('frames/small', 'hi', { qos: 1 });
    await frameCount(4);
    await new Promise((resolve) => setTimeout(resolve, 100)); // nothing else should follow
    ws.terminate();

    expect(frames).toHaveLength(4);
    for (const frame of frames) expect(packetLengths(frame)).toHaveLength(1);
    expect(decodePublish(frames[2])).toEqual({ topic: 'frames/big', payload: big });
    expect(decodePublish(frames[3])).toEqual({ topic: 'frames/small', payload: Buffer.from('hi') });
  });

  test('a dropped WebSocket connection publishes its will and leaves the broker running', async () => {
    const watcher = await client('tcp');
    const seen = recordMessages(watcher);
    await watcher.subscribeAsync('wills/#', { qos: 1 });
    const doomed = await client('ws', { will: { topic: 'wills/doomed', payload: Buffer.from('gone'), qos: 1, retain: false } });
    doomed.stream.destroy();
    expect((await seen.waitFor('wills/doomed')).text).toBe('gone');

    const again = await client('ws');
    await again.publishAsync('wills/after', 'still here', { qos: 1 });
    expect((await seen.waitFor('wills/after')).text).toBe('still here');
  });

  test('MQTT 5 clients are refused: aedes 1.x speaks MQTT 3.1 and 3.1.1 only', async () => {
    // A tripwire: the app must connect to the embedded broker with protocolVersion 4 (or fall
    // back to it on this refusal). If aedes learns MQTT 5, this test tells us.
    const attempt = connectClient(`ws://localhost:${broker.wsPort}`, { protocolVersion: 5 });
    await expect(attempt).rejects.toThrow(/Unacceptable protocol version/);
    const v311 = await client('ws', { protocolVersion: 4 });
    expect(v311.connected).toBe(true);
  });

  test('plain HTTP requests get a hint instead of a hang', async () => {
    const res = await fetch(`http://127.0.0.1:${broker.wsPort}/`);
    expect(res.status).toBe(426);
    expect(await res.text()).toMatch(/MQTT over WebSocket/);
  });
});

describe("WebSocket origins: only the app's own pages and native clients", () => {
  /** @type {import('./broker.js').Broker} */
  let guarded;
  beforeAll(async () => {
    guarded = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1', allowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:4184'] });
  });
  afterAll(() => guarded.close());
  const url = () => `ws://127.0.0.1:${guarded.wsPort}`;

  test('a page on another site is refused with HTTP 403 at the upgrade', async () => {
    expect(await handshake(url(), 'http://evil.example')).toBe(403);
    // Another port on localhost is another site too.
    expect(await handshake(url(), 'http://localhost:8080')).toBe(403);
    expect(await handshake(url(), 'null')).toBe(403);
  });

  test("the app's own origins are accepted and can talk MQTT", async () => {
    expect(await handshake(url(), 'http://localhost:5173')).toBe(101);
    const c = await connectClient(url(), { wsOptions: { origin: 'http://127.0.0.1:4184' } });
    clients.push(c);
    await c.publishAsync('origins/ok', 'yes', { qos: 1 });
  });

  test('clients without an Origin (native MQTT clients) are accepted', async () => {
    expect(await handshake(url(), undefined)).toBe(101);
  });

  test('allowOrigin lets one more origin in from then on', async () => {
    expect(await handshake(url(), 'http://localhost:5999')).toBe(403);
    guarded.allowOrigin('http://localhost:5999/');
    expect(await handshake(url(), 'http://localhost:5999')).toBe(101);
  });
});

describe('ports already in use', () => {
  /** @type {net.Server} */
  let blocker;
  /** @type {number} */
  let busy;
  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', () => resolve(undefined)));
    busy = /** @type {net.AddressInfo} */ (blocker.address()).port;
  });
  afterAll(() => new Promise((resolve) => blocker.close(() => resolve(undefined))));

  test('WebSocket port: one clear line naming SWITCHYARD_WS_PORT', async () => {
    const attempt = startBroker({ wsPort: busy, mqttPort: 0 });
    await expect(attempt).rejects.toThrow(StartupError);
    await expect(attempt).rejects.toThrow(
      `Port ${busy} is already in use (MQTT over WebSocket). Set SWITCHYARD_WS_PORT to use another port.`,
    );
  });

  test('MQTT port: one clear line naming SWITCHYARD_MQTT_PORT', async () => {
    await expect(startBroker({ wsPort: 0, mqttPort: busy })).rejects.toThrow(
      `Port ${busy} is already in use (MQTT). Set SWITCHYARD_MQTT_PORT to use another port.`,
    );
  });
});

// --- tiny MQTT 3.1.1 encoder/decoder, enough to talk to the broker without a library ---

/** @param {string} s */
const str = (s) => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};

/** @param {number} n */
function varint(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

/** @param {number} type @param {Buffer} body */
const packet = (type, body) => Buffer.concat([Buffer.from([type]), varint(body.length), body]);

/** @param {string} clientId */
const connectPacket = (clientId) =>
  packet(0x10, Buffer.concat([str('MQTT'), Buffer.from([4, 0x02, 0, 60]), str(clientId)]));

/** @param {number} id @param {string} filter */
const subscribePacket = (id, filter) =>
  packet(0x82, Buffer.concat([Buffer.from([id >> 8, id & 0xff]), str(filter), Buffer.from([0])]));

/**
 * Splits a frame into whole MQTT packets, returning their lengths; throws on a partial packet.
 * @param {Buffer} frame
 */
function packetLengths(frame) {
  const lengths = [];
  let at = 0;
  while (at < frame.length) {
    const { length, headerBytes } = readHeader(frame, at);
    if (at + headerBytes + length > frame.length) throw new Error('frame ends inside a packet');
    lengths.push(headerBytes + length);
    at += headerBytes + length;
  }
  return lengths;
}

/** @param {Buffer} buf @param {number} at */
function readHeader(buf, at) {
  let length = 0;
  let multiplier = 1;
  let i = at + 1;
  for (;;) {
    const byte = buf[i++];
    length += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) break;
  }
  return { length, headerBytes: i - at };
}

/** Decodes a QoS 0 PUBLISH (the broker downgrades to the subscription's QoS 0). @param {Buffer} frame */
function decodePublish(frame) {
  expect(frame[0] & 0xf0).toBe(0x30);
  const { headerBytes } = readHeader(frame, 0);
  const topicLength = frame.readUInt16BE(headerBytes);
  const topic = frame.subarray(headerBytes + 2, headerBytes + 2 + topicLength).toString();
  return { topic, payload: Buffer.from(frame.subarray(headerBytes + 2 + topicLength)) };
}
