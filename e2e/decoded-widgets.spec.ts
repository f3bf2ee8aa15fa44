// A gauge and a value widget on a topic whose payloads are MessagePack (issue 13): a Decode as
// choice made in the Explorer after the topic's newest message came applies to the widgets at
// once, as it does to the tree row and the Message panel — no new message needed — and Auto
// again takes it back. The device is a separate MQTT client (@msgpack/msgpack's encoder); the
// first message is retained and is still the newest when the choice is made.
import mqtt from 'mqtt';
import { encode } from '@msgpack/msgpack';
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';
import { DashboardPage } from './pages/dashboard-page.ts';

test('dashboard widgets follow a Decode as choice at once, without waiting for the next message', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  const device = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  try {
    await device.publishAsync('dev/mp', Buffer.from(encode({ temperature: 20.5, state: 'on' })), { qos: 1, retain: true });
    await app.open(mosquitto.wsUrl, '/dashboard');
    await app.expectConnected();
    await dash.newDashboard('Lab');
    await dash.addWidget('Gauge', 'Lab temperature', { Topic: 'dev/mp', 'JSON path': 'temperature', Unit: '°C' });
    await dash.addWidget('Value', 'Heater', { Topic: 'dev/mp', 'JSON path': 'state' });
    const gauge = page.getByRole('meter', { name: 'Lab temperature' });
    const heater = dash.widget('Heater');
    // The bytes are not JSON: no reading yet.
    await expect(gauge).toHaveAttribute('aria-valuetext', 'No data yet');
    await expect(gauge).toContainText('No number at this path yet');
    await expect(heater).toContainText('No field state in the last message');

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Explorer' }).click();
    const message = await app.openTopic(['dev', 'mp']);
    await message.getByLabel('Decode as').selectOption('MessagePack');
    await expect(message.getByLabel('Decoded payload')).toContainText('"temperature": 20.5');
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    await expect(gauge).toHaveAttribute('aria-valuetext', '20.5 °C');
    await expect(heater).toContainText('on');
    await expect(heater).not.toContainText('No field');
    await page.screenshot({ path: test.info().outputPath('widgets-msgpack.png') });
    // The next message: the worker decodes it under the choice.
    await device.publishAsync('dev/mp', Buffer.from(encode({ temperature: 21, state: 'off' })), { qos: 1 });
    await expect(gauge).toHaveAttribute('aria-valuetext', '21 °C');
    await expect(heater).toContainText('off');

    // Auto again: the bytes, as the Explorer shows them (not the worker's MessagePack decoding
    // left on the newest message).
    await nav.getByRole('link', { name: 'Explorer' }).click();
    await message.getByLabel('Decode as').selectOption('Auto');
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    await expect(gauge).toHaveAttribute('aria-valuetext', 'No data yet');
    await expect(heater).toContainText('No field state in the last message');
  } finally {
    await device.endAsync();
  }
});
