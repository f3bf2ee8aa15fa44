// Limits: huge payloads, topic floods and absurd topics. The app must stay responsive (typing,
// clicking, the connection status) and say what it cut or left out, never freeze or crash.
// Payloads above ~64 KB go through the embedded aedes broker: Debian's Mosquitto 2.0.11 stalls
// WebSocket deliveries above that size.
import mqtt from 'mqtt';
import { test, expect } from './fixtures/test.ts';
import { startBroker } from '../dev/broker.js';
import { startRawBroker } from './fixtures/raw-broker.ts';
import { AppPage } from './pages/app-page.ts';

/** The Message region's payload box. */
const payloadBox = (page: import('@playwright/test').Page) =>
  page.getByRole('region', { name: 'Message' }).getByLabel('Payload', { exact: true });

test('a 1 MiB text payload shows its first 64 KiB and says so; Show all reveals the rest', async ({ page }) => {
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1', sysIntervalMs: 0 });
  try {
    const app = new AppPage(page);
    await app.open(`ws://127.0.0.1:${broker.wsPort}`);
    await app.expectConnected();
    const text = `${'lorem ipsum '.repeat(Math.ceil((1024 * 1024) / 12))}`.slice(0, 1024 * 1024 - 12) + 'THE-LAST-END';
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`);
    await publisher.publishAsync('docs/big', text);
    await publisher.endAsync();
    await app.expandPath(['docs']);
    await app.treeItem('big').click();

    const message = page.getByRole('region', { name: 'Message' });
    await expect(message.getByRole('status').filter({ hasText: 'Showing the first' })).toHaveText('Showing the first 64 KiB of 1 MiB.Show all');
    await expect(payloadBox(page)).toContainText('lorem ipsum lorem');
    await expect(payloadBox(page)).not.toContainText('THE-LAST-END');
    await message.getByRole('button', { name: 'Show all' }).click();
    await expect(payloadBox(page)).toContainText('THE-LAST-END');
    await expect(message).toContainText('Showing all 1 MiB.');
  } finally {
    await broker.close();
  }
});

test('a 10 MB payload: the app stays responsive, keeps 1 MiB and says it truncated', async ({ page }) => {
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1', sysIntervalMs: 0 });
  try {
    const app = new AppPage(page);
    await app.open(`ws://127.0.0.1:${broker.wsPort}`);
    await app.expectConnected();
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`);
    await publisher.publishAsync('files/huge', Buffer.alloc(10_000_000, 'x'), { qos: 1 });
    await publisher.publishAsync('files/after', 'still here', { qos: 1 });
    await publisher.endAsync();
    await app.expandPath(['files']);
    await expect(app.treeItem('after')).toBeVisible();
    await app.treeItem('huge').click();
    const message = page.getByRole('region', { name: 'Message' });
    await expect(message).toContainText('truncated — 10,000,000 bytes in total; the first 1,048,576 bytes are kept.');
    await expect(message).toContainText('Showing the first 64 KiB of 1 MiB.');
    // Still responsive: typing filters, the connection is up.
    await page.getByRole('searchbox', { name: 'Filter topics' }).fill('after');
    await expect(app.treeItem('huge')).toHaveCount(0);
    await expect(app.treeItem('after')).toBeVisible();
    await expect(app.status).toHaveText(/^Connected/);
  } finally {
    await broker.close();
  }
});

test('a burst of 100,000 topics: every one is counted, typing and clicking still answer', async ({ page, mosquitto }) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const publisher = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  // As fast as the socket takes them: QoS 0, no waiting per message.
  for (let i = 0; i < 100_000; i++) {
    publisher.publish(`burst/g${Math.floor(i / 1000)}/t${i % 1000}`, String(i));
    if (i % 5000 === 4999) await new Promise((r) => setImmediate(r));
  }
  await publisher.endAsync();
  await expect(page.getByText('100,000 topics · 100,000 messages')).toBeVisible({ timeout: 60_000 });
  const filter = page.getByRole('searchbox', { name: 'Filter topics' });
  await filter.fill('g42/t999');
  await expect(filter).toHaveValue('g42/t999');
  await app.treeItem('t999').click();
  await expect(page.getByRole('region', { name: 'Message' })).toContainText('burst/g42/t999');
  await expect(app.status).toHaveText(/^Connected/);
});

// Mosquitto refuses topics of more than 200 levels and aedes more than 100 (the publisher is
// disconnected), so the 32,767-level topic comes from a raw test broker, as a hostile one could send it.
test('a 32,767-level topic: the tree and the message panel cope, and the app stays responsive', async ({ page }) => {
  const broker = await startRawBroker();
  try {
    const app = new AppPage(page);
    await app.open(broker.wsUrl);
    await app.expectConnected();
    const topic = `${'a/'.repeat(32_766)}z`; // 32,767 levels in 65,533 bytes (MQTT allows 65,535)
    expect(topic.split('/')).toHaveLength(32_767);
    await broker.subscriber();
    broker.deliver(topic, 'deep');
    broker.deliver('shallow/after', 'ok');
    await expect(page.getByText('2 topics · 2 messages')).toBeVisible({ timeout: 15_000 });
    await app.treeItem('a').click();
    await expect(page.getByRole('region', { name: 'Message' })).toContainText('below it: 1 topic with 1 message');
    // The deepest level can be found with the filter (which opens the path) and selected.
    const filter = page.getByRole('searchbox', { name: 'Filter topics' });
    await filter.fill('z');
    await expect(filter).toHaveValue('z');
    await app.tree.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await app.treeItem('z').click();
    await expect(app.treeItem('z')).toHaveAttribute('aria-level', '32767');
    await expect(page.getByRole('region', { name: 'Message' })).toContainText('deep');
    await expect(app.status).toHaveText(/^Connected/);
  } finally {
    await broker.close();
  }
});
