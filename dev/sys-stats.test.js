import { test, expect } from 'vitest';
import { startBroker } from './broker.js';
import { connectClient, recordMessages } from './test-utils.js';

test('the embedded broker publishes Mosquitto-style statistics on $SYS/broker', async () => {
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1', sysIntervalMs: 200 });
  const sub = await connectClient(`mqtt://127.0.0.1:${broker.mqttPort}`);
  const pub = await connectClient(`mqtt://127.0.0.1:${broker.mqttPort}`);
  try {
    const seen = recordMessages(sub);
    await sub.subscribeAsync(['$SYS/broker/#', 'data/#']);
    await pub.publishAsync('data/x', 'a', { retain: true });
    await pub.publishAsync('data/y', 'b');
    const value = async (topic, predicate) => (await seen.waitFor(`$SYS/broker/${topic}`, predicate, { timeoutMs: 5000 })).text;
    expect(await value('version', (v) => v.startsWith('aedes'))).toMatch(/Switchyard/);
    expect(Number(await value('clients/connected', (v) => Number(v) === 2))).toBe(2);
    expect(Number(await value('messages/received', (v) => Number(v) >= 2))).toBeGreaterThanOrEqual(2);
    expect(Number(await value('messages/sent', (v) => Number(v) >= 2))).toBeGreaterThanOrEqual(2);
    expect(Number(await value('retained messages/count', (v) => Number(v) === 1))).toBe(1);
    expect(Number(await value('subscriptions/count', (v) => Number(v) >= 2))).toBeGreaterThanOrEqual(2);
    expect(await value('uptime', (v) => /^\d+ seconds$/.test(v))).toMatch(/seconds$/);
  } finally {
    await sub.endAsync();
    await pub.endAsync();
    await broker.close();
  }
});

test('a client that subscribes to $SYS gets the statistics at once, not at the next interval', async () => {
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1', sysIntervalMs: 600_000 });
  const sub = await connectClient(`mqtt://127.0.0.1:${broker.mqttPort}`);
  try {
    const seen = recordMessages(sub);
    await sub.subscribeAsync('$SYS/broker/version');
    expect((await seen.waitFor('$SYS/broker/version', () => true, { timeoutMs: 3000 })).text).toMatch(/^aedes .*Switchyard/);
  } finally {
    await sub.endAsync();
    await broker.close();
  }
});
