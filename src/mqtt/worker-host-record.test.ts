/**
 * Recording through the worker host (worker-host.ts → record-control.ts → recorder.ts) against
 * the embedded aedes broker, with IndexedDB from fake-indexeddb: what the recorder stored is read
 * back from the database.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { recordingHost, startTestBroker, type TestBroker } from './test-worker-host';
import type { ResultEvent, StatusEvent, WorkerEvent } from './protocol';
import type { RecorderEvent } from './recorder-protocol';
import { openRecordingsDb, readChunks } from '../lib/recordings-db';
import { unpackChunk } from '../core/recording-chunk';

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(() => broker?.close());

const host = () => recordingHost();

const isResult = (id: number) => (e: WorkerEvent): e is ResultEvent => e.type === 'result' && e.id === id;
const isConnected = (e: WorkerEvent): e is StatusEvent => e.type === 'status' && e.state === 'connected';
const isStopped = (e: WorkerEvent): e is RecorderEvent => e.type === 'recorder' && e.state === 'stopped';

async function connected(subscriptions: string[]) {
  const h = host();
  h.send({
    type: 'connect',
    request: { url: `ws://127.0.0.1:${broker.wsPort}`, clientId: `rec-${process.pid}-${Math.random()}`, keepalive: 30, clean: true, protocolVersion: 4, subscriptions },
  });
  await h.next(isConnected);
  await h.next((e): e is WorkerEvent => e.type === 'subscribed');
  return h;
}

describe('recording in the worker host', () => {
  it("records the connection's subscriptions only, every byte, in order; Stop stores it complete", async () => {
    const h = await connected(['rec/#']);
    // A subscription of a view (not the profile's): received, but not recorded.
    h.send({ type: 'subscribe', id: 1, filters: ['other/#'] });
    await h.next(isResult(1));
    h.send({ type: 'record-start', id: 2, name: 'Unit' });
    expect((await h.next(isResult(2))).ok).toBe(true);
    const dev = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`, { reconnectPeriod: 0 });
    const sent = Array.from({ length: 20 }, (_, i) => ({ topic: `rec/d${i % 2}`, payload: Buffer.from([i, 0, 255, 10, 13]) }));
    for (const [i, m] of sent.entries()) {
      await dev.publishAsync(m.topic, m.payload, { qos: 1, retain: i === 3 });
      await dev.publishAsync('other/x', 'not recorded', { qos: 1 });
    }
    await dev.endAsync();
    await expect.poll(() => h.events.filter((e) => e.type === 'batch').flatMap((e) => (e.type === 'batch' ? e.messages : [])).length).toBe(40);
    h.send({ type: 'record-stop', id: 3 });
    await h.next(isResult(3));
    const stopped = await h.next(isStopped);
    expect(stopped).toMatchObject({ messages: 20 });
    expect(stopped.reason).toBeUndefined();

    const db = await openRecordingsDb();
    const meta = await db.get('recordings', stopped.recordingId);
    expect(meta).toMatchObject({ name: 'Unit', brokerUrl: `ws://127.0.0.1:${broker.wsPort}`, messages: 20, status: 'complete', filter: ['rec/#'] });
    const stored = (await readChunks(db, stopped.recordingId)).flatMap((c) => unpackChunk(c.data));
    expect(stored.map((m) => m.topic)).toEqual(sent.map((m) => m.topic));
    expect(stored.map((m) => [...m.payload])).toEqual(sent.map((m) => [...m.payload]));
    expect(stored.map((m) => m.qos)).toEqual(sent.map(() => 1));
    h.send({ type: 'disconnect' });
  });

  it('refuses to start while not connected, and a Disconnect stops a recording with the reason', async () => {
    const idle = host();
    idle.send({ type: 'record-start', id: 1, name: 'Nothing' });
    expect(await idle.next(isResult(1))).toMatchObject({ ok: false, error: 'Not connected: connect to a broker to record.' });

    const h = await connected(['#']);
    h.send({ type: 'record-start', id: 2, name: 'Cut' });
    expect((await h.next(isResult(2))).ok).toBe(true);
    h.send({ type: 'record-start', id: 3, name: 'Twice' });
    expect(await h.next(isResult(3))).toMatchObject({ ok: false, error: 'Already recording.' });
    h.send({ type: 'disconnect' });
    const stopped = await h.next(isStopped);
    expect(stopped.reason).toBe('Disconnected: the recording stopped.');
    const meta = await (await openRecordingsDb()).get('recordings', stopped.recordingId);
    expect(meta).toMatchObject({ status: 'stopped', reason: 'Disconnected: the recording stopped.' });
  });
});
