/**
 * The worker's first connect does not build mqtt-packet's number cache (65,536 two-byte buffers
 * made before the first packet is written: ~100-170 ms of the worker on the first load, during
 * which the WebSocket handshake waits; docs/performance.md, "First load"). Numbers are written as
 * needed instead (mqtt.js `writeCache: false`), and what goes out is unchanged: a QoS 1 publish
 * and a subscription through the real embedded broker arrive exactly.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { recordingHost, startTestBroker, type TestBroker } from './test-worker-host';
import type { BatchEvent, ResultEvent, StatusEvent, WorkerEvent } from './protocol';

// The cache mqtt-packet fills on the first packet it writes unless told not to (CommonJS, no types).
const numbers = createRequire(import.meta.url)('mqtt-packet/numbers.js') as { cache: Record<number, unknown> };

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(() => broker?.close());

const isConnected = (e: WorkerEvent): e is StatusEvent => e.type === 'status' && e.state === 'connected';
const isBatch = (e: WorkerEvent): e is BatchEvent => e.type === 'batch';

it('connects, subscribes and publishes without building the 65,536-entry number cache', async () => {
  const h = recordingHost();
  const topic = 'first/connect/säle-℃';
  h.send({
    type: 'connect',
    request: { url: `ws://127.0.0.1:${broker.wsPort}`, clientId: `first-${process.pid}`, keepalive: 30, clean: true, protocolVersion: 4, subscriptions: ['first/#'] },
  });
  await h.next(isConnected);
  await h.next((e): e is WorkerEvent => e.type === 'subscribed');

  // Another device sees the app's QoS 1 publish (packet identifier and lengths written as needed).
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`, { clientId: `dev-first-${process.pid}`, reconnectPeriod: 0 });
  await device.subscribeAsync('first/#');
  const seen = new Promise<[string, string]>((resolve) => device.on('message', (t, p) => resolve([t, p.toString()])));
  h.send({ type: 'publish', id: 7, topic, payload: new TextEncoder().encode('hello'), qos: 1, retain: false });
  const result = await h.next((e): e is ResultEvent => e.type === 'result' && e.id === 7);
  expect(result.ok).toBe(true);
  expect(await seen).toEqual([topic, 'hello']);
  // And the app receives it through its own subscription.
  const batch = await h.next(isBatch);
  expect(batch.messages.map((m) => m.topic)).toContain(topic);

  expect(Object.keys(numbers.cache)).toHaveLength(0);
  h.send({ type: 'disconnect' });
  await device.endAsync(true);
});
