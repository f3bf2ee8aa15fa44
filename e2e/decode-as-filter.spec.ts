// Decode as per topic filter (issue 13) against a real Mosquitto: MessagePack chosen on one topic
// for `home/+/climate` (Apply to) decodes another matching topic; a topic outside it stays hex;
// a reload keeps the rule; a bad typed filter gets an alert; the Decoders page lists and removes it.
import mqtt from 'mqtt';
import { encode } from '@msgpack/msgpack';
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';

test('Decode as MessagePack for home/+/climate decodes every matching topic, survives a reload, and is listed on the Decoders page', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const device = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  const send = (topic: string, value: unknown) => device.publishAsync(topic, Buffer.from(encode(value)), { qos: 1 });
  try {
    await send('home/kitchen/climate', { temperature: 21.5 });
    let message = await app.openTopic(['home', 'kitchen', 'climate']);
    const scope = message.getByLabel('Apply to');
    await expect(scope).toHaveValue('home/kitchen/climate');

    // A typed filter is validated, with an alert beside it.
    await scope.selectOption('Other filter…');
    await message.getByLabel('Filter', { exact: true }).fill('home/#/x');
    await message.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(message.getByRole('alert')).toContainText('#');
    await message.getByLabel('Filter', { exact: true }).fill('office/+');
    await message.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(message.getByRole('alert')).toHaveText('office/+ does not match this topic.');

    await scope.selectOption('home/+/climate');
    await expect(message.getByRole('alert')).toHaveCount(0);
    await message.getByLabel('Decode as').selectOption('MessagePack');
    await expect(message.getByLabel('Decoded payload')).toContainText('"temperature": 21.5');

    // Another topic under the filter is decoded (by the worker, as it arrives); one outside stays hex.
    await send('home/cellar/climate', { temperature: 12.25, humidity: 80 });
    await send('home/cellar/power', { watts: 300 });
    message = await app.openTopic(['home', 'cellar', 'climate']);
    await expect(message.getByLabel('Decoded payload')).toContainText('"humidity": 80');
    await expect(message.getByLabel('Decode as')).toHaveValue('msgpack');
    await expect(message.getByLabel('Apply to')).toHaveValue('home/+/climate');
    await app.treeItem('power').first().click();
    await expect(message.getByRole('heading', { level: 2 })).toHaveText('home/cellar/power');
    await expect(message.getByLabel('Decode as')).toHaveValue('auto');
    await expect(message.getByRole('radio', { name: 'Hex' })).toBeChecked();
    await expect(message.getByLabel('Decoded payload')).toHaveCount(0);

    // Remembered across a reload.
    await page.reload();
    await app.expectConnected();
    await send('home/attic/climate', { temperature: 30 });
    message = await app.openTopic(['home', 'attic', 'climate']);
    await expect(message.getByLabel('Decoded payload')).toContainText('"temperature": 30');

    // The Decoders page lists the rule; Remove forgets it.
    await page.getByRole('link', { name: 'Decoders' }).first().click();
    const rules = page.getByRole('table', { name: 'Decode as rules' });
    await expect(rules.getByRole('row')).toHaveCount(2);
    await expect(rules.getByRole('row').nth(1)).toContainText('home/+/climate');
    await expect(rules.getByRole('row').nth(1)).toContainText('MessagePack');
    await rules.getByRole('button', { name: 'Remove rule home/+/climate' }).click();
    await expect(rules).toContainText('No Decode as rules yet.');
  } finally {
    await device.endAsync();
  }
});
