import { test, expect } from './fixtures/test.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mosquittoPub, startMosquitto, subscribeCollect } from './fixtures/mosquitto.ts';
import { startDevice } from './fixtures/device.ts';
import { AppPage } from './pages/app-page.ts';
import { docsScreenshot } from './fixtures/docs-screenshot.ts';
import { DashboardPage } from './pages/dashboard-page.ts';
import { startBroker } from '../dev/broker.js';
import { startSimulator } from '../dev/simulator.js';

// Switches show the device's truth (Home Assistant's MQTT switch): every device here is a separate
// process with its own MQTT connection (e2e/fixtures/device.ts), against a real Mosquitto.

test('add a switch through the dialog: a click reaches the device and the switch confirms; reload keeps it', async ({ page, mosquitto }) => {
  const device = await startDevice({ url: mosquitto.mqttUrl, commandTopic: 'lab/plug/set', stateTopic: 'lab/plug/state', replyDelayMs: 800 });
  try {
    const app = new AppPage(page);
    const dash = new DashboardPage(page);
    await app.open(mosquitto.wsUrl, '/dashboard');
    await app.expectConnected();
    await dash.newDashboard('Lab');
    await dash.addSwitch({ label: 'Desk plug', command: 'lab/plug/set', state: 'lab/plug/state', on: 'on', off: 'off', timeoutMs: 4000 });

    const plug = dash.switch('Desk plug');
    // The retained state says off: confirmed, not unknown.
    await expect(plug).toHaveAttribute('aria-checked', 'false');
    await expect(plug).toHaveAccessibleDescription(/Confirmed by the device/);

    await plug.click();
    // Sent, but the device has not reported yet: busy, and still off.
    await expect(plug).toHaveAttribute('aria-busy', 'true');
    await expect(plug).toHaveAttribute('aria-checked', 'false');
    await device.waitForCommand('on');
    await expect(plug).toHaveAttribute('aria-checked', 'true');
    await expect(plug).toHaveAttribute('aria-busy', 'false');
    expect(device.state).toBe('on');

    await page.reload();
    await app.expectConnected();
    await expect(page.getByRole('tab', { name: 'Lab' })).toHaveAttribute('aria-selected', 'true');
    // The same widget, with its configuration, and the device's retained state.
    await expect(dash.switch('Desk plug')).toHaveAttribute('aria-checked', 'true');
    await dash.switch('Desk plug').click();
    await device.waitForCommand('off');
    await expect(dash.switch('Desk plug')).toHaveAttribute('aria-checked', 'false');
  } finally {
    await device.stop();
  }
});

test('the device stopped: a click never shows a false "on" and the timeout message appears', async ({ page, mosquitto }) => {
  const device = await startDevice({ url: mosquitto.mqttUrl, commandTopic: 'lab/lamp/set', stateTopic: 'lab/lamp/state' });
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  await app.open(mosquitto.wsUrl, '/dashboard');
  await app.expectConnected();
  await dash.newDashboard('Lab');
  await dash.addSwitch({ label: 'Lamp', command: 'lab/lamp/set', state: 'lab/lamp/state', on: 'on', off: 'off', timeoutMs: 1500 });
  const lamp = dash.switch('Lamp');
  await expect(lamp).toHaveAttribute('aria-checked', 'false');
  await expect(lamp).toHaveAccessibleDescription(/Confirmed/);
  await device.stop();

  const watcher = await subscribeCollect(mosquitto.mqttUrl, 'lab/lamp/set');
  try {
    await dash.recordChecked(lamp);
    await lamp.click();
    await expect(lamp).toHaveAttribute('aria-busy', 'true');
    // The command did go out (the broker has it), but nobody answers.
    await watcher.waitFor((m) => m.text === 'on');
    const card = dash.widget('Lamp');
    await expect(card.getByRole('alert')).toContainText('The device did not answer within 1.5 s', { timeout: 8000 });
    await expect(lamp).toHaveAttribute('aria-busy', 'false');
    await expect(lamp).toHaveAttribute('aria-checked', 'false');
    expect(await dash.everChecked()).toBe(false);
  } finally {
    await watcher.close();
  }
});

test('offline the switch is disabled; after a reconnect it is stale until the device reports; availability offline is unavailable', async ({ page, mosquitto }) => {
  test.setTimeout(90_000); // the app's reconnect backoff grows while the broker is down
  const first = await startDevice({ url: mosquitto.mqttUrl, commandTopic: 'lab/fan/set', stateTopic: 'lab/fan/state', availabilityTopic: 'lab/fan/status' });
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  await app.open(mosquitto.wsUrl, '/dashboard');
  await app.expectConnected();
  await dash.newDashboard('Lab');
  await dash.addSwitch({ label: 'Fan', command: 'lab/fan/set', state: 'lab/fan/state', on: 'on', off: 'off', timeoutMs: 3000, availability: 'lab/fan/status' });
  const fan = dash.switch('Fan');
  await expect(fan).toHaveAccessibleDescription(/Confirmed/);

  // The broker goes away: offline, disabled, nothing can be queued.
  await mosquitto.stop();
  await expect(app.status).toHaveText(/^Reconnecting|^Connecting/, { timeout: 10_000 });
  await expect(fan).toHaveAccessibleDescription(/Offline/);
  await expect(fan).toBeDisabled();
  await first.stop();
  await expect(fan).toBeDisabled();

  // Back without its retained messages (no persistence): the old value is shown, as stale.
  await mosquitto.restart();
  await app.expectConnected(40_000);
  await expect(fan).toHaveAccessibleDescription(/Stale/);
  await expect(fan).toHaveAttribute('aria-checked', 'false');
  await expect(fan).toBeEnabled();

  // The device returns (on this time) and reports: fresh and confirmed.
  const second = await startDevice({ url: mosquitto.mqttUrl, commandTopic: 'lab/fan/set', stateTopic: 'lab/fan/state', availabilityTopic: 'lab/fan/status', initial: 'on' });
  try {
    await expect(fan).toHaveAttribute('aria-checked', 'true');
    await expect(fan).toHaveAccessibleDescription(/Confirmed/);
    // A crash: the broker publishes the device's last will, "offline".
    await second.kill();
    await expect(fan).toHaveAccessibleDescription(/Unavailable/, { timeout: 10_000 });
    await expect(fan).toBeDisabled();
  } finally {
    await second.stop();
  }
});

test("after a reconnect the broker's unchanged retained state confirms the switch again", async ({ page }) => {
  test.setTimeout(90_000);
  // A broker that keeps its retained messages across a restart (the default fixture does not).
  const store = await mkdtemp(path.join(os.tmpdir(), 'switchyard-persist-'));
  const broker = await startMosquitto({ extraConfig: `persistence true\npersistence_location ${store}/` });
  try {
    const device = await startDevice({ url: broker.mqttUrl, commandTopic: 'lab/pump/set', stateTopic: 'lab/pump/state', initial: 'on' });
    await device.stop(); // its retained "on" stays with the broker
    const app = new AppPage(page);
    const dash = new DashboardPage(page);
    await app.open(broker.wsUrl, '/dashboard');
    await app.expectConnected();
    await dash.newDashboard('Lab');
    await dash.addSwitch({ label: 'Pump', command: 'lab/pump/set', state: 'lab/pump/state', on: 'on', off: 'off' });
    const pump = dash.switch('Pump');
    await expect(pump).toHaveAttribute('aria-checked', 'true');
    await expect(pump).toHaveAccessibleDescription(/Confirmed/);

    await broker.stop();
    await expect(pump).toHaveAccessibleDescription(/Offline/);
    await broker.restart();
    await app.expectConnected(40_000);
    // The broker replays the same retained state; the app does not show it twice, but the
    // switch must not stay "stale" for ever: the replay confirms it.
    await expect(pump).toHaveAccessibleDescription(/Confirmed/, { timeout: 8000 });
    await expect(pump).toHaveAttribute('aria-checked', 'true');
  } finally {
    await broker.remove();
    await rm(store, { recursive: true, force: true });
  }
});

test('export then import round-trips identically; an invalid import is refused and nothing changes', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  await app.open(mosquitto.wsUrl, '/dashboard');
  await app.expectConnected();
  await dash.newDashboard('Lab');
  await dash.addSwitch({ label: 'Heater', command: 'lab/heater/set', state: 'lab/heater', on: '{"state":"ON"}', off: '{"state":"OFF"}', stateOn: 'ON', stateOff: 'OFF', jsonPath: 'state', timeoutMs: 2500 });
  await dash.addWidget('Gauge', 'Humidity', { Topic: 'lab/air', 'JSON path': 'humidity', Unit: '%' });

  const first = await dash.exportDashboard();
  expect(first.name).toBe('lab.switchyard-dashboard.json');
  const file = JSON.parse(first.text);
  expect(file).toMatchObject({ format: 'switchyard-dashboard', version: 1, dashboard: { name: 'Lab' } });
  expect(file.dashboard.widgets.map((w: { label: string }) => w.label)).toEqual(['Heater', 'Humidity']);

  // Remove it, import the file: the same dashboard comes back, and exports to the same bytes.
  await dash.deleteDashboard('Lab');
  await expect(page.getByRole('tab', { name: 'Lab' })).toHaveCount(0);
  await dash.importFile(first.name, first.text);
  await expect(page.getByRole('status').filter({ hasText: 'Imported Lab with 2 widgets' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Lab' })).toHaveAttribute('aria-selected', 'true');
  await expect(dash.switch('Heater')).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Humidity' })).toBeVisible();
  const second = await dash.exportDashboard();
  expect(second.text).toBe(first.text);

  // Bad files: an alert says why; dashboards and storage are exactly as before.
  const before = await dash.storedDashboards();
  const tabsBefore = await page.getByRole('tab').allTextContents();
  await dash.importFile('broken.json', '{ "format": "switchyard-dashboard", ');
  await expect(page.getByRole('alert')).toContainText('Import failed: This file is not JSON');
  const bad = { ...file, dashboard: { ...file.dashboard, widgets: [{ ...file.dashboard.widgets[0], commandTopic: 'lab/#' }] } };
  await dash.importFile('bad.json', JSON.stringify(bad));
  await expect(page.getByRole('alert')).toContainText('widgets[0].commandTopic: Wildcards + and # are not allowed');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed');
  expect(await page.getByRole('tab').allTextContents()).toEqual(tabsBefore);
  expect(await dash.storedDashboards()).toBe(before);
  await expect(dash.switch('Heater')).toBeVisible();
});

test('a discovery config published to the broker offers a widget that works against its device', async ({ page, mosquitto }) => {
  const device = await startDevice({ url: mosquitto.mqttUrl, commandTopic: 'garage/door-light/set', stateTopic: 'garage/door-light/state', onPayload: 'ON', offPayload: 'OFF' });
  try {
    const app = new AppPage(page);
    const dash = new DashboardPage(page);
    await app.open(mosquitto.wsUrl, '/dashboard');
    await app.expectConnected();
    await dash.newDashboard('Garage');
    const discovered = page.getByRole('region', { name: 'Discovered devices' });
    await expect(discovered.getByRole('button', { name: 'Add Door light' })).toHaveCount(0);

    // Abbreviated keys and the ~ base topic, as real devices (Tasmota, ESPHome) send them.
    const config = { '~': 'garage/door-light', name: 'Door light', uniq_id: 'door_light', cmd_t: '~/set', stat_t: '~/state', device: { name: 'Garage' } };
    await mosquittoPub(mosquitto, 'homeassistant/switch/door_light/config', JSON.stringify(config), { retain: true, qos: 1 });
    await discovered.getByRole('button', { name: 'Add Door light' }).click();

    const light = dash.switch('Door light');
    await expect(light).toHaveAttribute('aria-checked', 'false');
    await expect(light).toHaveAccessibleDescription(/Confirmed/);
    await expect(discovered).toContainText('On this dashboard');
    await light.click();
    await device.waitForCommand('ON');
    await expect(light).toHaveAttribute('aria-checked', 'true');
    // The widget got the topics and payloads from the config.
    await dash.widget('Door light').getByRole('button', { name: 'Edit Door light' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Door light' });
    await expect(dialog.getByLabel('Command topic')).toHaveValue('garage/door-light/set');
    await expect(dialog.getByLabel('State topic')).toHaveValue('garage/door-light/state');
    await expect(dialog.getByLabel('On payload')).toHaveValue('ON');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await device.stop();
  }
});

// The embedded default of `npm start` on free ports (first-start.spec.ts owns 9001).
test('first start: the default dashboard is wired to the simulator', async ({ page }, testInfo) => {
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1' });
  const sim = await startSimulator({ url: `mqtt://127.0.0.1:${broker.mqttPort}` });
  const watcher = await subscribeCollect(`mqtt://127.0.0.1:${broker.mqttPort}`, ['home/office/lamp/state', 'sensors/th-01/config/state']);
  try {
    const app = new AppPage(page);
    const dash = new DashboardPage(page);
    await app.open(`ws://127.0.0.1:${broker.wsPort}`, '/dashboard');
    await app.expectConnected();
    await expect(page.getByRole('tab', { name: 'Home' })).toHaveAttribute('aria-selected', 'true');

    const lamp = dash.switch('Office lamp');
    await expect(lamp).toHaveAccessibleDescription(/Confirmed/);
    await expect(lamp).toHaveAttribute('aria-checked', 'false');
    await lamp.click();
    await expect(lamp).toHaveAttribute('aria-checked', 'true');
    await watcher.waitFor((m) => m.topic === 'home/office/lamp/state' && m.text === 'on');

    const kitchen = dash.switch('Kitchen light');
    await expect(kitchen).toHaveAccessibleDescription(/Confirmed/);
    const wasOn = (await kitchen.getAttribute('aria-checked')) === 'true';
    await kitchen.click();
    await expect(kitchen).toHaveAttribute('aria-checked', String(!wasOn));

    await expect(page.getByRole('meter', { name: 'Garden temperature' })).toHaveAttribute('aria-valuetext', /°C$/);
    await expect(page.getByRole('meter', { name: 'Garden humidity' })).toHaveAttribute('aria-valuetext', /%$/);
    await expect(page.getByRole('meter', { name: 'Garden pressure' })).toHaveAttribute('aria-valuetext', /hPa$/);
    await expect(page.getByRole('figure', { name: 'Living room temperature' })).toBeVisible();

    // The slider retunes sensor th-01 through its config topic; the sensor confirms.
    const slider = page.getByRole('slider', { name: 'Sensor th-01 interval' });
    await expect(dash.widget('Sensor th-01 interval')).toContainText('Device reports 5000 ms');
    await slider.focus();
    await slider.press('ArrowRight');
    await watcher.waitFor((m) => m.topic === 'sensors/th-01/config/state' && m.text.includes('5500'), 8000);
    await expect(dash.widget('Sensor th-01 interval')).toContainText('Device reports 5500 ms');

    const discovered = page.getByRole('region', { name: 'Discovered devices' });
    await expect(discovered.getByRole('button', { name: 'Add Office lamp' })).toBeVisible();
    await expect(discovered.getByRole('button', { name: 'Add Kitchen light' })).toBeVisible();

    // The value widget shows th-01's readings (every 5.5 s now).
    await expect(dash.widget('th-01 temperature')).toContainText('Updated', { timeout: 15_000 });
    await page.mouse.move(0, 0);
    await docsScreenshot(page, testInfo, 'screenshot-dashboard.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await docsScreenshot(page, testInfo, 'screenshot-dashboard-dark.png');
  } finally {
    await watcher.close();
    await sim.stop();
    await broker.close();
  }
});

test('edit and delete a widget; several dashboards', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  await app.open(mosquitto.wsUrl, '/dashboard');
  await app.expectConnected();
  await dash.newDashboard('Lab');
  // A bad field: an alert next to it, the dialog and what was typed stay.
  await page.getByRole('button', { name: 'Add widget' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add widget' });
  await dialog.getByLabel('Widget type').selectOption('value');
  await dialog.getByLabel('Label').fill('Air');
  await dialog.getByLabel('Topic', { exact: true }).fill('lab/air/#');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Wildcards + and # are not allowed in a publish topic');
  await expect(dialog.getByLabel('Label')).toHaveValue('Air');
  await dialog.getByLabel('Topic', { exact: true }).fill('lab/air');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  await mosquittoPub(mosquitto, 'lab/air', '{"co2": 612}', { retain: true });
  await dash.widget('Air').getByRole('button', { name: 'Edit Air' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Air' });
  await edit.getByLabel('JSON path').fill('co2');
  await edit.getByLabel('Unit').fill('ppm');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(dash.widget('Air')).toContainText('612ppm');

  await dash.widget('Air').getByRole('button', { name: 'Delete Air' }).click();
  await page.getByRole('dialog', { name: 'Delete widget Air?' }).getByRole('button', { name: 'Delete widget Air' }).click();
  await expect(dash.widget('Air')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No widgets on Lab yet' })).toBeVisible();

  await page.getByRole('tab', { name: 'Home' }).click();
  await expect(dash.switch('Office lamp')).toBeVisible();
  await expect(page.getByRole('tab')).toHaveText(['Home', 'Lab']);
});

test('Edit layout: drag a widget by its header and resize it; Done and reload keep the layout', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  await app.open(mosquitto.wsUrl, '/dashboard');
  await app.expectConnected();
  await dash.newDashboard('Lab');
  await dash.addSwitch({ label: 'Left', command: 'lab/left/set' });
  await dash.addSwitch({ label: 'Right', command: 'lab/right/set' });
  const box = async (label: string) => (await dash.widget(label).boundingBox())!;
  expect((await box('Right')).x).toBeGreaterThan((await box('Left')).x);
  const heightBefore = (await box('Right')).height;

  await page.getByRole('button', { name: 'Edit layout' }).click();
  // Drag "Right" by its header onto "Left".
  const handle = dash.widget('Right').getByRole('heading', { name: 'Right' });
  const from = (await handle.boundingBox())!;
  const to = await box('Left');
  await page.mouse.move(from.x + 10, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x - 40, from.y + 20, { steps: 5 });
  await page.mouse.move(to.x + 10, from.y + from.height / 2, { steps: 10 });
  await page.mouse.up();
  // "Right" now sits at the top left; "Left" was pushed down below it.
  const stacked = async () => {
    const [r, l] = [await box('Right'), await box('Left')];
    return r.y < l.y && Math.abs(r.x - l.x) < 2;
  };
  await expect.poll(stacked).toBe(true);

  // Resize "Left" one row taller from its bottom-right corner.
  const left = await box('Left');
  await page.mouse.move(left.x + left.width - 6, left.y + left.height - 6);
  await page.mouse.down();
  await page.mouse.move(left.x + left.width - 6, left.y + left.height + 40, { steps: 5 });
  await page.mouse.move(left.x + left.width - 6, left.y + left.height + 80, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await box('Left')).height).toBeGreaterThan(heightBefore + 40);
  await page.getByRole('button', { name: 'Done' }).click();

  await page.reload();
  await app.expectConnected();
  await expect(dash.switch('Right')).toBeVisible();
  await expect.poll(stacked).toBe(true);
  expect((await box('Left')).height).toBeGreaterThan(heightBefore + 40);
});

test('Edit layout by keyboard: arrow keys move a widget, Shift+arrows resize it', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  await app.open(mosquitto.wsUrl, '/dashboard');
  await app.expectConnected();
  await dash.newDashboard('Keys');
  await dash.addSwitch({ label: 'Only', command: 'keys/only/set' });
  const box = async () => (await dash.widget('Only').boundingBox())!;
  const before = await box();

  await page.getByRole('button', { name: 'Edit layout' }).click();
  const cell = page.getByRole('group', { name: 'Move or resize Only' });
  await cell.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByText(/^Only: column 3, row 1, \d+ wide, 3 high$/)).toBeAttached();
  await expect.poll(async () => (await box()).x).toBeGreaterThan(before.x + 50);
  await expect.poll(async () => (await box()).height).toBeGreaterThan(before.height + 40);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('group', { name: 'Move or resize Only' })).toHaveCount(0);

  await page.reload();
  await app.expectConnected();
  await expect(dash.switch('Only')).toBeVisible();
  expect((await box()).x).toBeGreaterThan(before.x + 50);
  expect((await box()).height).toBeGreaterThan(before.height + 40);
});
