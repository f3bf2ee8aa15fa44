import { test, expect } from './fixtures/test.ts';
import { mosquittoPub } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';
import { stat } from 'node:fs/promises';
import mqtt from 'mqtt';
import { startBroker } from '../dev/broker.js';

test('messages published with mosquitto_pub appear in the tree with correct counts', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await expect(page.getByText('Waiting for messages')).toBeVisible();

  for (let i = 0; i < 3; i++) await mosquittoPub(mosquitto, 'factory/hall/press', `${i}`);
  await mosquittoPub(mosquitto, 'factory/hall/robot', '{"arm":1}');
  await mosquittoPub(mosquitto, 'factory/gate', 'open');
  await mosquittoPub(mosquitto, 'factory/gate', 'closed');

  const factory = app.treeItem('factory');
  await expect(factory).toHaveAccessibleDescription(/^6 msgs · 3 topics/);
  await expect(factory).toHaveAttribute('aria-level', '1');
  await app.expandPath(['factory']);
  await expect(app.treeItem('hall')).toHaveAccessibleDescription(/^4 msgs · 2 topics/);
  await expect(app.treeItem('hall')).toHaveAttribute('aria-level', '2');
  await expect(app.treeItem('gate')).toHaveAccessibleDescription(/^2 msgs closed/);
  await app.expandPath(['hall']);
  await expect(app.treeItem('press')).toHaveAccessibleDescription(/^3 msgs 2/);
  await expect(app.treeItem('robot')).toHaveAccessibleDescription(/^1 msg \{"arm":1\}/);
  // Sorted, stable order among siblings: gate before hall.
  const names = await app.tree.getByRole('treeitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(names).toEqual(['factory', 'gate', 'hall', 'press', 'robot']);

  // Selecting shows the Message region with the full topic and payload.
  await app.treeItem('robot').click();
  const message = page.getByRole('region', { name: 'Message' });
  await expect(message.getByRole('heading', { level: 2 })).toHaveText('factory/hall/robot');
  await expect(message.getByRole('radio', { name: 'JSON' })).toBeChecked();
  await expect(message.getByRole('group', { name: 'Payload' })).toContainText('arm');

  // Filter topics narrows the tree and counts matches.
  await page.getByRole('searchbox', { name: 'Filter topics' }).fill('gate');
  await expect(page.getByRole('status', { name: 'Filter matches' })).toHaveText('1 matching topic');
  await expect(app.treeItem('hall')).toHaveCount(0);
  await expect(app.treeItem('gate')).toBeVisible();
});

test('keyboard: arrows move and expand, Enter selects', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'k/a/one', '1');
  await mosquittoPub(mosquitto, 'k/b', '2');
  await app.treeItem('k').click();
  await page.keyboard.press('ArrowRight');
  await expect(app.treeItem('k')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(app.treeItem('a')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(app.treeItem('one')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Message' }).getByRole('heading', { level: 2 })).toHaveText('k/a/one');
  await page.keyboard.press('ArrowLeft');
  await expect(app.treeItem('a')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(app.treeItem('one')).toHaveCount(0);
});

test('keyboard: End and Home in a long level move the focus to the last and first rows, and the next keys act on them', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const publisher = await mqtt.connectAsync(mosquitto.mqttUrl);
  for (let i = 0; i < 300; i++) publisher.publish(`long/t${String(i).padStart(3, '0')}`, String(i));
  await publisher.publishAsync('zlast/leaf', 'x');
  await expect(page.getByText('301 topics · 301 messages')).toBeVisible();
  await app.expandPath(['long']); // 300 rows: End and Home jump far beyond the rendered ones
  await page.keyboard.press('End');
  await expect(app.treeItem('zlast')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(app.treeItem('zlast')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(app.treeItem('leaf')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(app.treeItem('long')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(app.treeItem('long')).toHaveAttribute('aria-expanded', 'false');
  await expect(app.treeItem('t299')).toHaveCount(0);
  await publisher.endAsync();
});

test('topics and payloads with markup are shown as text and never run', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'x/<img src=x onerror=alert(1)>', '<script>alert(2)</script><b>bold</b>');
  await app.expandPath(['x']);
  const item = app.treeItem('<img src=x onerror=alert(1)>');
  await expect(item).toBeVisible();
  await expect(item).toHaveAccessibleDescription(/<script>alert\(2\)<\/script><b>bold<\/b>/);
  await item.click();
  await expect(page.getByRole('region', { name: 'Message' })).toContainText('<script>alert(2)</script><b>bold</b>');
  expect(await page.locator('img[src="x"], b:text("bold")').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('the Message region shows history with a JSON key diff, JSON and hex views, and retained flags', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'lab/env', '{"t":21.5,"h":40,"unit":"C"}');
  await mosquittoPub(mosquitto, 'lab/env', '{"t":21.7,"h":40}');
  await mosquittoPub(mosquitto, 'lab/blob', Buffer.from([0x00, 0xff, 0x10, 0x80]), { retain: true });
  await app.expandPath(['lab']);
  await app.treeItem('env').click();
  const message = page.getByRole('region', { name: 'Message' });
  const history = message.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  const diff = message.getByRole('group', { name: 'Changes from the previous message' });
  await expect(diff).toContainText('t 21.5 → 21.7');
  await expect(diff).toContainText('unit removed (was "C")');
  await expect(diff).not.toContainText('h ');
  // The older entry has nothing before it.
  await history.getByRole('button').nth(1).click();
  await expect(message).toContainText('A diff appears once this topic has a second message');

  // Switchable views: the JSON as hex bytes.
  await message.getByRole('radio', { name: 'Hex' }).check();
  await expect(message.getByLabel('Payload', { exact: true })).toContainText('7b 22 74 22'); // {"t"

  // Binary is detected and shown as hex; the retained flag is shown and marked in the tree.
  await app.treeItem('blob').click();
  await expect(message.getByRole('radio', { name: 'Hex' })).toBeChecked();
  await expect(message.getByLabel('Payload', { exact: true })).toHaveText('00 ff 10 80');
  await expect(message.getByRole('definition').filter({ hasText: /^yes$/ })).toHaveCount(1);
  await expect(app.treeItem('blob')).toHaveAccessibleDescription(/retained/);
  await expect(app.treeItem('env')).not.toHaveAccessibleDescription(/retained/);
});

test('$SYS topics appear only when subscribed to explicitly', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'visible/topic', '1');
  await expect(app.treeItem('visible')).toBeVisible();
  await expect(app.treeItem('$SYS')).toHaveCount(0);

  const form = await app.openConnections();
  await form.getByLabel('Subscriptions').fill('#\n$SYS/#');
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await app.expectConnected();
  await expect(app.treeItem('$SYS')).toBeVisible({ timeout: 15_000 });
});

test('history keeps only the configured number of messages per topic, and the filter can search payloads', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'hist/t', 'first');
  await app.expandPath(['hist']);
  await app.treeItem('t').click();
  const message = page.getByRole('region', { name: 'Message' });
  await message.getByLabel('History size').fill('0');
  await message.getByLabel('History size').press('Enter');
  await expect(message.getByRole('alert')).toContainText('History size is a whole number');
  await message.getByLabel('History size').fill('3');
  await message.getByLabel('History size').press('Enter');
  await expect(message.getByRole('alert')).toHaveCount(0);
  for (const p of ['m1', 'm2', 'm3', 'm4', 'm5']) await mosquittoPub(mosquitto, 'hist/t', p);
  const history = message.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem')).toHaveCount(3);
  await expect(history.getByRole('listitem').first()).toContainText('m5');
  await expect(message).toContainText('last 3 of 6');

  await mosquittoPub(mosquitto, 'plant/drive', 'status FAULT 17');
  await mosquittoPub(mosquitto, 'plant/belt', 'ok');
  const filter = page.getByRole('searchbox', { name: 'Filter topics' });
  await filter.fill('fault');
  await expect(page.getByRole('status', { name: 'Filter matches' })).toHaveText('0 matching topics');
  await page.getByRole('checkbox', { name: 'Search payloads' }).check();
  await expect(page.getByRole('status', { name: 'Filter matches' })).toHaveText('1 matching topic');
  await expect(app.treeItem('drive')).toBeVisible();
  await expect(app.treeItem('belt')).toHaveCount(0);
});

test('Publish to this topic opens Publish prefilled with the topic and its last message', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'office/lamp/config', '{"auto_off":300}', { retain: true });
  await app.expandPath(['office', 'lamp']);
  await app.treeItem('config').click();
  await page.getByRole('region', { name: 'Message' }).getByRole('button', { name: 'Publish to this topic' }).click();
  await expect(page).toHaveURL(/\/publish/);
  await expect(page.getByLabel('Topic', { exact: true })).toHaveValue('office/lamp/config');
  await expect(page.getByLabel('Payload', { exact: true })).toHaveValue(/"auto_off":\s*300/);
  await expect(page.getByRole('checkbox', { name: 'Retain' })).toBeChecked();
});

test('Chart this topic and Chart field open the Charts view with a chart titled by the topic', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'greenhouse/temp', '21.5 °C');
  await mosquittoPub(mosquitto, 'greenhouse/env', '{"air":{"humidity":61.5},"co2":420,"label":"east"}');
  await app.expandPath(['greenhouse']);
  await app.treeItem('temp').click();
  const message = page.getByRole('region', { name: 'Message' });
  await expect(message.getByRole('button', { name: 'Chart field' })).toHaveCount(0);
  await message.getByRole('button', { name: 'Chart this topic' }).click();
  await expect(page).toHaveURL(/\/charts#/);
  await expect(page.getByRole('figure', { name: 'greenhouse/temp' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Explorer' }).click();
  await app.treeItem('env').click();
  await expect(message.getByRole('button', { name: 'Chart this topic' })).toHaveCount(0);
  const picker = message.getByRole('combobox', { name: 'Field to chart' });
  await expect(picker.getByRole('option')).toHaveText(['air.humidity', 'co2']);
  await picker.selectOption('air.humidity');
  await message.getByRole('button', { name: 'Chart field' }).click();
  const chart = page.getByRole('figure', { name: 'greenhouse/env · air.humidity' });
  await expect(chart).toBeVisible();
  await expect(chart.getByRole('table', { name: 'Legend' })).toContainText('61.5');
});

// Debian's Mosquitto 2.0.11 stalls WebSocket deliveries above ~64 KB, so this one runs on the
// embedded aedes broker (a real broker too, the one `npm start` uses).
test('a payload over the keep limit is marked truncated with its full size and can be downloaded', async ({ page }, testInfo) => {
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1' });
  try {
    const app = new AppPage(page);
    await app.open(`ws://127.0.0.1:${broker.wsPort}`);
    await app.expectConnected();
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.mqttPort}`);
    await publisher.publishAsync('files/big', Buffer.alloc(1536 * 1024, 'a')); // 1.5 MiB; the app keeps 1 MiB
    await publisher.endAsync();
    await app.expandPath(['files']);
    await app.treeItem('big').click();
    const message = page.getByRole('region', { name: 'Message' });
    await expect(message).toContainText(`truncated — ${(1536 * 1024).toLocaleString('en-US')} bytes in total`);
    await expect(message).toContainText('1.50 MB');
    const download = page.waitForEvent('download');
    await message.getByRole('button', { name: 'Download payload' }).click();
    const file = testInfo.outputPath('big.bin');
    await (await download).saveAs(file);
    expect((await stat(file)).size).toBe(1024 * 1024);
  } finally {
    await broker.close();
  }
});

test('the tree does not jump: topics arriving above the viewport keep the rows under the pointer in place', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const publisher = await mqtt.connectAsync(mosquitto.mqttUrl);
  for (let i = 10; i < 90; i++) await publisher.publishAsync(`many/t${i}`, String(i));
  await app.expandPath(['many']);
  await expect(app.treeItem('many')).toHaveAccessibleDescription(/^80 msgs/);
  // Rows are 26 px: t50 is row 41 (after "many" and t10..t49); scroll it near the top.
  await app.tree.evaluate((el) => (el.scrollTop = 1000));
  const row = app.treeItem('t50');
  await expect(row).toBeVisible();
  await row.click();
  const before = (await row.boundingBox())!.y;
  // Ten new topics sort above the viewport.
  for (let i = 0; i < 10; i++) await publisher.publishAsync(`many/t0${i}`, 'new');
  await expect(page.getByText('90 topics · 90 messages')).toBeVisible();
  await expect(app.treeItem('t09')).toBeAttached({ attached: false }); // above the viewport
  expect(Math.abs((await row.boundingBox())!.y - before)).toBeLessThanOrEqual(1);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await publisher.endAsync();
});
