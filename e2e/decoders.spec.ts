// Payload decoders (issue 13) against a real Mosquitto: Sparkplug B encoded by the reference
// library (sparkplug-payload, Eclipse Tahu's JavaScript encoder) in the test process, a separate
// MQTT client from the app; MessagePack from @msgpack/msgpack.
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import mqtt, { type MqttClient } from 'mqtt';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { encode as cborEncode } from 'cbor-x';
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');
const spb = (p: unknown) => Buffer.from(sparkplug.encodePayload(p));

async function publish(client: MqttClient, topic: string, payload: Buffer | string) {
  await client.publishAsync(topic, payload, { qos: 1 });
}

/** The Metrics table's rows as [Name, Alias, Type, Value] cells. */
async function metricRows(message: ReturnType<Page['getByRole']>) {
  const rows = message.getByRole('table', { name: 'Metrics' }).getByRole('row');
  return rows.evaluateAll((trs) => trs.slice(1).map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent).slice(0, 4)));
}

test('Sparkplug B: metrics by name with values and types, aliases from the BIRTH, a seq gap flagged', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const edge = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0, clientId: 'edge1' });
  try {
    const now = Date.now();
    await publish(edge, 'spBv1.0/plant/NBIRTH/edge1', spb({ timestamp: now, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }, { name: 'Node Control/Rebirth', type: 'Boolean', value: false }] }));
    await publish(
      edge,
      'spBv1.0/plant/DBIRTH/edge1/pump',
      spb({
        timestamp: now,
        seq: 1,
        metrics: [
          { name: 'Pressure', alias: 1, type: 'Float', value: 1.25, timestamp: now },
          { name: 'Running', alias: 2, type: 'Boolean', value: false, timestamp: now },
          { name: 'Count', alias: 3, type: 'Int32', value: -7, timestamp: now },
          { name: 'Label', alias: 4, type: 'String', value: '<b>pump</b>', timestamp: now },
        ],
      }),
    );
    // DATA carries aliases only: the names come from the DBIRTH.
    await publish(edge, 'spBv1.0/plant/DDATA/edge1/pump', spb({ timestamp: now + 1, seq: 2, metrics: [{ alias: 1, type: 'Float', value: 2.5 }, { alias: 2, type: 'Boolean', value: true }, { alias: 3, type: 'Int32', value: -42 }] }));

    const message = await app.openTopic(['spBv1.0', 'plant', 'DDATA', 'edge1', 'pump']);
    await expect(message.getByLabel('Decode as')).toHaveValue('auto');
    await expect.poll(() => metricRows(message)).toEqual([
      ['Pressure', '1', 'Float', '2.5'],
      ['Running', '2', 'Boolean', 'true'],
      ['Count', '3', 'Int32', '-42'],
    ]);
    await expect(message.getByText('Sparkplug B DDATA · plant / edge1 / pump · seq 2')).toBeVisible();
    await expect(message.getByText(/messages? missed/)).toHaveCount(0);
    // The bytes are still there, as hex.
    await message.getByText(/^Raw payload/).click();
    await message.getByRole('radio', { name: 'Hex' }).check();
    await expect(message.getByLabel('Payload', { exact: true })).toContainText(/^[0-9a-f]{2}( [0-9a-f]{2})+/);

    // seq 3, 4 and 5 never arrive.
    await publish(edge, 'spBv1.0/plant/DDATA/edge1/pump', spb({ timestamp: now + 2, seq: 6, metrics: [{ alias: 1, type: 'Float', value: 3.75 }] }));
    await expect(message.getByRole('status').filter({ hasText: '3 messages missed — request a rebirth' })).toBeVisible();
    await expect.poll(() => metricRows(message)).toEqual([['Pressure', '1', 'Float', '3.75']]);

    // The BIRTH shows every metric by name, markup as text.
    const birth = await app.openTopic(['spBv1.0', 'plant', 'DBIRTH', 'edge1', 'pump']);
    await expect(birth.getByRole('table', { name: 'Metrics' }).getByRole('cell', { name: '<b>pump</b>', exact: true })).toBeVisible();
  } finally {
    await edge.endAsync();
  }
});

test('a plain string on a Sparkplug topic is shown as text with the reason', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const client = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  try {
    await publish(client, 'spBv1.0/plant/NDATA/edge2', 'hello world');
    const message = await app.openTopic(['spBv1.0', 'plant', 'NDATA', 'edge2']);
    await expect(message.getByText(/^Shown as it is: not valid Sparkplug B: /)).toBeVisible();
    await expect(message.getByLabel('Payload', { exact: true })).toHaveText('hello world');
    await expect(message.getByRole('table', { name: 'Metrics' })).toHaveCount(0);
  } finally {
    await client.endAsync();
  }
});

test('Decode as MessagePack shows the decoded fields, and is remembered for the topic', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const device = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  try {
    await publish(device, 'dev/sensor1/mp', Buffer.from(msgpackEncode({ temperature: 21.5, ok: true, name: 'a<i>b' })));
    const message = await app.openTopic(['dev', 'sensor1', 'mp']);
    await message.getByLabel('Decode as').selectOption('MessagePack');
    // The message already shown is decoded at once; the worker decodes the next ones.
    const decoded = message.getByLabel('Decoded payload');
    await expect(decoded).toContainText('"temperature": 21.5');
    await publish(device, 'dev/sensor1/mp', Buffer.from(msgpackEncode({ temperature: 22.25, ok: true, name: 'a<i>b' })));
    await expect(decoded).toContainText('"temperature": 22.25');
    await expect(decoded).toContainText('"name": "a<i>b"');

    // Remembered across a reload: the next message is decoded straight away.
    await page.reload();
    await app.expectConnected();
    await publish(device, 'dev/sensor1/mp', Buffer.from(msgpackEncode({ temperature: 23, ok: false })));
    const again = await app.openTopic(['dev', 'sensor1', 'mp']);
    await expect(again.getByLabel('Decode as')).toHaveValue('msgpack');
    await expect(again.getByLabel('Decoded payload')).toContainText('"temperature": 23');
  } finally {
    await device.endAsync();
  }
});

test('Decode as CBOR decodes a retained message at once, with no CSP violation (cbor-x without eval)', async ({ page, mosquitto }) => {
  const device = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  try {
    await device.publishAsync('dev/sensor2/cbor', Buffer.from(cborEncode({ level: 7, unit: 'cm', samples: [1, 2, 3] })), { qos: 1, retain: true });
    const app = new AppPage(page);
    await app.open(mosquitto.wsUrl);
    await app.expectConnected();
    const message = await app.openTopic(['dev', 'sensor2', 'cbor']);
    await message.getByLabel('Decode as').selectOption('CBOR');
    const decoded = message.getByLabel('Decoded payload');
    await expect(decoded).toContainText('"level": 7');
    await expect(decoded).toContainText('"unit": "cm"');
    // The CSP fixture fails the test on any violation: the default cbor-x build probes new Function('') when it loads.
  } finally {
    await device.endAsync();
  }
});
