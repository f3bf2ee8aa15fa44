// Access control against a real Mosquitto with the dynamic-security plugin. What the app did is
// checked on the broker's side: logins with mqtt.js, messages an admin subscriber receives, and
// the plugin's own answers to getClient.
import mqtt from 'mqtt';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/csp.ts';
import { subscribeCollect } from './fixtures/mosquitto.ts';
import { ADMIN, canLogin, startDynsecMosquitto, type DynsecBroker } from './fixtures/dynsec.ts';
import { expectSeen } from './fixtures/on-screen.ts';
import { AppPage } from './pages/app-page.ts';

let broker: DynsecBroker;

test.beforeEach(async () => {
  broker = await startDynsecMosquitto();
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(`--- mosquitto log (tail) ---\n${(await broker.log()).split('\n').slice(-30).join('\n')}`);
  await broker.removeAll();
});

async function connectAs(page: Page, username: string, password: string): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open(broker.wsUrl, '/access');
  const form = await app.openConnections();
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(form).toBeHidden();
  await app.expectConnected();
  return app;
}

test('an admin adds a client, gives it a role with an ACL, disables and deletes it', async ({ page }) => {
  test.setTimeout(120_000);
  // Made outside the app: a name that would be markup if it were rendered as HTML.
  expect(await broker.command([{ command: 'createClient', username: '<b>bold</b>', password: 'x' }])).toEqual([
    expect.not.objectContaining({ error: expect.anything() }),
  ]);
  await connectAs(page, ADMIN.username, ADMIN.password);
  const clients = page.getByRole('table', { name: 'Clients' });
  const roles = page.getByRole('table', { name: 'Roles' });
  await expect(clients.getByRole('rowheader', { name: 'admin' })).toBeVisible({ timeout: 20_000 });
  await expect(clients.getByRole('rowheader', { name: '<b>bold</b>' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Groups' })).toBeVisible();

  // Add client → the new user can log in with that password (and not with another).
  await page.getByRole('button', { name: 'Add client', exact: true }).click();
  let dialog = page.getByRole('dialog', { name: 'Add client' });
  await dialog.getByLabel('Username').fill('sensor-1');
  await dialog.getByLabel('Password').fill('s3cret-pw');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(clients.getByRole('row', { name: /sensor-1/ })).toContainText('Enabled');
  expect(await canLogin(broker.mqttUrl, 'sensor-1', 's3cret-pw')).toBe(true);
  expect(await canLogin(broker.mqttUrl, 'sensor-1', 'wrong')).toBe(false);

  // The broker's refusal is shown next to the form, which stays open.
  await page.getByRole('button', { name: 'Add client', exact: true }).click();
  dialog = page.getByRole('dialog', { name: 'Add client' });
  await dialog.getByLabel('Username').fill('sensor-1');
  await dialog.getByLabel('Password').fill('other');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/already exists/i);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Add role, an ACL on it, and assign it.
  await page.getByRole('button', { name: 'Add role', exact: true }).click();
  dialog = page.getByRole('dialog', { name: 'Add role' });
  await dialog.getByLabel('Role name').fill('sensor-writer');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(roles.getByRole('rowheader', { name: 'sensor-writer' })).toBeVisible();

  await page.getByRole('button', { name: 'Add ACL to role sensor-writer' }).click();
  dialog = page.getByRole('dialog', { name: 'Add ACL to role sensor-writer' });
  await dialog.getByLabel('ACL type').selectOption('publishClientSend');
  await dialog.getByLabel('Topic').fill('sensors/#');
  await dialog.getByRole('radio', { name: 'Allow' }).check();
  await dialog.getByLabel('Priority').fill('5');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(roles.getByRole('list', { name: 'ACLs of sensor-writer' })).toContainText('publishClientSend');
  await expect(roles.getByRole('list', { name: 'ACLs of sensor-writer' })).toContainText('sensors/#');

  await page.getByRole('button', { name: 'Assign role to sensor-1' }).click();
  dialog = page.getByRole('dialog', { name: 'Assign role to sensor-1' });
  await dialog.getByLabel('Role').selectOption('sensor-writer');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(clients.getByRole('row', { name: /sensor-1/ })).toContainText('sensor-writer');

  // On the wire: sensor-1 may now publish under sensors/, and still not elsewhere.
  const watcher = await subscribeCollect(broker.mqttUrl, ['sensors/#', 'other/#'], { username: ADMIN.username, password: ADMIN.password, qos: 1 });
  const sensor = await mqtt.connectAsync(broker.mqttUrl, { username: 'sensor-1', password: 's3cret-pw', reconnectPeriod: 0 });
  const closed = new Promise<void>((resolve) => sensor.once('close', () => resolve()));
  try {
    await sensor.publishAsync('other/x', 'denied', { qos: 1 });
    await sensor.publishAsync('sensors/1/temp', '21.5', { qos: 1 });
    await watcher.waitFor((m) => m.topic === 'sensors/1/temp' && m.text === '21.5', 10_000);
    expect(watcher.messages.map((m) => m.topic)).not.toContain('other/x');

    // Disable (asks first): refused at login, and the open connection is closed.
    await page.getByRole('button', { name: 'Disable sensor-1' }).click();
    dialog = page.getByRole('dialog', { name: 'Disable client sensor-1?' });
    await dialog.getByRole('button', { name: 'Disable client sensor-1' }).click();
    await expect(dialog).toBeHidden();
    await expect(clients.getByRole('row', { name: /sensor-1/ })).toContainText('Disabled');
    await closed;
    expect(await canLogin(broker.mqttUrl, 'sensor-1', 's3cret-pw')).toBe(false);
    const [info] = await broker.command([{ command: 'getClient', username: 'sensor-1' }]);
    expect(info?.data?.client?.disabled).toBe(true);
  } finally {
    sensor.end(true);
    await watcher.close();
  }

  // Enable needs no confirmation and lets it back in.
  await page.getByRole('button', { name: 'Enable sensor-1' }).click();
  await expect(clients.getByRole('row', { name: /sensor-1/ })).toContainText('Enabled');
  expect(await canLogin(broker.mqttUrl, 'sensor-1', 's3cret-pw')).toBe(true);

  // Delete: Cancel keeps it; confirming removes it from the broker.
  await page.getByRole('button', { name: 'Delete client sensor-1' }).click();
  dialog = page.getByRole('dialog', { name: 'Delete client sensor-1?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(clients.getByRole('rowheader', { name: 'sensor-1' })).toBeVisible();
  expect(await canLogin(broker.mqttUrl, 'sensor-1', 's3cret-pw')).toBe(true);

  await page.getByRole('button', { name: 'Delete client sensor-1' }).click();
  dialog = page.getByRole('dialog', { name: 'Delete client sensor-1?' });
  await dialog.getByRole('button', { name: 'Delete client sensor-1' }).click();
  await expect(dialog).toBeHidden();
  await expect(clients.getByRole('rowheader', { name: 'sensor-1' })).toHaveCount(0);
  expect(await canLogin(broker.mqttUrl, 'sensor-1', 's3cret-pw')).toBe(false);
  const [gone] = await broker.command([{ command: 'getClient', username: 'sensor-1' }]);
  expect(gone?.error).toMatch(/not found/i);
});

test('framed as the other settings pages: a title heading, counts under it, and what Enable did (or why it failed) on screen where the user clicked', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 640 });
  const devices = Array.from({ length: 30 }, (_, i) => `device-${String(i).padStart(2, '0')}`);
  await broker.command([
    ...devices.map((username) => ({ command: 'createClient', username, password: 'pw' })),
    { command: 'disableClient', username: 'device-28' },
    { command: 'disableClient', username: 'device-29' },
  ]);
  await connectAs(page, ADMIN.username, ADMIN.password);
  const clients = page.getByRole('table', { name: 'Clients' });
  await expect(clients.getByRole('rowheader', { name: 'device-29' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 2, name: 'Access control' })).toBeVisible();
  const status = page.getByRole('status', { name: 'Access control status' });
  await expect(status).toHaveText(/^31 clients · \d+ groups? · \d+ roles?$/);

  // Far down the table: Enable works, and says so on screen.
  const enable = (user: string) => clients.getByRole('button', { name: `Enable ${user}` });
  await enable('device-28').scrollIntoViewIfNeeded();
  expect(await page.getByRole('main').evaluate((main) => main.scrollTop)).toBeGreaterThan(200);
  await enable('device-28').click();
  await expect(clients.getByRole('row', { name: /device-28/ })).toContainText('Enabled');
  const done = page.getByRole('status').filter({ hasText: 'Enabled client device-28.' });
  await expectSeen(done);
  await expect(status).toHaveText(/^31 clients/); // the counts stay under the title

  // Meanwhile another admin deleted device-29: the broker refuses, the refreshed list drops the
  // row (and the button with it), and the reason is on screen and takes the keyboard focus.
  await broker.command([{ command: 'deleteClient', username: 'device-29' }]);
  await enable('device-29').scrollIntoViewIfNeeded();
  await enable('device-29').click();
  const refused = page.getByRole('alert');
  await expect(refused).toHaveText(/^The broker refused enableClient: .*not found/i);
  await expectSeen(refused);
  await expect(refused).toBeFocused();
  await expect(clients.getByRole('rowheader', { name: 'device-29' })).toHaveCount(0);
  await expect(done).toHaveCount(0); // one message at a time
  await expect(status).toHaveText(/^30 clients/);
  await page.screenshot({ path: test.info().outputPath('access-enable-refused.png') });
});

test('groups: add a group, put a client in it and give it a role', async ({ page }) => {
  test.setTimeout(90_000);
  await broker.command([
    { command: 'createClient', username: 'dev-7', password: 'pw-7' },
    { command: 'createRole', rolename: 'reader' },
  ]);
  await connectAs(page, ADMIN.username, ADMIN.password);
  const groups = page.getByRole('table', { name: 'Groups' });
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('rowheader', { name: 'dev-7' })).toBeVisible({ timeout: 20_000 });

  await page.getByRole('button', { name: 'Add group', exact: true }).click();
  let dialog = page.getByRole('dialog', { name: 'Add group' });
  await dialog.getByLabel('Group name').fill('field-devices');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(groups.getByRole('rowheader', { name: 'field-devices' })).toBeVisible();

  await page.getByRole('button', { name: 'Add client to group field-devices' }).click();
  dialog = page.getByRole('dialog', { name: 'Add client to group field-devices' });
  await dialog.getByLabel('Client').selectOption('dev-7');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Assign role to group field-devices' }).click();
  dialog = page.getByRole('dialog', { name: 'Assign role to group field-devices' });
  await dialog.getByLabel('Role').selectOption('reader');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const row = groups.getByRole('row', { name: /field-devices/ });
  await expect(row).toContainText('dev-7');
  await expect(row).toContainText('reader');
  const [g] = await broker.command([{ command: 'getGroup', groupname: 'field-devices' }]);
  expect(g?.data?.group?.clients).toEqual([expect.objectContaining({ username: 'dev-7' })]);
  expect(g?.data?.group?.roles).toEqual([expect.objectContaining({ rolename: 'reader' })]);

  await page.getByRole('button', { name: 'Delete group field-devices' }).click();
  dialog = page.getByRole('dialog', { name: 'Delete group field-devices?' });
  await dialog.getByRole('button', { name: 'Delete group field-devices' }).click();
  await expect(groups.getByRole('rowheader', { name: 'field-devices' })).toHaveCount(0);
  const [gone] = await broker.command([{ command: 'getGroup', groupname: 'field-devices' }]);
  expect(gone?.error).toMatch(/not found/i);
});

test('a user who is not a dynamic-security admin gets an explanation, not blank tables', async ({ page }) => {
  test.setTimeout(90_000);
  await broker.command([{ command: 'createClient', username: 'viewer', password: 'viewer-pw' }]);
  await connectAs(page, 'viewer', 'viewer-pw');
  // MQTT 5: the broker refuses the command message at once (PUBACK "not authorized").
  const why = page.getByRole('alert').filter({ hasText: 'Connect as a dynamic-security admin' });
  await expect(why).toContainText('the broker refused the command message on $CONTROL/dynamic-security/v1', { timeout: 40_000 });
  await expect(why).toContainText(/not authori[sz]ed/i);
  await expect(page.getByRole('table', { name: 'Clients' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add client', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeEnabled();

  // MQTT 3.1.1 has no way to refuse a publish: the broker stays silent, and the view says so.
  const app = new AppPage(page);
  const form = await app.openConnections();
  await form.getByLabel('MQTT version').selectOption('3.1.1');
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(form).toBeHidden();
  await app.expectConnected();
  await expect(page.getByRole('banner').getByText(/MQTT 3\.1\.1/)).toBeVisible();
  await expect(why).toContainText('this broker did not answer on $CONTROL/dynamic-security/v1', { timeout: 40_000 });
  await expect(page.getByRole('status', { name: 'Access control status' })).toBeEmpty();
});
