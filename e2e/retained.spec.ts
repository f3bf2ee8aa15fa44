import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures/test.ts';
import { mosquittoPub, subscribeCollect } from './fixtures/mosquitto.ts';
import { retainedOnBroker } from './fixtures/retained.ts';
import { AppPage } from './pages/app-page.ts';

const SEED: [string, Buffer][] = [
  ['cfg/dev1/a', Buffer.from('{"interval_ms":1000}')],
  ['cfg/dev1/b', Buffer.from([0x00, 0xff, 0x10, 0x80])],
  ['cfg/dev2/a', Buffer.from('hello <b>world</b>')],
  ['other/x', Buffer.from('keep me')],
];

async function seed(mosquitto: { mqttPort: number }) {
  for (const [topic, payload] of SEED) await mosquittoPub(mosquitto, topic, payload, { retain: true, qos: 1 });
}

test('Delete retained on one topic removes exactly that one, and Restore brings it back byte-identical', async ({ page, mosquitto }) => {
  await seed(mosquitto);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await app.expandPath(['cfg', 'dev1']);
  await app.treeItem('a').first().click();
  const message = page.getByRole('region', { name: 'Message' });
  await expect(message.getByRole('heading', { level: 2 })).toHaveText('cfg/dev1/a');
  await message.getByRole('button', { name: 'Delete retained', exact: true }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('list', { name: 'Topics to delete' }).getByRole('listitem')).toHaveText(['cfg/dev1/a']);
  await dialog.getByRole('button', { name: 'Delete 1 retained message' }).click();
  await expect(dialog).toHaveCount(0);

  await expect.poll(async () => [...(await retainedOnBroker(mosquitto.mqttUrl)).keys()].sort()).toEqual(['cfg/dev1/b', 'cfg/dev2/a', 'other/x']);

  await page.getByRole('status', { name: 'Last deletion' }).getByRole('button', { name: 'Restore' }).click();
  await expect.poll(async () => (await retainedOnBroker(mosquitto.mqttUrl)).get('cfg/dev1/a')?.toString('hex')).toBe(SEED[0][1].toString('hex'));
});

test('Delete retained in subtree lists the exact topics and leaves every other retained message', async ({ page, mosquitto }) => {
  await seed(mosquitto);
  await mosquittoPub(mosquitto, 'cfg/live', 'not retained');
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await app.treeItem('cfg').click();
  await page.getByRole('region', { name: 'Message' }).getByRole('button', { name: 'Delete retained in subtree' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('list', { name: 'Topics to delete' }).getByRole('listitem')).toHaveText(['cfg/dev1/a', 'cfg/dev1/b', 'cfg/dev2/a']);
  await dialog.getByRole('button', { name: 'Delete 3 retained messages' }).click();
  await expect.poll(async () => [...(await retainedOnBroker(mosquitto.mqttUrl)).keys()]).toEqual(['other/x']);

  // The Retained view keeps the snapshot; Restore from there republishes the same bytes and QoS.
  await page.getByRole('navigation').getByRole('link', { name: 'Retained' }).click();
  const deleted = page.getByRole('list', { name: 'Deleted this session' });
  await expect(deleted.getByRole('listitem')).toContainText(['Deleted 3 retained messages under cfg/']);
  await deleted.getByRole('button', { name: 'Restore' }).click();
  await expect(deleted.getByText('restored')).toBeVisible();
  const after = await retainedOnBroker(mosquitto.mqttUrl);
  for (const [topic, payload] of SEED) expect(after.get(topic)?.equals(payload), topic).toBe(true);
});

test('Retained view: filter, select, delete selected; Export then Import round-trips byte-identically', async ({ page, mosquitto }, testInfo) => {
  await seed(mosquitto);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/retained');
  await app.expectConnected();
  const table = page.getByRole('table', { name: 'Retained messages' });
  await expect(table.getByRole('row')).toHaveCount(SEED.length + 1);
  await page.getByRole('searchbox', { name: 'Filter' }).fill('dev1');
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Filter' }).fill('');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = testInfo.outputPath('retained.json');
  await (await download).saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported.messages.map((m: { topic: string }) => m.topic).sort()).toEqual(SEED.map(([t]) => t).sort());

  for (const [topic] of SEED) await table.getByRole('checkbox', { name: `Select ${topic}` }).check();
  await page.getByRole('button', { name: /^Delete selected/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete 4 retained messages' }).click();
  await expect.poll(async () => (await retainedOnBroker(mosquitto.mqttUrl)).size).toBe(0);

  await page.getByLabel('Import file').setInputFiles(file);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('listitem')).toHaveCount(4);
  await dialog.getByRole('button', { name: 'Publish 4 retained messages' }).click();
  await expect.poll(async () => (await retainedOnBroker(mosquitto.mqttUrl)).size).toBe(4);
  const after = await retainedOnBroker(mosquitto.mqttUrl);
  for (const [topic, payload] of SEED) expect(after.get(topic)?.equals(payload), topic).toBe(true);
});

test('a malformed import file gives an alert and publishes nothing', async ({ page, mosquitto }, testInfo) => {
  await seed(mosquitto);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/retained');
  await app.expectConnected();
  const watcher = await subscribeCollect(mosquitto.mqttUrl, '#');
  await new Promise((r) => setTimeout(r, 500));
  const before = watcher.messages.length;

  const bad = testInfo.outputPath('bad.json');
  await writeFile(bad, JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [{ topic: 'cfg/#', payload: 'AA==', qos: 0 }, { topic: 'ok', payload: 'AA==', qos: 0 }] }));
  await page.getByLabel('Import file').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('Nothing was published');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await writeFile(bad, '{ this is not json');
  await page.getByLabel('Import file').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('Not a JSON file');

  await new Promise((r) => setTimeout(r, 1000));
  expect(watcher.messages.length).toBe(before);
  await watcher.close();
  const after = await retainedOnBroker(mosquitto.mqttUrl);
  expect([...after.keys()].sort()).toEqual(SEED.map(([t]) => t).sort());
});
