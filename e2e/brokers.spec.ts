// The interop matrix: the same scenarios on four real brokers — aedes (embedded), Mosquitto,
// RabbitMQ 3.10 (one node, web-MQTT) and ejabberd 23.01 (mod_mqtt). Each broker starts once per
// worker (fixtures/broker-matrix.ts). Where a broker lacks something, the test asserts the app's
// plain message about it instead of the feature. Table of findings: docs/brokers.md.
import type { Page } from '@playwright/test';
import { test, expect, BROKER_KINDS, independentClient, retainedAt, type BrokerTarget } from './fixtures/broker-matrix.ts';
import { subscribeCollect } from './fixtures/subscribe-collect.ts';
import { startDevice } from './fixtures/device.ts';
import { AppPage } from './pages/app-page.ts';
import { DashboardPage } from './pages/dashboard-page.ts';

/** A topic prefix of its own for each test: the brokers (and their retained messages) are shared. */
const uid = () => Math.random().toString(36).slice(2, 8);
const versionLabel = (v: 4 | 5) => (v === 4 ? '3.1.1' : '5');

/** Open the app on the broker, then connect with this MQTT version (and the broker's credentials). */
async function connect(page: Page, b: BrokerTarget, version: 4 | 5, path = '/explorer'): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open(b.wsUrl, path);
  const form = await app.openConnections();
  await form.getByLabel('MQTT version').selectOption({ label: versionLabel(version) });
  if (b.credentials) {
    await form.getByLabel('Username').fill(b.credentials.username);
    await form.getByLabel('Password', { exact: true }).fill(b.credentials.password);
  }
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await app.expectConnected(20_000);
  // Connected on the version asked for (not still on the link's first connection).
  await expect(page.getByText(`${b.wsUrl} · MQTT ${versionLabel(version)}`, { exact: true })).toBeVisible();
  return app;
}

async function closeConnections(page: Page) {
  await page.getByRole('button', { name: 'Close' }).click();
}

for (const kind of BROKER_KINDS) {
  test.describe(`broker: ${kind}`, () => {
    let b: BrokerTarget;
    test.beforeAll(async ({ brokers }) => {
      test.setTimeout(120_000); // RabbitMQ takes ~15 s on two idle cores
      b = await brokers.get(kind);
    });
    test.afterEach(async ({}, testInfo) => {
      if (testInfo.status !== testInfo.expectedStatus) {
        console.log(`--- ${kind} log (tail) ---\n${(await b.log()).trimEnd().split('\n').slice(-25).join('\n')}`);
      }
    });

    test(`${kind}: connects on every MQTT version it speaks, shows the granted QoS, and counts in the Explorer`, async ({ page }) => {
      const id = uid();
      const versions = b.versions;
      if (b.credentials) {
        // Without any username the broker refuses; the status says what may help.
        const anon = new AppPage(page);
        await anon.open(b.wsUrl);
        await expect(anon.status).toHaveText(/^Error: Not authorized .*no username was sent.*accept any username and password/, { timeout: 10_000 });
      }
      let app!: AppPage;
      for (const v of versions) {
        app = await connect(page, b, v);
        await app.openConnections();
        const granted = page.getByRole('list', { name: 'Granted by the broker' });
        // The app asks for QoS 2; a broker that grants less is named next to the filter.
        await expect(granted.getByRole('listitem')).toHaveText([b.maxQos === 2 ? /^# QoS 2$/ : /^# granted QoS 1 \(asked for 2\)$/]);
        await closeConnections(page);
      }
      const pub = await independentClient(b);
      for (const t of ['a/x', 'a/y', 'b']) await pub.publishAsync(`mx${id}/${t}`, `v-${t}`, { qos: 1 });
      await pub.endAsync();
      await expect(app.treeItem(`mx${id}`)).toHaveAccessibleDescription(/^3 msgs · 3 topics/);
      await app.expandPath([`mx${id}`]);
      await expect(app.treeItem('a')).toHaveAccessibleDescription(/^2 msgs · 2 topics/);
    });

    test(`${kind}: publish QoS 0, 1 and 2 with retain reaches an independent client, and the retained copies stay`, async ({ page }) => {
      const id = uid();
      const prefix = `pub${id}`;
      const sub = await subscribeCollect(b.mqttUrl, `${prefix}/#`, { protocolVersion: 4, qos: 2, ...b.credentials });
      try {
        await connect(page, b, b.versions.at(-1)!, '/publish');
        const region = page.getByRole('region', { name: 'Publish' });
        const result = page.getByRole('status', { name: 'Publish result' });
        for (const qos of [0, 1, 2] as const) {
          await region.getByLabel('Topic', { exact: true }).fill(`${prefix}/q${qos}`);
          await region.getByLabel('Payload', { exact: true }).fill(`payload ${qos}`);
          await region.getByRole('radiogroup', { name: 'QoS' }).getByRole('radio', { name: String(qos), exact: true }).check();
          await region.getByRole('checkbox', { name: 'Retain', exact: true }).setChecked(true);
          await region.getByRole('button', { name: 'Publish', exact: true }).click();
          await expect(result).toContainText(qos === 0 ? `Sent to ${prefix}/q0` : `Acknowledged by the broker`);
          const m = await sub.waitFor((x) => x.topic === `${prefix}/q${qos}`);
          // Delivered at the lower of the publish and subscription QoS; the broker may cap it.
          expect([m.text, m.qos]).toEqual([`payload ${qos}`, Math.min(qos, b.maxQos)]);
        }
        // Each stays retained: a new subscriber to the exact topic receives it.
        for (const qos of [0, 1, 2]) expect(await retainedAt(b, `${prefix}/q${qos}`)).toBe(`payload ${qos}`);
      } finally {
        await sub.close();
      }
    });

    test(`${kind}: retained messages: listed, deleted and restored — or the Retained view says why it cannot see them`, async ({ page }) => {
      const id = uid();
      const topic = `rt${id}/dev/config`;
      const pub = await independentClient(b);
      await pub.publishAsync(topic, '{"interval_ms":5000}', { qos: 1, retain: true });
      await pub.endAsync();
      await connect(page, b, b.versions[0], '/retained');
      if (!b.retainedOnWildcards) {
        // RabbitMQ keeps it (an exact subscriber gets it) but never sends it to `#`: the view says so.
        expect(await retainedAt(b, topic)).toBe('{"interval_ms":5000}');
        await expect(page.getByText('No retained messages seen')).toBeVisible();
        await expect(page.getByText(/RabbitMQ keeps retained messages per node and sends them only to subscriptions of their exact topic/)).toBeVisible();
        return;
      }
      await page.getByRole('searchbox', { name: 'Filter' }).fill(`rt${id}`);
      const table = page.getByRole('table', { name: 'Retained messages' });
      await expect(table.getByRole('row')).toHaveCount(2);
      await table.getByRole('checkbox', { name: `Select ${topic}` }).check();
      await page.getByRole('button', { name: /^Delete selected/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Delete 1 retained message' }).click();
      await expect(dialog).toHaveCount(0);
      await expect.poll(() => retainedAt(b, topic)).toBeUndefined();
      const deleted = page.getByRole('list', { name: 'Deleted this session' });
      await deleted.getByRole('button', { name: 'Restore' }).click();
      await expect(deleted.getByText('restored')).toBeVisible();
      await expect.poll(() => retainedAt(b, topic)).toBe('{"interval_ms":5000}');
    });

    test(`${kind}: a switch confirmed by an independent device, and its last will seen by the app`, async ({ page }) => {
      const id = uid();
      const t = { command: `dv${id}/lamp/set`, state: `dv${id}/lamp/state`, availability: `dv${id}/lamp/status` };
      await connect(page, b, b.versions.at(-1)!, '/dashboard');
      const dash = new DashboardPage(page);
      await dash.newDashboard('Matrix');
      await dash.addSwitch({ label: 'Lamp', command: t.command, state: t.state, on: 'on', off: 'off', availability: t.availability });
      const device = await startDevice({ url: b.mqttUrl, commandTopic: t.command, stateTopic: t.state, availabilityTopic: t.availability, ...b.credentials });
      try {
        const lamp = dash.switch('Lamp');
        await expect(lamp).toHaveAccessibleDescription(/Confirmed/);
        await expect(lamp).toHaveAttribute('aria-checked', 'false');
        await lamp.click();
        await device.waitForCommand('on');
        await expect(lamp).toHaveAttribute('aria-checked', 'true');
        await expect(lamp).toHaveAccessibleDescription(/Confirmed/);
        // A crash: the broker publishes the device's last will ("offline") and the app shows it.
        await device.kill();
        await expect(lamp).toHaveAccessibleDescription(/Unavailable/, { timeout: 10_000 });
      } finally {
        await device.stop();
      }
    });

    test(`${kind}: the Broker view and Access control show what the broker offers, or say plainly what it lacks`, async ({ page }) => {
      test.setTimeout(60_000); // a broker without dynamic security is asked 3 times, 4 s each
      await connect(page, b, b.versions[0], '/broker');
      const stats = page.getByRole('region', { name: 'Broker statistics' });
      if (b.sys) {
        const version = stats.getByRole('term').filter({ hasText: /^Version$/ }).locator('xpath=following-sibling::dd[1]');
        await expect(version).toHaveText(kind === 'aedes' ? /^aedes / : /^mosquitto version /, { timeout: 15_000 });
      } else {
        await expect(stats.getByRole('status')).toContainText('this broker does not publish $SYS statistics', { timeout: 15_000 });
      }
      await page.getByRole('navigation').getByRole('link', { name: 'Access control' }).click();
      const alert = page.getByRole('alert').filter({ hasText: /dynamic security/i });
      await expect(alert).toContainText(
        kind === 'aedes' ? /dynamic security is a Mosquitto plugin; this broker \(aedes .*\) does not offer it/i : /dynamic security is a Mosquitto plugin; this broker did not answer/i,
        { timeout: 25_000 },
      );
    });
  });
}
