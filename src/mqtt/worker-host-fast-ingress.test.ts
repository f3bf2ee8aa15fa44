/**
 * The worker host with the QoS 0 shortcut (fast-ingress.ts) on, against the embedded aedes broker,
 * with mqtt.js's browser WebSocket path (the `ws` package's WebSocket stands in for the
 * browser's; the fast path is only used there): what arrives, in what order, and which messages still went through mqtt.js.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { browserStreamBuilder } from 'mqtt/lib/connect/ws';
import { createWorkerHost } from './worker-host';
import { startTestBroker, type TestBroker } from './test-worker-host';
import type { BatchEvent, ConnectRequest, ResultEvent, StatusEvent, WorkerCommand, WorkerEvent } from './protocol';

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(() => broker?.close());

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

let n = 0;
function fastHost() {
  const events: WorkerEvent[] = [];
  /** What mqtt.js itself emitted as 'message' (QoS of each): the fast path's leftovers. */
  const viaMqtt: number[] = [];
  let frames = 0;
  const send = createWorkerHost({
    post: (ev) => events.push(ev),
    // mqtt.js's browser WebSocket path, as in the worker (mqtt.connect in Node would take the `ws` package's stream).
    connect: (url: string, opts: IClientOptions) => {
      const u = new URL(url);
      const o: IClientOptions = { ...opts, protocol: 'ws', hostname: u.hostname, host: u.hostname, port: Number(u.port), path: u.pathname };
      const c = new mqtt.MqttClient((client) => browserStreamBuilder(client, o), o);
      c.on('error', () => {});
      c.on('message', (_t, _p, packet) => viaMqtt.push(packet.qos));
      return c;
    },
    makeWebSocket: (url, protocols) => {
      const ws = new WebSocket(url, protocols);
      ws.on('message', () => frames++); // not addEventListener: the first 'message' listener added is fed through the fast path (mqtt.js's)
      return ws as unknown as globalThis.WebSocket;
    },
  });
  cleanup.push(() => send({ type: 'disconnect' }));
  const until = async <E extends WorkerEvent>(pred: (e: WorkerEvent) => e is E): Promise<E> => {
    for (let i = 0; i < 500; i++) {
      const e = events.find(pred);
      if (e) return e;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('timed out');
  };
  return { events, viaMqtt, send, until, frames: () => frames };
}

async function device(): Promise<MqttClient> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`, { clientId: `fast-dev-${process.pid}-${++n}`, reconnectPeriod: 0 });
  cleanup.push(() => c.endAsync(true));
  return c;
}

const request = (over: Partial<ConnectRequest> = {}): ConnectRequest => ({
  url: `ws://127.0.0.1:${broker.wsPort}`,
  clientId: `fast-${process.pid}-${++n}`,
  keepalive: 30,
  clean: true,
  protocolVersion: 4,
  subscriptions: [],
  ...over,
});
const isBatch = (e: WorkerEvent): e is BatchEvent => e.type === 'batch';
const received = (events: WorkerEvent[]) =>
  events.filter(isBatch).flatMap((b) =>
    b.messages.map((m) => ({
      topic: m.topic,
      payload: new TextDecoder().decode(new Uint8Array(b.buffer, m.offset, m.length)),
      qos: m.qos,
      retain: m.retain,
      replay: !!m.replay,
    })),
  );

describe('worker host with the QoS 0 fast path', () => {
  it('retained QoS 0 replays after the SUBACK, then QoS 0, 1 and 2 messages in the order sent; only QoS 1 and 2 go through mqtt.js', async () => {
    const other = await device();
    for (let i = 0; i < 5; i++) await other.publishAsync(`unit/fast/kept/${i}`, `kept ${i}`, { qos: 0, retain: true });
    await other.publishAsync('unit/fast/sync', 'x', { qos: 1 }); // the broker has stored the five

    const h = fastHost();
    h.send({ type: 'connect', request: request({ subscriptions: ['unit/fast/#'] }) });
    await h.until((e): e is StatusEvent => e.type === 'status' && e.state === 'connected');
    await h.until((e): e is Extract<WorkerEvent, { type: 'subscribed' }> => e.type === 'subscribed');
    // aedes replays retained messages after the SUBACK, asynchronously: live ones sent meanwhile may come between.
    await h.until((e): e is BatchEvent => isBatch(e) && received(h.events).length >= 5);

    const qos = (i: number) => (i % 7 === 3 ? 1 : i % 11 === 5 ? 2 : 0) as 0 | 1 | 2;
    const sent = Array.from({ length: 120 }, (_, i) => ({ topic: `unit/fast/live/${i % 4}`, payload: i === 60 ? 'x'.repeat(100_000) : `m${i}`, qos: qos(i) }));
    for (const m of sent) await other.publishAsync(m.topic, m.payload, { qos: m.qos });
    await h.until((e): e is BatchEvent => isBatch(e) && received(h.events).length >= 125);

    const got = received(h.events);
    expect(got.slice(0, 5).sort((a, b) => a.topic.localeCompare(b.topic))).toEqual(
      Array.from({ length: 5 }, (_, i) => ({ topic: `unit/fast/kept/${i}`, payload: `kept ${i}`, qos: 0, retain: true, replay: true })),
    );
    expect(got.slice(5)).toEqual(sent.map((m) => ({ ...m, retain: false, replay: false })));
    expect(h.viaMqtt.sort()).toEqual(sent.filter((m) => m.qos > 0).map((m) => m.qos).sort());
    expect(h.frames()).toBeGreaterThan(0);
  });

  it('a subscribe and publish round trip still answer through mqtt.js; a disconnect stops delivery', async () => {
    const h = fastHost();
    h.send({ type: 'connect', request: request() });
    await h.until((e): e is StatusEvent => e.type === 'status' && e.state === 'connected');
    h.send({ type: 'subscribe', id: 1, filters: ['unit/fast/echo'] } as WorkerCommand);
    expect(await h.until((e): e is ResultEvent => e.type === 'result' && e.id === 1)).toMatchObject({ ok: true });
    h.send({ type: 'publish', id: 2, topic: 'unit/fast/echo', payload: new TextEncoder().encode('hi'), qos: 0, retain: false });
    await h.until((e): e is BatchEvent => isBatch(e));
    expect(received(h.events)).toEqual([{ topic: 'unit/fast/echo', payload: 'hi', qos: 0, retain: false, replay: false }]);
    expect(h.viaMqtt).toEqual([]);

    h.send({ type: 'disconnect' });
    const other = await device();
    await other.publishAsync('unit/fast/echo', 'late', { qos: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(received(h.events).map((m) => m.payload)).toEqual(['hi']);
  });
});
