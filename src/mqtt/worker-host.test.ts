/**
 * The worker's command handling (worker-host.ts) against a real broker: the embedded aedes
 * broker of `npm start` (dev/broker.js), over WebSocket as the app uses it, on free ports.
 * What the main thread would see is what is asserted: the events the worker posts.
 * aedes speaks MQTT 3.1.1 only; a second, plain mqtt.js client plays the other devices.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { recordingHost, startTestBroker, type TestBroker } from './test-worker-host';
import type { BatchEvent, ConnectRequest, ResultEvent, StatusEvent, WorkerCommand, WorkerEvent } from './protocol';
import type { AlertsEvent } from './alert-protocol';

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(() => broker?.close());

/** A recording worker host (test-worker-host.ts), disconnected after each test. */
function host(connect?: Parameters<typeof recordingHost>[0]) {
  const h = recordingHost(connect);
  hosts.push(h.send);
  return h;
}
const hosts: ((cmd: WorkerCommand) => void)[] = [];

const isStatus = (state: StatusEvent['state']) => (e: WorkerEvent): e is StatusEvent => e.type === 'status' && e.state === state;
const isResult = (id: number) => (e: WorkerEvent): e is ResultEvent => e.type === 'result' && e.id === id;
const isBatch = (e: WorkerEvent): e is BatchEvent => e.type === 'batch';

let n = 0;
const request = (over: Partial<ConnectRequest> = {}): ConnectRequest => ({
  url: `ws://127.0.0.1:${broker.wsPort}`,
  clientId: `unit-${process.pid}-${++n}`,
  keepalive: 30,
  clean: true,
  protocolVersion: 4,
  subscriptions: [],
  ...over,
});

/** A plain MQTT client on the broker's TCP port: the other devices. */
const others: MqttClient[] = [];
async function device(): Promise<MqttClient> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`, { clientId: `dev-${process.pid}-${++n}`, reconnectPeriod: 0 });
  others.push(c);
  return c;
}

afterEach(async () => {
  for (const h of hosts.splice(0)) h({ type: 'disconnect' });
  await Promise.all(others.splice(0).map((c) => c.endAsync(true)));
});

/** The bytes of each message in a batch, as the main thread reads them out of the shared buffer. */
const payloads = (b: BatchEvent) => b.messages.map((m) => [m.topic, [...new Uint8Array(b.buffer, m.offset, m.length)]]);

async function connected(over: Partial<ConnectRequest> = {}) {
  const h = host();
  h.send({ type: 'connect', request: request(over) });
  await h.next(isStatus('connected'));
  return h;
}

describe('worker host against a real broker', () => {
  it('connect reports connecting, then connected, and subscribes to the profile’s filters', async () => {
    const h = host();
    const req = request({ subscriptions: ['unit/a/#', 'unit/b'] });
    h.send({ type: 'connect', request: req });
    const subscribed = await h.next((e): e is Extract<WorkerEvent, { type: 'subscribed' }> => e.type === 'subscribed');
    const statuses = h.events.filter((e): e is StatusEvent => e.type === 'status');
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected']);
    expect(statuses[1]).toMatchObject({ protocolVersion: 4, nodeUrl: req.url });
    expect(subscribed.results).toEqual([
      { filter: 'unit/a/#', code: 2 },
      { filter: 'unit/b', code: 2 },
    ]);
  });

  it('an MQTT 5 profile on a 3.1.1-only broker falls back and says why', async () => {
    const h = host();
    h.send({ type: 'connect', request: request({ protocolVersion: 5 }) });
    const up = await h.next(isStatus('connected'));
    expect(up.protocolVersion).toBe(4);
    expect(up.note).toBeTruthy();
  });

  it('a 3.1.1 connect asked for because the broker refused MQTT 5 lately (version-memory.ts) says why, as the fallback does', async () => {
    const h = host();
    h.send({ type: 'connect', request: request({ protocolVersion: 4, versionNote: 'MQTT 3.1.1: the broker refused MQTT 5' }) });
    const up = await h.next(isStatus('connected'));
    expect(up).toMatchObject({ protocolVersion: 4, note: 'MQTT 3.1.1: the broker refused MQTT 5' });
  });

  it('subscribe is answered with what the broker granted; a message from another client arrives in a batch, byte for byte', async () => {
    const h = await connected();
    h.send({ type: 'subscribe', id: 7, filters: ['unit/sub/+'] });
    expect(await h.next(isResult(7))).toMatchObject({ ok: true, subscriptions: [{ filter: 'unit/sub/+', code: 2 }] });
    const from = h.events.length;
    const other = await device();
    await other.publishAsync('unit/sub/raw', Buffer.from([0, 1, 128, 255, 10]), { qos: 1 });
    const batch = await h.next(isBatch, from);
    expect(payloads(batch)).toEqual([['unit/sub/raw', [0, 1, 128, 255, 10]]]);
    expect(batch.messages[0]).toMatchObject({ qos: 1, retain: false, size: 5 });
    expect(batch.messages[0].replay).toBeFalsy();
  });

  it('a retained message the broker replays on subscribe comes as a replay', async () => {
    const other = await device();
    await other.publishAsync('unit/kept', 'on', { qos: 1, retain: true });
    const h = await connected({ subscriptions: ['unit/kept'] });
    const batch = await h.next(isBatch);
    expect(payloads(batch)).toEqual([['unit/kept', [...Buffer.from('on')]]]);
    expect(batch.messages[0]).toMatchObject({ retain: true, replay: true });
    await other.publishAsync('unit/kept', '', { qos: 1, retain: true });
  });

  it('alert rules given as a command are evaluated on the messages in the worker; only what changed comes back', async () => {
    const h = await connected({ subscriptions: ['unit/alert/#'] });
    h.send({ type: 'alert-rules', rules: [{ id: 'hot', filter: 'unit/alert/+', condition: 'above', value: 30, enabled: true }] });
    const isAlerts = (e: WorkerEvent): e is AlertsEvent => e.type === 'alerts';
    const first = await h.next(isAlerts); // the engine loaded: every rule's status
    expect(first.report.rules).toMatchObject([{ id: 'hot', state: 'waiting' }]);
    const from = h.events.length;
    const other = await device();
    await other.publishAsync('unit/alert/boiler', '31', { qos: 1 });
    const fired = await h.next((e): e is AlertsEvent => isAlerts(e) && e.report.entries.length > 0, from);
    expect(fired.report.entries).toMatchObject([{ kind: 'fired', ruleId: 'hot', topic: 'unit/alert/boiler', value: '31' }]);
    expect(fired.report.rules).toMatchObject([{ id: 'hot', state: 'firing', active: 1, topics: ['unit/alert/boiler'] }]);
    // The batch with the message came first, as always.
    expect(h.events.slice(from).findIndex(isBatch)).toBeLessThan(h.events.slice(from).indexOf(fired));
    h.send({ type: 'alert-rules', rules: [] });
  });

  it('publish at QoS 1 is answered ok once the broker acknowledged it, and reaches other clients', async () => {
    const other = await device();
    await other.subscribeAsync('unit/pub');
    const got = new Promise<[string, number[]]>((resolve) => other.on('message', (t, p) => resolve([t, [...p]])));
    const h = await connected();
    h.send({ type: 'publish', id: 11, topic: 'unit/pub', payload: new Uint8Array([1, 2, 3]), qos: 1, retain: false });
    expect(await h.next(isResult(11))).toEqual({ type: 'result', id: 11, ok: true, reasonCode: undefined });
    expect(await got).toEqual(['unit/pub', [1, 2, 3]]);
  });

  it('publish and subscribe while disconnected are refused: nothing is sent', async () => {
    const h = host();
    h.send({ type: 'publish', id: 1, topic: 'unit/x', payload: new Uint8Array([1]), qos: 1, retain: false });
    h.send({ type: 'subscribe', id: 2, filters: ['unit/#'] });
    expect(await h.next(isResult(1))).toEqual({ type: 'result', id: 1, ok: false, error: 'Not connected: nothing was sent.' });
    expect(await h.next(isResult(2))).toEqual({ type: 'result', id: 2, ok: false, error: 'Not connected.' });
  });

  it('reads a retained message back in full on request (fetch-retained)', async () => {
    const other = await device();
    const big = Buffer.alloc(70_000, 7);
    await other.publishAsync('unit/big', big, { qos: 1, retain: true });
    const h = await connected();
    h.send({ type: 'fetch-retained', id: 5, topics: ['unit/big'] });
    const r = await h.next(isResult(5));
    expect(r.ok).toBe(true);
    expect(r.retained?.map((m) => [m.topic, m.payload.length, m.payload.every((b) => b === 7)])).toEqual([['unit/big', 70_000, true]]);
    await other.publishAsync('unit/big', '', { qos: 1, retain: true });
  });

  it('a command that throws is answered with a failed result for its id; one without an id, with an error status', async () => {
    const h = await connected();
    // A malformed command (topics not a list) makes the handler throw.
    h.send({ type: 'fetch-retained', id: 9, topics: 42 as unknown as string[] });
    const r = await h.next(isResult(9));
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^The connection worker failed: /);

    const failing = host(() => {
      throw new Error('no sockets today');
    });
    failing.send({ type: 'connect', request: request() });
    expect(await failing.next(isStatus('error'))).toMatchObject({ reason: 'The connection worker failed: no sockets today' });
  });

  it('disconnect reports disconnected; a publish after it is refused', async () => {
    const h = await connected();
    const from = h.events.length;
    h.send({ type: 'disconnect' });
    expect(await h.next(isStatus('disconnected'), from)).toEqual({ type: 'status', state: 'disconnected' });
    h.send({ type: 'publish', id: 3, topic: 'unit/x', payload: new Uint8Array([1]), qos: 0, retain: false });
    expect(await h.next(isResult(3))).toMatchObject({ ok: false, error: 'Not connected: nothing was sent.' });
  });
});
