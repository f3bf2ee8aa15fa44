/**
 * Alert rules on decoded payloads through the worker host (worker-host.ts: decoders, then the
 * rules, then the batcher) against the embedded aedes broker: a threshold on a MessagePack field
 * (Decode as) and on a Sparkplug B metric named in the DBIRTH and sent by alias in the DDATA, with
 * payloads encoded by the reference libraries (@msgpack/msgpack, sparkplug-payload).
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { encode } from '@msgpack/msgpack';
import { recordingHost, startTestBroker, type TestBroker } from './test-worker-host';
import type { StatusEvent, WorkerEvent } from './protocol';
import type { AlertsEvent } from './alert-protocol';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');
const spb = (p: unknown) => Buffer.from(sparkplug.encodePayload(p));

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(() => broker?.close());

const isConnected = (e: WorkerEvent): e is StatusEvent => e.type === 'status' && e.state === 'connected';
const isAlerts = (e: WorkerEvent): e is AlertsEvent => e.type === 'alerts';

async function connected(subscriptions: string[]) {
  const h = recordingHost();
  h.send({
    type: 'connect',
    request: { url: `ws://127.0.0.1:${broker.wsPort}`, clientId: `alert-dec-${process.pid}-${Math.random()}`, keepalive: 30, clean: true, protocolVersion: 4, subscriptions },
  });
  await h.next(isConnected);
  await h.next((e): e is WorkerEvent => e.type === 'subscribed');
  return h;
}

describe('alert rules in the worker read decoded payloads', () => {
  it('a threshold on a MessagePack field and on a Sparkplug B metric fires once, with the decoded value', async () => {
    const h = await connected(['unit/mp/#', 'spBv1.0/#']);
    h.send({ type: 'decode-rules', rules: [{ filter: 'unit/mp/+', format: 'msgpack' }] });
    h.send({
      type: 'alert-rules',
      rules: [
        { id: 'mp', filter: 'unit/mp/+', condition: 'above', value: 30, jsonPath: 'temperature', enabled: true },
        { id: 'sp', filter: 'spBv1.0/factory/DDATA/line2/boiler', condition: 'above', value: 30, jsonPath: 'Temperature', enabled: true },
      ],
    });
    await h.next(isAlerts); // the engine loaded
    const dev = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`, { reconnectPeriod: 0 });
    try {
      for (const t of [25, 31, 32]) await dev.publishAsync('unit/mp/boiler', Buffer.from(encode({ temperature: t, ok: true })), { qos: 1 });
      const now = Date.now();
      await dev.publishAsync('spBv1.0/factory/NBIRTH/line2', spb({ timestamp: now, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }), { qos: 1 });
      await dev.publishAsync(
        'spBv1.0/factory/DBIRTH/line2/boiler',
        spb({ timestamp: now, seq: 1, metrics: [{ name: 'Temperature', alias: 1, type: 'Float', value: 20 }, { name: 'Pressure', alias: 2, type: 'Double', value: 1 }] }),
        { qos: 1 },
      );
      // By alias only, and a message without the metric (Sparkplug reports by exception).
      const ddata = (seq: number, metrics: unknown[]) => dev.publishAsync('spBv1.0/factory/DDATA/line2/boiler', spb({ timestamp: now + seq, seq, metrics }), { qos: 1 });
      await ddata(2, [{ alias: 1, type: 'Float', value: 25 }]);
      await ddata(3, [{ alias: 2, type: 'Double', value: 1.5 }]);
      await ddata(4, [{ alias: 1, type: 'Float', value: 31.5 }]);
      await ddata(5, [{ alias: 1, type: 'Float', value: 33 }]);

      const entries = () => h.events.filter(isAlerts).flatMap((e) => e.report.entries.map((x) => `${x.kind} ${x.ruleId} ${x.topic} ${x.value}`));
      await expect.poll(entries).toEqual(['fired mp unit/mp/boiler 31', 'fired sp spBv1.0/factory/DDATA/line2/boiler 31.5']);
      const statuses = h.events.filter(isAlerts).flatMap((e) => e.report.rules);
      expect(statuses.filter((r) => r.id === 'sp').at(-1)).toMatchObject({ state: 'firing', active: 1 });
      expect(statuses.filter((r) => r.id === 'sp').at(-1)?.note).toBeUndefined();
      expect(statuses.filter((r) => r.id === 'mp').at(-1)?.note).toBeUndefined();
    } finally {
      await dev.endAsync();
      h.send({ type: 'disconnect' });
    }
  });
});
