// Defects seen on the default start (`npm start`: the embedded aedes broker of dev/broker.js,
// which publishes Mosquitto-style statistics on $SYS/broker/... itself).
import { spawn } from 'node:child_process';
import { test, expect } from './fixtures/csp.ts';
import { startBroker } from '../dev/broker.js';
import { startMosquitto } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';

test('Broker view on the embedded broker shows the statistics it publishes on $SYS', async ({ page }) => {
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1', sysIntervalMs: 1000 });
  try {
    const app = new AppPage(page);
    // As a user does it: the app opens on the Explorer, connected, then the Broker view is chosen.
    await app.open(`ws://127.0.0.1:${broker.wsPort}`);
    await app.expectConnected();
    await expect(app.treeItem('$SYS')).toBeHidden();
    await page.getByRole('navigation').getByRole('link', { name: 'Broker' }).click();
    const stats = page.getByRole('region', { name: 'Broker statistics' });
    const value = (label: string) =>
      stats.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
    await expect(value('Version')).toHaveText(/^aedes .*Switchyard embedded broker/, { timeout: 8000 });
    await expect(value('Uptime')).toHaveText(/^\d+ (s|min)/);
    await expect(value('Clients connected')).toHaveText(/^[1-9]\d*$/);
    await expect(stats.getByRole('status')).toBeHidden();
  } finally {
    await broker.close();
  }
});

test('Access control on the embedded broker says at once that dynamic security is a Mosquitto plugin it does not offer', async ({ page }) => {
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1' }); // $SYS every 5 s, as on npm start
  try {
    const app = new AppPage(page);
    await app.open(`ws://127.0.0.1:${broker.wsPort}`, '/access');
    await app.expectConnected();
    const why = page.getByRole('alert').filter({ hasText: 'dynamic security is a Mosquitto plugin' });
    await expect(why).toContainText('this broker (aedes', { timeout: 3000 });
    await expect(why).toContainText('does not offer it');
    await expect(page.getByRole('button', { name: 'Add client', exact: true })).toBeDisabled();
    await expect(page.getByRole('table', { name: 'Clients' })).toHaveCount(0);
  } finally {
    await broker.close();
  }
});

test('Access control on a Mosquitto without dynamic security says within 2 s what it tries and why it may not answer', async ({ page }) => {
  test.setTimeout(45_000);
  const broker = await startMosquitto(); // no dynamic-security plugin
  try {
    const app = new AppPage(page);
    await app.open(broker.wsUrl, '/access');
    await app.expectConnected();
    const status = page.getByRole('status', { name: 'Access control status' });
    await expect(status).toContainText('$CONTROL/dynamic-security/v1', { timeout: 2000 });
    await expect(status).toContainText(/only Mosquitto's dynamic-security plugin answers/i, { timeout: 2000 });
    // Mosquitto it is ($SYS/broker/version), so the app keeps asking, then says plainly that nothing came.
    const why = page.getByRole('alert').filter({ hasText: 'dynamic security is a Mosquitto plugin' });
    await expect(why).toContainText('this broker did not answer on $CONTROL/dynamic-security/v1', { timeout: 20_000 });
    await expect(why).not.toContainText('does not offer it');
  } finally {
    await broker.stop();
    await broker.remove();
  }
});

test('npm start itself (dev server, simulator, StrictMode): the Broker view shows the embedded broker\'s statistics', async ({ page }) => {
  test.setTimeout(90_000);
  // `npm start` on free ports; the dev server (React StrictMode replays effects) is where it failed.
  const child = spawn(process.execPath, ['dev/start.js'], {
    env: { ...process.env, SWITCHYARD_WS_PORT: '0', SWITCHYARD_MQTT_PORT: '0', SWITCHYARD_UI_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await expect.poll(() => /Web UI\s+(http\S+)/.exec(out)?.[1], { timeout: 30_000, message: `npm start output:\n${out}` }).toBeTruthy();
    const uiUrl = /Web UI\s+(http\S+)/.exec(out)![1]!;
    const app = new AppPage(page);
    await page.goto(uiUrl);
    await app.expectConnected(30_000); // the dev server compiles on first load
    await expect(app.treeItem('home')).toBeVisible({ timeout: 10_000 });
    await page.getByRole('navigation').getByRole('link', { name: 'Broker' }).click();
    const stats = page.getByRole('region', { name: 'Broker statistics' });
    const version = stats.getByRole('term').filter({ hasText: /^Version$/ }).locator('xpath=following-sibling::dd[1]');
    await expect(version).toHaveText(/^aedes .*Switchyard embedded broker/, { timeout: 10_000 });
    await expect(stats.getByRole('status')).toBeHidden();
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
});
