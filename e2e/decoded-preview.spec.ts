// The Explorer tree's one-line preview of a decoded payload (issue 13) against a real Mosquitto:
// Sparkplug B encoded by the reference library (sparkplug-payload) in the test process, MessagePack
// by @msgpack/msgpack. The row shows the decoded reading (metric names resolved from the BIRTH),
// not hex; a payload the decoder refuses keeps its text preview.
import { createRequire } from 'node:module';
import mqtt from 'mqtt';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');
const spb = (p: unknown) => Buffer.from(sparkplug.encodePayload(p));

test('tree rows preview decoded payloads: Sparkplug metrics by name, MessagePack as JSON text', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const edge = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0, clientId: 'line2' });
  const send = (topic: string, payload: Buffer | string) => edge.publishAsync(topic, payload, { qos: 1 });
  try {
    const now = Date.now();
    await send('spBv1.0/factory/NBIRTH/line2', spb({ timestamp: now, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }));
    await send(
      'spBv1.0/factory/DBIRTH/line2/boiler',
      spb({
        timestamp: now,
        seq: 1,
        metrics: [
          { name: 'Temperature', alias: 1, type: 'Float', value: 20 },
          { name: 'Pressure', alias: 2, type: 'Double', value: 1 },
          { name: 'Burner On', alias: 3, type: 'Boolean', value: false },
          { name: 'Status', alias: 4, type: 'String', value: 'idle' },
          { name: 'Setpoint', alias: 5, type: 'Double', value: 22.5 },
        ],
      }),
    );
    // DATA by alias only: the row names the metrics from the DBIRTH; a Float shows as sent (21.3, not 21.299999237060547).
    await send(
      'spBv1.0/factory/DDATA/line2/boiler',
      spb({
        timestamp: now + 1,
        seq: 2,
        metrics: [
          { alias: 1, type: 'Float', value: 21.3 },
          { alias: 2, type: 'Double', value: 1.02 },
          { alias: 3, type: 'Boolean', value: true },
          { alias: 4, type: 'String', value: '<b>heating</b>' },
          { alias: 5, type: 'Double', value: 22.5 },
        ],
      }),
    );
    await send('spBv1.0/factory/NDATA/edge9', 'hello world'); // not Sparkplug B: the text as before

    await app.expandPath(['spBv1.0', 'factory', 'DDATA', 'line2']);
    const boiler = app.treeItem('boiler').first();
    // The preview is the row's description after its counts; cut at 80 characters with '…'.
    await expect(boiler).toHaveAccessibleDescription(
      '1 msg DDATA · Temperature 21.3, Pressure 1.02, Burner On true, Status "<b>heating</b>…',
    );
    await app.expandPath(['NDATA']);
    await expect(app.treeItem('edge9')).toHaveAccessibleDescription('1 msg hello world');

    // MessagePack chosen for the topic: the worker decodes the next message, and its row shows the value.
    await send('dev/mp', Buffer.from(msgpackEncode({ temperature: 21.5, ok: true })));
    await app.treeItem('dev').click();
    await app.treeItem('dev').press('ArrowRight');
    await expect(app.treeItem('mp')).toHaveAccessibleDescription(/^1 msg 0x/); // hex until a decoder is chosen
    await app.treeItem('mp').click();
    const message = page.getByRole('region', { name: 'Message' });
    await message.getByLabel('Decode as').selectOption('MessagePack');
    await expect(message.getByLabel('Decoded payload')).toContainText('"temperature": 21.5');
    await send('dev/mp', Buffer.from(msgpackEncode({ temperature: 22.25, ok: true })));
    await expect(app.treeItem('mp')).toHaveAccessibleDescription('2 msgs {"temperature":22.25,"ok":true}');
    await page.screenshot({ path: test.info().outputPath('decoded-preview.png') });
  } finally {
    await edge.endAsync();
  }
});
