// Recording (issue 12), first slice: Record in the header, the Recorder status, the Recordings
// table (rename, delete, size cap), against a real Mosquitto. The messages come from an
// independent mqtt.js client over TCP (MQTT 5: binary payloads, retained, QoS 1, user
// properties); what was stored is read back from IndexedDB as raw bytes and checked against
// what was sent.
import mqtt, { type IClientPublishOptions } from 'mqtt';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';
import { readRecordingsStore } from './fixtures/recordings-store.ts';

interface Sent {
  topic: string;
  payload: Buffer;
  opts: IClientPublishOptions;
}

/** Publishes over TCP with MQTT 5 and waits for every PUBACK. */
async function publishAll(mqttUrl: string, messages: Sent[]): Promise<void> {
  const client = mqtt.connect(mqttUrl, { clientId: `rec-pub-${Math.random().toString(36).slice(2, 8)}`, protocolVersion: 5, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await Promise.all(messages.map((m) => client.publishAsync(m.topic, m.payload, m.opts)));
  await client.endAsync();
}

/** Binary, retained, QoS 1 and user properties, mixed: message i on rec/dev<i % 3>. */
function mixed(n: number): Sent[] {
  return Array.from({ length: n }, (_, i) => ({
    topic: `rec/dev${i % 3}/reading`,
    // Every byte value occurs, and zero bytes, so nothing "text-like" is assumed.
    payload: Buffer.from([i, 0, 255, 128, (i * 37) & 255, 10, 13, 0]),
    opts: {
      qos: 1,
      retain: i % 4 === 0,
      properties: { userProperties: { seq: String(i), site: ['north', 'south'] }, contentType: 'application/octet-stream' },
    },
  }));
}

/** The stored recordings and their messages, read straight from IndexedDB. */
async function readStore(page: Page) {
  const { metas, messages } = await readRecordingsStore(page);
  return { metas, messages };
}

const recorder = (page: Page) => page.getByRole('status', { name: 'Recorder' });
const recordingsTable = (page: Page) => page.getByRole('table', { name: 'Recordings' });

async function openRecordings(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Recordings', exact: true }).click();
  await expect(recordingsTable(page)).toBeVisible();
}

async function startRecording(page: Page) {
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(recorder(page)).toHaveText(/^recording · 0 messages/);
  await expect(page.getByRole('button', { name: 'Stop recording' })).toBeVisible();
}

test('Record keeps every message with its bytes, QoS, retain flag and user properties; the recording is listed, renamed (kept across a reload) and deleted', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await startRecording(page);

  const sent = mixed(30);
  await publishAll(mosquitto.mqttUrl, sent);
  await expect(recorder(page)).toHaveText(/^recording · 30 messages · /);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(recorder(page)).toHaveText(/^recorded · 30 messages/);
  await expect(page.getByRole('button', { name: 'Record', exact: true })).toBeVisible();

  // Byte for byte, in order, with QoS, retain and properties as received.
  const { metas, messages } = await readStore(page);
  expect(metas).toHaveLength(1);
  expect(metas[0]).toMatchObject({ messages: 30, status: 'complete' });
  expect(messages.map((m) => m.topic)).toEqual(sent.map((s) => s.topic));
  expect(messages.map((m) => m.payload)).toEqual(sent.map((s) => [...s.payload]));
  expect(messages.map((m) => m.qos)).toEqual(sent.map(() => 1));
  expect(messages.map((m) => m.retain)).toEqual(sent.map((s) => !!s.opts.retain));
  const props = JSON.parse(messages[7].props!);
  expect(props.contentType).toBe('application/octet-stream');
  expect(props.userProperties).toEqual([
    ['seq', '7'],
    ['site', 'north'],
    ['site', 'south'],
  ]);

  await openRecordings(page);
  const rows = recordingsTable(page).getByRole('row');
  await expect(rows).toHaveCount(2); // header + 1
  const row = rows.nth(1);
  await expect(row.getByRole('cell').nth(0)).toHaveText(mosquitto.wsUrl);
  await expect(row.getByRole('cell').nth(3)).toHaveText('30');
  await expect(row).toContainText('Complete');

  // Rename, and it stays renamed after a reload.
  await row.getByRole('button', { name: 'Rename' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename recording' });
  await dialog.getByLabel('Name').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter a name.');
  await dialog.getByLabel('Name').fill('Line 1 before the fault');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(recordingsTable(page).getByRole('rowheader')).toHaveText(['Line 1 before the fault']);
  await page.reload();
  await expect(recordingsTable(page).getByRole('rowheader')).toHaveText(['Line 1 before the fault']);

  // Delete asks first; Cancel keeps it, the confirm removes it (and its chunks).
  const named = recordingsTable(page).getByRole('row', { name: /Line 1 before the fault/ });
  await named.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete recording' });
  await expect(confirm).toContainText('Line 1 before the fault');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(named).toBeVisible();
  await named.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete recording' }).click();
  await expect(recordingsTable(page)).toContainText('No recordings yet');
  expect(await readStore(page)).toEqual({ metas: [], messages: [] });
});

test('a reload during recording keeps what was written; the recording shows as interrupted', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await startRecording(page);
  await publishAll(mosquitto.mqttUrl, mixed(12));
  await expect(recorder(page)).toHaveText(/^recording · 12 messages/);
  // Chunks go to storage about once a second: wait until these are written.
  await expect.poll(async () => (await readStore(page)).metas[0]?.messages, { timeout: 5000 }).toBe(12);
  await page.reload();
  await app.expectConnected();
  await expect(page.getByRole('button', { name: 'Record', exact: true })).toBeEnabled();
  await openRecordings(page);
  const row = recordingsTable(page).getByRole('row').nth(1);
  await expect(row.getByRole('cell').nth(3)).toHaveText('12');
  await expect(row).toContainText('Interrupted');
  await expect(row).toContainText('closed or reloaded while recording');
  expect((await readStore(page)).messages).toHaveLength(12);
});

test('reaching the size cap stops the recording and says so; the cap is validated next to its field; axe in both themes', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await openRecordings(page);
  const cap = page.getByLabel('Size cap (MB)');
  await expect(cap).toHaveValue('200');
  await cap.fill('0');
  await expect(page.getByRole('alert')).toHaveText('The size cap must be from 0.1 to 100000 MB.');
  await expect(cap).toHaveAttribute('aria-invalid', 'true');
  await cap.fill('0.1');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await startRecording(page);
  // 40 × 4 KiB = 160 KiB: the cap (0.1 MB) is reached after 25 of them.
  const big: Sent[] = Array.from({ length: 40 }, (_, i) => ({ topic: `rec/big/${i}`, payload: Buffer.alloc(4096, i), opts: { qos: 1 } }));
  await publishAll(mosquitto.mqttUrl, big);
  await expect(recorder(page)).toContainText('Size cap reached (0.1 MB): the recording stopped.');
  await expect(page.getByRole('button', { name: 'Record', exact: true })).toBeVisible();
  const row = recordingsTable(page).getByRole('row').nth(1);
  await expect(row).toContainText('Stopped');
  await expect(row).toContainText('Size cap reached (0.1 MB)');
  const { metas, messages } = await readStore(page);
  expect(metas[0].status).toBe('stopped');
  expect(messages.length).toBe(metas[0].messages);
  expect(messages.length).toBe(25);
  // What was kept is what came first, whole.
  expect(messages.map((m) => m.topic)).toEqual(big.slice(0, messages.length).map((b) => b.topic));
  expect(messages.every((m, i) => m.payload.length === 4096 && m.payload[0] === i && m.payload[4095] === i)).toBe(true);
  await expect(row.getByRole('cell').nth(3)).toHaveText(String(messages.length));

  await cap.fill('1.25');
  await expect(page.getByRole('alert')).toHaveText('The size cap is a number of MB with at most one decimal (0.1 to 100000).');
  await expectAxeInBothThemes(page, 'Recordings, size cap refused');
});
