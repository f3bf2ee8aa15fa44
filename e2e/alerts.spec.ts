// Alerts against a real Mosquitto: rules made through the Alerts view's own dialog, values
// published with mosquitto_pub (QoS 1, one after the other, so they arrive in order).
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { mosquittoPub, startMosquitto, type MosquittoHandle } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';
import mqtt from 'mqtt';

const pub = (m: MosquittoHandle, topic: string, payload: string) => mosquittoPub(m, topic, payload, { qos: 1 });

async function openAlerts(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Alerts', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Add alert rule' })).toBeVisible();
}

/** Fills the open "Add alert rule" dialog; `fields` by label. */
async function fillRule(page: Page, fields: { filter?: string; condition?: string; value?: string; seconds?: string; jsonPath?: string; hysteresis?: string }) {
  const dialog = page.getByRole('dialog', { name: 'Add alert rule' });
  if (fields.filter !== undefined) await dialog.getByLabel('Topic filter').fill(fields.filter);
  if (fields.condition) await dialog.getByLabel('Condition').selectOption({ label: fields.condition });
  if (fields.value !== undefined) await dialog.getByLabel('Value', { exact: true }).fill(fields.value);
  if (fields.seconds !== undefined) await dialog.getByLabel('Seconds').fill(fields.seconds);
  if (fields.jsonPath !== undefined) await dialog.getByLabel('JSON path').fill(fields.jsonPath);
  if (fields.hysteresis !== undefined) await dialog.getByLabel('Hysteresis').fill(fields.hysteresis);
  return dialog;
}

test('a threshold rule fires once when crossing, clears only past the hysteresis, and explains garbage instead of alarming', async ({ page, mosquitto }) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await openAlerts(page);
  const rulesTable = page.getByRole('table', { name: 'Alert rules' });
  await expect(rulesTable).toContainText('No alert rules yet');

  // Bad input is refused next to each field, and the dialog keeps what was typed.
  await page.getByRole('button', { name: 'Add alert rule' }).click();
  const dialog = await fillRule(page, { filter: 'plant/#/temp', value: 'hot' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Wildcard # is only allowed as the last level' })).toBeVisible();
  await expect(dialog.getByLabel('Topic filter')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert').filter({ hasText: 'The limit must be a number' })).toBeVisible();
  await expect(dialog.getByLabel('Value', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await fillRule(page, { filter: 'plant/+/temp', value: '30', hysteresis: '2' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const rule = rulesTable.getByRole('row', { name: /plant\/\+\/temp/ });
  await expect(rule).toContainText('above 30 (hysteresis 2)');
  await expect(rule).toContainText('Waiting');

  // A second rule whose JSON path never matches: explained, never fired.
  await page.getByRole('button', { name: 'Add alert rule' }).click();
  await fillRule(page, { filter: 'plant/+/climate', value: '1', jsonPath: 'temperature' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const active = page.getByRole('status', { name: 'Active alerts' });
  await expect(active).toHaveText('0');
  const log = page.getByRole('table', { name: 'Alert log' });
  const fired = log.getByRole('row', { name: /Fired/ });
  const cleared = log.getByRole('row', { name: /Cleared/ });

  await pub(mosquitto, 'plant/a/temp', '25');
  await expect(rule).toContainText('OK');
  await pub(mosquitto, 'plant/a/temp', '31');
  await expect(active).toHaveText('1');
  await expect(fired).toHaveCount(1);
  await expect(fired).toContainText('plant/a/temp');
  await expect(fired).toContainText('31');
  await expect(rule).toContainText('Firing');

  // Hovering inside the hysteresis band (above 28), more values above the limit, and garbage:
  // nothing new fires or clears; the garbage (published last) becomes the rule's explanation.
  for (const v of ['32', '29', '30.5', '28.5', 'overheating!']) await pub(mosquitto, 'plant/a/temp', v);
  await pub(mosquitto, 'plant/b/climate', '{"temp":50}');
  await expect(rule).toContainText('Payload is not a number: plant/a/temp');
  const climate = rulesTable.getByRole('row', { name: /plant\/\+\/climate/ });
  await expect(climate).toContainText('JSON path never matched: plant/b/climate');
  await expect(climate).toContainText('Not read');
  await expect(active).toHaveText('1');
  await expect(fired).toHaveCount(1);
  await expect(cleared).toHaveCount(0);

  // Back below limit − hysteresis: cleared, once.
  await pub(mosquitto, 'plant/a/temp', '28');
  await expect(active).toHaveText('0');
  await expect(cleared).toHaveCount(1);
  await expect(cleared).toContainText('28');
  await expect(fired).toHaveCount(1);

  // The Alerts view passes axe (label in name included), in both themes.
  await expectAxeInBothThemes(page, 'Alerts');

  // Rules survive a reload, and keep being evaluated.
  await page.reload();
  await app.expectConnected();
  await expect(rulesTable.getByRole('row', { name: /plant\/\+\/temp/ })).toContainText('above 30 (hysteresis 2)');
  await expect(rulesTable.getByRole('row', { name: /plant\/\+\/climate/ })).toBeVisible();
  await pub(mosquitto, 'plant/c/temp', '40');
  await expect(active).toHaveText('1');
  await expect(fired).toContainText('plant/c/temp');
});

test('Alert on this topic opens the dialog with the topic (and its JSON field) filled in', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await pub(mosquitto, 'home/garden/weather', '{"temperature":21.5,"humidity":40}');
  await app.expandPath(['home', 'garden']);
  await app.treeItem('weather').click();
  await page.getByRole('region', { name: 'Message' }).getByRole('button', { name: 'Alert on this topic' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add alert rule' });
  await expect(dialog.getByLabel('Topic filter')).toHaveValue('home/garden/weather');
  await expect(dialog.getByLabel('JSON path')).toHaveValue('temperature');
  await dialog.getByLabel('Value', { exact: true }).fill('25');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Alert rules' }).getByRole('row', { name: /home\/garden\/weather/ })).toContainText('temperature above 25');
  await pub(mosquitto, 'home/garden/weather', '{"temperature":26,"humidity":40}');
  await expect(page.getByRole('status', { name: 'Active alerts' })).toHaveText('1');
});

test('rules export to a file and import from one; a broken file imports nothing and says why', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/alerts');
  await app.expectConnected();
  const importFile = (name: string, text: string) => app.importAlertRules(name, text);
  const rows = page.getByRole('table', { name: 'Alert rules' }).getByRole('row');
  const file = {
    format: 'switchyard-alert-rules',
    version: 1,
    rules: [
      { filter: 'plant/+/temp', condition: 'above', value: 30, hysteresis: 2, enabled: true },
      { filter: 'sensors/+/status', condition: 'lastwill', enabled: true },
    ],
  };

  // One bad rule spoils the file: nothing is added.
  await importFile('bad.json', JSON.stringify({ ...file, rules: [...file.rules, { filter: 'a/#/b', condition: 'above', value: 1 }] }));
  await expect(page.getByRole('alert')).toHaveText('Import failed: Rule 3 (a/#/b): Wildcard # is only allowed as the last level. Nothing was changed.');
  await expect(rows).toHaveCount(2); // the header and the empty-state row
  await expect(page.getByRole('table', { name: 'Alert rules' })).toContainText('No alert rules yet');

  await importFile('good.json', JSON.stringify(file));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 rules.' })).toBeVisible();
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('status', { name: 'Active alerts' })).toHaveText('0');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export rules' }).click();
  const exported = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(exported).toEqual(file);

  // The same file again adds nothing new.
  await importFile('good.json', JSON.stringify(file));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 0 rules. 2 were already there.' })).toBeVisible();
  await expect(rows).toHaveCount(3);
});

test('with notifications enabled, a firing rule notifies at most once a minute', async ({ page, mosquitto }) => {
  // The browser's Notification, replaced by one that records (headless Chromium shows none).
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    class RecordingNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission() {
        RecordingNotification.permission = 'granted';
        return Promise.resolve('granted' as NotificationPermission);
      }
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
      }
    }
    Object.assign(window, { Notification: RecordingNotification, __notifications: shown });
  });
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/alerts');
  await app.expectConnected();
  await page.getByRole('button', { name: 'Enable notifications' }).click();
  await expect(page.getByRole('button', { name: 'Turn off notifications' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Add alert rule' }).click();
  const dialog = await fillRule(page, { filter: 'boiler/temp', value: '90' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const active = page.getByRole('status', { name: 'Active alerts' });
  const fired = page.getByRole('table', { name: 'Alert log' }).getByRole('row', { name: /Fired/ });
  const shown = () => page.evaluate(() => (window as unknown as { __notifications: unknown[] }).__notifications);
  await pub(mosquitto, 'boiler/temp', '95');
  await expect(active).toHaveText('1');
  expect(await shown()).toEqual([{ title: 'Alert: boiler/temp above 90', body: 'boiler/temp: 95' }]);
  // Cleared and fired again within the minute: logged, not notified again.
  await pub(mosquitto, 'boiler/temp', '80');
  await expect(active).toHaveText('0');
  await pub(mosquitto, 'boiler/temp', '97');
  await expect(fired).toHaveCount(2);
  expect(await shown()).toHaveLength(1);
});

test('a rule on a topic the connection does not subscribe ($SYS) gets it subscribed while the rule exists', async ({ page }) => {
  const broker = await startMosquitto({ extraConfig: 'sys_interval 1' });
  try {
    const app = new AppPage(page);
    await app.open(broker.wsUrl, '/alerts'); // the profile subscribes to # only, which leaves $SYS out
    await app.expectConnected();
    await page.getByRole('button', { name: 'Add alert rule' }).click();
    const dialog = await fillRule(page, { filter: '$SYS/broker/version', condition: 'Equals', value: '/^mosquitto version/' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status', { name: 'Active alerts' })).toHaveText('1', { timeout: 10_000 });
    await expect(page.getByRole('table', { name: 'Alert log' }).getByRole('row', { name: /Fired/ })).toContainText('$SYS/broker/version');
  } finally {
    await broker.stop();
    await broker.remove();
  }
});

test('a Rate above rule fires while a publisher exceeds the rate and clears after it stops', async ({ page, mosquitto }) => {
  test.setTimeout(45_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/alerts');
  await app.expectConnected();
  await page.getByRole('button', { name: 'Add alert rule' }).click();
  const dialog = await fillRule(page, { filter: 'meter/+/pulse', condition: 'Rate above', value: '20' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const active = page.getByRole('status', { name: 'Active alerts' });
  const log = page.getByRole('table', { name: 'Alert log' });
  const fired = log.getByRole('row', { name: /Fired/ });
  const cleared = log.getByRole('row', { name: /Cleared/ });

  // 100 msg/s on one meter (paced against the clock), 1 msg/s on another: only the fast one fires.
  const client = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  const start = Date.now();
  let sent = 0;
  const fast = setInterval(() => {
    for (const due = Math.floor((Date.now() - start) / 10); sent < due; sent++) client.publish('meter/fast/pulse', String(sent));
  }, 10);
  const slow = setInterval(() => client.publish('meter/slow/pulse', '1'), 1000);
  try {
    // The rate is over the last 10 whole seconds: 100 msg/s passes 20 after about 3 s.
    await expect(active).toHaveText('1', { timeout: 10_000 });
    await expect(fired).toHaveCount(1);
    await expect(fired).toContainText('meter/fast/pulse');
    await expect(fired).toContainText(/\d+ msg\/s/);
    clearInterval(fast);
    // Once the fast seconds have left the window, it clears; the slow meter never fired.
    await expect(active).toHaveText('0', { timeout: 15_000 });
    await expect(cleared).toHaveCount(1);
    await expect(cleared).toContainText('meter/fast/pulse');
    await expect(fired).toHaveCount(1);
  } finally {
    clearInterval(fast);
    clearInterval(slow);
    await client.endAsync(true);
  }
});

test('a Silent for rule is not judged while the broker is away, and after the reconnect fires only for the topic that stays silent', async ({ page, mosquitto }) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/alerts');
  await app.expectConnected();
  await page.getByRole('button', { name: 'Add alert rule' }).click();
  const dialog = await fillRule(page, { filter: 'hb/+', condition: 'Silent for', seconds: '3' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const active = page.getByRole('status', { name: 'Active alerts' });
  const fired = page.getByRole('table', { name: 'Alert log' }).getByRole('row', { name: /Fired/ });
  const rule = page.getByRole('table', { name: 'Alert rules' }).getByRole('row', { name: /hb\/\+/ });

  // Two heartbeats every 500 ms; the publisher reconnects on its own after the broker restarts.
  const client = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 250 });
  let bStopped = false;
  const beat = setInterval(() => {
    if (!client.connected) return;
    client.publish('hb/a', 'beat');
    if (!bStopped) client.publish('hb/b', 'beat');
  }, 500);
  try {
    await expect(rule).toContainText('OK');
    // The broker goes away for longer than the 3 s: nobody is silent, the connection is.
    await mosquitto.stop();
    await expect(app.status).toHaveText(/^(Reconnecting|Connecting)/);
    await page.waitForTimeout(4_500);
    await expect(active).toHaveText('0');
    await expect(fired).toHaveCount(0);
    // Back: hb/a beats again, hb/b does not. Silence counts from the reconnect, so nothing fires
    // at once; 3 s later hb/b (only) has been silent long enough.
    bStopped = true;
    await mosquitto.restart();
    await app.expectConnected(20_000);
    const back = Date.now();
    await expect(fired).toHaveCount(1, { timeout: 8_000 });
    expect(Date.now() - back).toBeGreaterThan(2_000);
    await expect(fired).toContainText('hb/b');
    await expect(active).toHaveText('1');
    await page.waitForTimeout(1_500);
    await expect(fired).toHaveCount(1); // hb/a, beating again, never fired
  } finally {
    clearInterval(beat);
    await client.endAsync(true);
  }
});
