// Retained messages must come back exactly: every byte of a payload bigger than what the app
// keeps (issue 9, item 1), and every one of a bulk set without flooding the broker (item 2).
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import mqtt from 'mqtt';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { retainedOnBroker } from './fixtures/retained.ts';
import { startMosquitto, subscribeCollect } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';
import { startBroker } from '../dev/broker.js';

const sha = (b: Buffer | undefined) => (b ? createHash('sha256').update(b).digest('hex') : 'absent');

const BIG_TOPIC = 'files/firmware.bin';
const BIG = randomBytes(2 * 1024 * 1024); // 2,097,152 bytes; the app keeps the first 1,048,576

/** SHA-256 of what a fresh, independent subscriber gets as the retained message of `topic`. */
async function retainedSha(mqttUrl: string, topic: string): Promise<string> {
  return sha((await retainedOnBroker(mqttUrl, topic, 1500)).get(topic));
}

/**
 * The embedded broker (aedes): Debian's Mosquitto 2.0.11 stalls WebSocket deliveries above
 * ~64 KB, so the 2 MiB payload travels through aedes. `refuseSecondClient` makes it turn away
 * the app's short-lived read-back connection, as a broker with a per-user connection limit would.
 */
async function bigBroker(baseURL: string | undefined, refuseSecondClient = false) {
  const broker = await startBroker({
    wsPort: 0,
    mqttPort: 0,
    host: '127.0.0.1',
    sysIntervalMs: 0,
    allowedOrigins: baseURL ? [baseURL] : ['*'],
    aedesOptions: refuseSecondClient
      ? { authenticate: (client, _u, _p, done) => done(null, !client.id.startsWith('sy-fetch-')) }
      : undefined,
  });
  const mqttUrl = `mqtt://127.0.0.1:${broker.mqttPort}`;
  const publisher = await mqtt.connectAsync(mqttUrl);
  await publisher.publishAsync(BIG_TOPIC, BIG, { qos: 1, retain: true });
  await publisher.publishAsync('files/readme', 'small', { qos: 1, retain: true });
  await publisher.endAsync();
  return { broker, mqttUrl, wsUrl: `ws://127.0.0.1:${broker.wsPort}` };
}

async function openRetained(page: Page, wsUrl: string) {
  const app = new AppPage(page);
  await app.open(wsUrl, '/retained');
  await app.expectConnected();
  const table = page.getByRole('table', { name: 'Retained messages' });
  await expect(table.getByRole('row', { name: new RegExp(BIG_TOPIC) })).toContainText('2048.0 KB');
  return table;
}

async function deleteSelected(page: Page, topics: string[]) {
  const table = page.getByRole('table', { name: 'Retained messages' });
  for (const t of topics) await table.getByRole('checkbox', { name: `Select ${t}` }).check();
  await page.getByRole('button', { name: /^Delete selected/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: `Delete ${topics.length} retained message${topics.length === 1 ? '' : 's'}` }).click();
  return dialog;
}

test.describe('a 2 MiB retained payload (more than the app keeps) survives byte for byte', () => {
  test.setTimeout(60_000);

  test('delete, then Restore: a fresh subscriber gets the same SHA-256', async ({ page, baseURL }) => {
    const { broker, mqttUrl, wsUrl } = await bigBroker(baseURL);
    try {
      await openRetained(page, wsUrl);
      const dialog = await deleteSelected(page, [BIG_TOPIC]);
      await expect(dialog).toHaveCount(0, { timeout: 15_000 });
      await expect.poll(() => retainedSha(mqttUrl, BIG_TOPIC)).toBe('absent');

      const deleted = page.getByRole('list', { name: 'Deleted this session' });
      await deleted.getByRole('button', { name: 'Restore' }).click();
      await expect.poll(() => retainedSha(mqttUrl, BIG_TOPIC), { timeout: 15_000 }).not.toBe('absent');
      expect(await retainedSha(mqttUrl, BIG_TOPIC)).toBe(sha(BIG));
      await expect(deleted.getByText('✓ restored')).toBeVisible();
      await expect(deleted.getByText('1 done, 0 failed')).toBeVisible();
    } finally {
      await broker.close();
    }
  });

  test('Export, delete, Import: the file holds every byte and a fresh subscriber gets the same SHA-256', async ({ page, baseURL }, testInfo) => {
    const { broker, mqttUrl, wsUrl } = await bigBroker(baseURL);
    try {
      const table = await openRetained(page, wsUrl);
      await table.getByRole('checkbox', { name: `Select ${BIG_TOPIC}` }).check();
      const download = page.waitForEvent('download', { timeout: 20_000 });
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const file = testInfo.outputPath('big.json');
      await (await download).saveAs(file);
      const exported = JSON.parse(await readFile(file, 'utf8'));
      expect(exported.messages).toHaveLength(1);
      expect(sha(Buffer.from(exported.messages[0].payload, 'base64'))).toBe(sha(BIG));

      const dialog = await deleteSelected(page, [BIG_TOPIC]);
      await expect(dialog).toHaveCount(0, { timeout: 15_000 });
      await expect.poll(() => retainedSha(mqttUrl, BIG_TOPIC)).toBe('absent');

      await page.getByLabel('Import file').setInputFiles(file);
      const importDialog = page.getByRole('dialog');
      await importDialog.getByRole('button', { name: 'Publish 1 retained message' }).click();
      await expect(importDialog).toHaveCount(0, { timeout: 15_000 });
      await expect(page.getByRole('status').filter({ hasText: 'Imported 1 retained message.' })).toBeVisible();
      expect(await retainedSha(mqttUrl, BIG_TOPIC)).toBe(sha(BIG));
    } finally {
      await broker.close();
    }
  });

  test('when the full payload cannot be read back, Delete and Export refuse with a reason and change nothing', async ({ page, baseURL }) => {
    const { broker, mqttUrl, wsUrl } = await bigBroker(baseURL, true);
    let downloads = 0;
    page.on('download', () => downloads++);
    try {
      const table = await openRetained(page, wsUrl);
      const dialog = await deleteSelected(page, [BIG_TOPIC, 'files/readme']);
      await expect(dialog.getByRole('alert')).toContainText('Nothing was deleted', { timeout: 15_000 });
      await expect(dialog.getByRole('alert')).toContainText(`${BIG_TOPIC} (2,097,152 bytes, 1,048,576 bytes kept)`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toHaveCount(0);
      expect(await retainedSha(mqttUrl, BIG_TOPIC)).toBe(sha(BIG));
      expect((await retainedOnBroker(mqttUrl, 'files/readme')).get('files/readme')?.toString()).toBe('small');
      await expect(page.getByRole('list', { name: 'Deleted this session' })).toHaveCount(0);

      await page.getByRole('button', { name: 'Export', exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Nothing was exported' })).toContainText(BIG_TOPIC, { timeout: 15_000 });
      expect(downloads).toBe(0);
      await expect(table.getByRole('row')).toHaveCount(3);
    } finally {
      await broker.close();
    }
  });
});

const BULK = Array.from({ length: 100 }, (_, i) => [`bulk/dev${String(i).padStart(3, '0')}/cfg`, randomBytes(1 + ((i * 37) % 200))] as const);

test('100 QoS 2 retained messages deleted and restored on MQTT 5 Mosquitto (Receive Maximum 5): none refused, all byte-identical, progress and summary shown', async ({ page }) => {
  test.setTimeout(60_000);
  // Mosquitto offers MQTT 5 clients a Receive Maximum of max_inflight_messages and answers
  // "Quota exceeded" to QoS 2 beyond it: a low value makes any flooding fail for sure.
  const mosquitto = await startMosquitto({ extraConfig: 'max_inflight_messages 5' });
  try {
    // Seed with an independent client, within that window.
    const seeder = await mqtt.connectAsync(mosquitto.mqttUrl, { protocolVersion: 5 });
    for (let i = 0; i < BULK.length; i += 4) {
      await Promise.all(BULK.slice(i, i + 4).map(([t, p]) => seeder.publishAsync(t, p, { qos: 2, retain: true })));
    }
    await seeder.endAsync();

    const app = new AppPage(page);
    await app.open(mosquitto.wsUrl, '/retained');
    await app.expectConnected();
    const table = page.getByRole('table', { name: 'Retained messages' });
    await expect(table.getByRole('row')).toHaveCount(BULK.length + 1);
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByRole('button', { name: /^Delete selected/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete 100 retained messages' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Deleted 100 retained messages.' })).toBeVisible();
    await expect.poll(async () => (await retainedOnBroker(mosquitto.mqttUrl, 'bulk/#')).size).toBe(0);

    // Every state the progress bar shows, however briefly.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        for (const p of Array.from(document.querySelectorAll('[role=progressbar], progress'))) {
          const t = p.getAttribute('aria-valuetext') ?? '';
          if (t && seen.at(-1) !== t) seen.push(t);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const deleted = page.getByRole('list', { name: 'Deleted this session' });
    await deleted.getByRole('button', { name: 'Restore' }).click();
    const identical = async () => {
      const held = await retainedOnBroker(mosquitto.mqttUrl, 'bulk/#');
      return BULK.filter(([topic, payload]) => held.get(topic)?.equals(payload)).length;
    };
    await expect.poll(identical, { timeout: 15_000 }).toBe(BULK.length);
    await expect(deleted.getByText('✓ restored')).toBeVisible();
    await expect(deleted.getByRole('status')).toHaveText('100 done, 0 failed');
    await expect(deleted.getByRole('progressbar')).toHaveAccessibleName('100 of 100 answered');
    await expect(deleted.getByRole('button', { name: 'Retry failed' })).toHaveCount(0);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((t) => /^Restoring \d+ of 100$/.test(t)), `progress seen: ${seen.join(' | ')}`).toBe(true);

    // A fresh subscriber at QoS 2: every message byte-identical, and still stored as QoS 2.
    const sub = await subscribeCollect(mosquitto.mqttUrl, 'bulk/#', { qos: 2 });
    await expect.poll(() => sub.messages.length).toBe(BULK.length);
    await sub.close();
    const got = new Map(sub.messages.map((m) => [m.topic, m]));
    for (const [topic, payload] of BULK) {
      expect(got.get(topic)?.payload.equals(payload), topic).toBe(true);
      expect(got.get(topic)?.qos, topic).toBe(2);
    }
    // Mosquitto says why when a client sends more than it may have in flight; it never had to.
    expect(await mosquitto.log()).not.toMatch(/quota|receive maximum/i);
  } finally {
    await mosquitto.remove();
  }
});

test('an Import that fails (broker down) says "0 done, N failed"; Retry failed sends those once the broker is back', async ({ page, mosquitto }, testInfo) => {
  test.setTimeout(60_000);
  const entries = Array.from({ length: 5 }, (_, i) => ({ topic: `retry/${i}`, payload: randomBytes(16) }));
  const file = testInfo.outputPath('five.json');
  await writeFile(
    file,
    JSON.stringify({
      format: 'switchyard.retained',
      version: 1,
      messages: entries.map((e) => ({ topic: e.topic, payload: e.payload.toString('base64'), qos: 1 })),
    }),
  );
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/retained');
  await app.expectConnected();
  await mosquitto.stop();
  await expect(app.status).not.toHaveText(/^Connected/);

  await page.getByLabel('Import file').setInputFiles(file);
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Publish 5 retained messages' }).click();
  await expect(dialog.getByRole('status')).toHaveText('0 done, 5 failed');
  await expect(dialog.getByRole('list', { name: 'Failed' }).getByRole('listitem')).toHaveCount(5);

  await mosquitto.restart();
  await app.expectConnected(30_000);
  await dialog.getByRole('button', { name: 'Retry failed' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 5 retained messages.' })).toBeVisible();
  const after = await retainedOnBroker(mosquitto.mqttUrl, 'retry/#');
  for (const e of entries) expect(after.get(e.topic)?.equals(e.payload), e.topic).toBe(true);
});
