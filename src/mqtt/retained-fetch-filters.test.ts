/**
 * fetch-retained under topic filters (retained-fetch.ts, `filters: true`): a snapshot of every
 * retained message the broker holds under the filters, read over a second connection — what a
 * recording is compared with (features/recordings/compare-run.ts). Against the embedded aedes
 * broker (dev/broker.js) on free ports, through the worker host as the app drives it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { recordingHost, startTestBroker, type TestBroker } from './test-worker-host';
import type { ResultEvent, StatusEvent, WorkerEvent } from './protocol';

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(() => broker?.close());

const isStatus = (state: StatusEvent['state']) => (e: WorkerEvent): e is StatusEvent => e.type === 'status' && e.state === state;
const isResult = (id: number) => (e: WorkerEvent): e is ResultEvent => e.type === 'result' && e.id === id;

describe('fetch-retained with filters', () => {
  it('reads every retained message under the filters in full (not plain messages, not other topics, not cleared ones)', async () => {
    const dev = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`, { clientId: `snap-dev-${process.pid}`, reconnectPeriod: 0 });
    const big = Buffer.alloc(70_000, 5);
    await dev.publishAsync('snap/a', 'one', { qos: 1, retain: true });
    await dev.publishAsync('snap/deep/b', big, { qos: 1, retain: true });
    await dev.publishAsync('snap/gone', 'x', { qos: 1, retain: true });
    await dev.publishAsync('snap/gone', '', { qos: 1, retain: true });
    await dev.publishAsync('snap/plain', 'not kept', { qos: 1 });
    await dev.publishAsync('other/c', 'elsewhere', { qos: 1, retain: true });

    const h = recordingHost();
    h.send({
      type: 'connect',
      request: { url: `ws://127.0.0.1:${broker.wsPort}`, clientId: `snap-${process.pid}`, keepalive: 30, clean: true, protocolVersion: 4, subscriptions: [] },
    });
    await h.next(isStatus('connected'));
    h.send({ type: 'fetch-retained', id: 7, topics: ['snap/#'], filters: true });
    const r = await h.next(isResult(7));
    expect(r.ok).toBe(true);
    const got = (r.retained ?? []).map((m) => [m.topic, m.payload.length, m.payload[0]]).sort();
    expect(got).toEqual([
      ['snap/a', 3, 'o'.charCodeAt(0)],
      ['snap/deep/b', 70_000, 5],
    ]);

    // Nothing retained under the filter: an empty snapshot, not an error.
    h.send({ type: 'fetch-retained', id: 8, topics: ['nothing/here/#'], filters: true });
    expect(await h.next(isResult(8))).toMatchObject({ ok: true, retained: [] });

    h.send({ type: 'disconnect' });
    for (const t of ['snap/a', 'snap/deep/b', 'other/c']) await dev.publishAsync(t, '', { qos: 1, retain: true });
    await dev.endAsync(true);
  });
});
