/**
 * A broker with a backlog of messages for us answers a PINGREQ only after the backlog: the
 * PINGRESP waits in its queue behind everything it still has to send. The worker must not take
 * that for a dead connection while messages keep arriving (the million-topics run lost its
 * connection, and everything the broker held for it, that way: docs/performance.md).
 *
 * The broker here is a few lines over TCP (MQTT 3.1.1): CONNACK, SUBACK, a PUBLISH every 20 ms,
 * and each PINGRESP held back for 2.5 keep-alives (as a long queue would).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { createWorkerHost } from './worker-host';
import type { BatchEvent, StatusEvent, WorkerEvent } from './protocol';

const KEEPALIVE_S = 1;

/** Remaining length as MQTT's variable byte integer. */
function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 128;
    out.push(b);
  } while (n > 0);
  return out;
}

function publishPacket(topic: string, payload: string): Buffer {
  const t = Buffer.from(topic);
  const p = Buffer.from(payload);
  const body = Buffer.concat([Buffer.from([t.length >> 8, t.length & 255]), t, p]);
  return Buffer.concat([Buffer.from([0x30, ...varint(body.length)]), body]);
}

/** Reads whole packets (type byte and body) from a TCP stream. */
function packets(socket: Socket, onPacket: (type: number, body: Buffer) => void): void {
  let buf = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      let len = 0;
      let mult = 1;
      let i = 1;
      for (; i < buf.length; i++) {
        len += (buf[i] & 127) * mult;
        mult *= 128;
        if ((buf[i] & 128) === 0) break;
      }
      if (i >= buf.length || buf.length < i + 1 + len) return;
      onPacket(buf[0] >> 4, buf.subarray(i + 1, i + 1 + len));
      buf = buf.subarray(i + 1 + len);
    }
  });
}

interface FloodBroker {
  port: number;
  pingreqs: number;
  connects: number;
  close(): Promise<void>;
}

function floodBroker(): Promise<FloodBroker> {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sockets = new Set<Socket>();
  const state: FloodBroker = { port: 0, pingreqs: 0, connects: 0, close: async () => {} };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    let seq = 0;
    packets(socket, (type, body) => {
      if (type === 1) {
        state.connects++;
        socket.write(Buffer.from([0x20, 2, 0, 0]));
      } else if (type === 8) {
        // SUBSCRIBE: grant QoS 0, then the flood starts.
        socket.write(Buffer.from([0x90, 3, body[0], body[1], 0]));
        const flood = setInterval(() => {
          if (!socket.destroyed) socket.write(publishPacket(`flood/${seq}`, String(seq++)));
        }, 20);
        timers.add(flood);
        socket.on('close', () => clearInterval(flood));
      } else if (type === 12) {
        state.pingreqs++;
        const t = setTimeout(() => !socket.destroyed && socket.write(Buffer.from([0xd0, 0])), 2.5 * KEEPALIVE_S * 1000);
        timers.add(t);
      } else if (type === 14) socket.end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      state.port = (server.address() as { port: number }).port;
      state.close = () =>
        new Promise<void>((done) => {
          for (const t of timers) clearTimeout(t);
          for (const s of sockets) s.destroy();
          server.close(() => done());
        });
      resolve(state);
    });
  });
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

describe('keep-alive while a broker floods us', () => {
  it('a PINGRESP queued behind a backlog does not end a connection that keeps delivering messages', async () => {
    const broker = await floodBroker();
    const events: WorkerEvent[] = [];
    const send = createWorkerHost({
      post: (ev) => events.push(ev),
      connect: (_url, opts) => mqtt.connect(`mqtt://127.0.0.1:${broker.port}`, opts),
    });
    cleanup.push(async () => {
      send({ type: 'disconnect' });
      await broker.close();
    });
    send({
      type: 'connect',
      request: { url: 'ws://flood.invalid', clientId: 'keepalive-unit', keepalive: KEEPALIVE_S, clean: true, protocolVersion: 4, subscriptions: ['#'] },
    });
    // 5 keep-alives of flood: mqtt.js alone gives up 1.5 keep-alives after its first PINGREQ.
    await new Promise((r) => setTimeout(r, 5 * KEEPALIVE_S * 1000));
    const states = events.filter((e): e is StatusEvent => e.type === 'status').map((e) => e.state);
    expect(states).toEqual(['connecting', 'connected']);
    expect(broker.connects).toBe(1);
    // It kept pinging (the broker hears from us), and every message of the flood arrived in order.
    expect(broker.pingreqs).toBeGreaterThanOrEqual(2);
    const topics = events.filter((e): e is BatchEvent => e.type === 'batch').flatMap((b) => b.messages.map((m) => m.topic));
    expect(topics.length).toBeGreaterThan(150);
    expect(topics).toEqual(topics.map((_, i) => `flood/${i}`));
  }, 15_000);
});
