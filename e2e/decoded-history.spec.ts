// Decoded payloads beyond the newest message (issue 13) against a real Mosquitto, published by a
// separate MQTT client with the reference encoders (@msgpack/msgpack, sparkplug-payload): the
// History lists and diffs the entries decoded (with each entry's bytes still there as hex), the
// tree row switches as soon as Decode as is chosen (and back on Auto), and the Retained table and
// the Charts dialog preview the decoded value instead of hex.
import { createRequire } from 'node:module';
import mqtt from 'mqtt';
import { encode } from '@msgpack/msgpack';
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');
const spb = (p: unknown) => Buffer.from(sparkplug.encodePayload(p));

/** A row's description: its counts and preview, then its badges (retained). */
const described = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`);

test('MessagePack: the row switches at once with Decode as, History and Retained show the values decoded', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const device = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  const send = (value: unknown, retain = false) => device.publishAsync('dev/mp', Buffer.from(encode(value)), { qos: 1, retain });
  try {
    // Before any choice: hex everywhere (the worker has no decoder for it).
    await send({ temperature: 20, ok: true }, true);
    await send({ temperature: 20.5, ok: true });
    await app.expandPath(['dev']);
    const row = app.treeItem('mp');
    await expect(row).toHaveAccessibleDescription(/^2 msgs 0x82ab74656d70/);
    const message = await app.openTopic(['dev', 'mp']);
    const history = message.getByRole('list', { name: 'History' });
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await expect(history.getByRole('listitem').first()).toContainText('0x82ab');

    // Decode as MessagePack: the row, the panel and the History switch without a new message.
    await message.getByLabel('Decode as').selectOption('MessagePack');
    await expect(row).toHaveAccessibleDescription(described('2 msgs {"temperature":20.5,"ok":true}'));
    await expect(message.getByLabel('Decoded payload')).toContainText('"temperature": 20.5');
    await expect(history.getByRole('listitem')).toContainText(['{"temperature":20.5,"ok":true}', '{"temperature":20,"ok":true}']);
    // Back to Auto: the bytes again, at once; then MessagePack for the rest.
    await message.getByLabel('Decode as').selectOption('Auto');
    await expect(row).toHaveAccessibleDescription(/^2 msgs 0x82ab/);
    await expect(history.getByRole('listitem').first()).toContainText('0x82ab');
    await message.getByLabel('Decode as').selectOption('MessagePack');
    await expect(row).toHaveAccessibleDescription(described('2 msgs {"temperature":20.5,"ok":true}'));

    // Entries the worker decoded while the History was shown, and while another topic was.
    await send({ temperature: 21, ok: true });
    await expect(history.getByRole('listitem')).toHaveCount(3);
    await device.publishAsync('dev/other', 'x', { qos: 1 });
    await app.treeItem('other').click();
    await expect(message.getByRole('heading', { level: 2 })).toHaveText('dev/other');
    await send({ temperature: 22.5, ok: false });
    await expect(row).toHaveAccessibleDescription(described('4 msgs {"temperature":22.5,"ok":false}'));
    await row.click();
    await expect(message.getByRole('heading', { level: 2 })).toHaveText('dev/mp');
    await expect(history.getByRole('listitem')).toContainText([
      '{"temperature":22.5,"ok":false}',
      '{"temperature":21,"ok":true}',
      '{"temperature":20.5,"ok":true}',
      '{"temperature":20,"ok":true}',
    ]);
    // The diff is by field; the chosen entry's value and bytes are there.
    const diff = message.getByRole('group', { name: 'Changes from the previous message' });
    await expect(diff.getByRole('listitem')).toHaveText(['~temperature 21 → 22.5', '~ok true → false']);
    await history.getByRole('listitem').nth(1).getByRole('button').click();
    await expect(diff.getByRole('listitem')).toHaveText(['~temperature 20.5 → 21']);
    await message.getByText(/^Entry at .*: decoded MessagePack and raw payload \(\d+ bytes\)$/).click();
    await expect(message.getByLabel('History entry decoded')).toHaveText('{\n  "temperature": 21,\n  "ok": true\n}');
    await expect(message.getByLabel('History entry bytes')).toHaveText(/^82 ab 74 65 6d 70( [0-9a-f]{2})+$/);
    await message.getByLabel('History entry bytes').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('history-msgpack.png') });

    // The Retained table: the retained message (no longer the newest, so decoded here) decoded.
    await page.getByRole('navigation').getByRole('link', { name: 'Retained' }).click();
    const table = page.getByRole('table', { name: 'Retained messages' });
    await expect(table.getByRole('row').nth(1)).toContainText('dev/mp');
    await expect(table.getByRole('row').nth(1)).toContainText('{"temperature":20,"ok":true}');
    await page.screenshot({ path: test.info().outputPath('retained-msgpack.png') });
  } finally {
    await device.endAsync();
  }
});

test('Sparkplug B: History entries list their metrics by name (aliases from the DBIRTH) and diff by metric', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const edge = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0, clientId: 'line3' });
  const send = (topic: string, payload: Buffer) => edge.publishAsync(topic, payload, { qos: 1 });
  const data = (seq: number, t: number, p: number) =>
    send('spBv1.0/plant/DDATA/line3/boiler', spb({ timestamp: now + seq, seq, metrics: [{ alias: 1, type: 'Float', value: t }, { alias: 2, type: 'Double', value: p }] }));
  const now = Date.now();
  try {
    await send('spBv1.0/plant/NBIRTH/line3', spb({ timestamp: now, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }));
    await send(
      'spBv1.0/plant/DBIRTH/line3/boiler',
      spb({ timestamp: now, seq: 1, metrics: [{ name: 'Temperature', alias: 1, type: 'Float', value: 20 }, { name: 'Pressure', alias: 2, type: 'Double', value: 1 }] }),
    );
    await data(2, 21.3, 1.02);
    await data(3, 21.5, 1.02);
    const message = await app.openTopic(['spBv1.0', 'plant', 'DDATA', 'line3', 'boiler']);
    await data(4, 22, 1.1); // while the History is shown: the worker's decoding stays on it
    const history = message.getByRole('list', { name: 'History' });
    await expect(history.getByRole('listitem')).toHaveCount(3);
    await expect(app.treeItem('boiler')).toHaveAccessibleDescription('3 msgs DDATA · Temperature 22, Pressure 1.1');
    await expect(history.getByRole('listitem')).toContainText([
      'DDATA · Temperature 22, Pressure 1.1',
      'DDATA · Temperature 21.5, Pressure 1.02',
      'DDATA · Temperature 21.3, Pressure 1.02',
    ]);
    const diff = message.getByRole('group', { name: 'Changes from the previous message' });
    await expect(diff.getByRole('listitem')).toHaveText(['~Temperature 21.5 → 22', '~Pressure 1.02 → 1.1']);
    await history.getByRole('listitem').nth(1).getByRole('button').click();
    await expect(diff.getByRole('listitem')).toHaveText(['~Temperature 21.3 → 21.5']);
    await message.getByText(/^Entry at .*: decoded Sparkplug B DDATA and raw payload/).click();
    const metrics = message.getByRole('table', { name: 'History entry metrics' });
    await expect(metrics.getByRole('row').nth(1)).toContainText('Temperature');
    await expect(metrics.getByRole('row').nth(1)).toContainText('21.5');
    await expect(metrics.getByRole('row').nth(2)).toContainText('Pressure');
    await expect(message.getByLabel('History entry bytes')).toHaveText(/^([0-9a-f]{2} )+[0-9a-f]{2}$/);
    await message.getByLabel('History entry bytes').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('history-sparkplug.png') });
  } finally {
    await edge.endAsync();
  }
});
