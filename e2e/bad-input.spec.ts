// Bad input the app must refuse or carry safely, never hang on: deep links that are not broker
// URLs (or carry credentials), a worker that fails, and MQTT 5 user property names that are
// JavaScript's own (`constructor`, `toString`, `__proto__`).
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { subscribeCollect } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';

const storedProfiles = (page: Page) =>
  page.evaluate(() => {
    const raw = localStorage.getItem('switchyard.profiles');
    return raw === null ? [] : (JSON.parse(raw).state.profiles as { url: string }[]);
  });

test('?broker=foo: an error in the status within 2 s, nothing saved', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('foo');
  await expect(app.status).toHaveText(/^Error: .*“foo” cannot be used\. Enter a broker URL/, { timeout: 2_000 });
  // Stays there: no connecting loop behind it.
  await page.waitForTimeout(1_000);
  await expect(app.status).toHaveText(/^Error:/);
  expect(await storedProfiles(page)).toEqual([]);
  // The app is usable: the Connection form opens to fix it.
  const form = await app.openConnections();
  await expect(form.getByLabel('Broker URL')).toBeVisible();
});

test('?broker= with credentials is refused: nothing saved or sent, and the password leaves the address bar', async ({ page, mosquitto }) => {
  const port = new URL(mosquitto.wsUrl).port;
  const app = new AppPage(page);
  await app.open(`ws://alice:s3cret-pw@127.0.0.1:${port}`);
  await expect(app.status).toHaveText(/^Error: .*never takes credentials from a link/, { timeout: 2_000 });
  await expect(app.status).not.toContainText('s3cret');
  expect(page.url()).not.toContain('s3cret');
  expect(await storedProfiles(page)).toEqual([]);
  await page.waitForTimeout(500);
  expect(await mosquitto.log()).not.toMatch(/New client connected|alice/);
});

test('a worker that fails: the status says so and a pending publish is answered', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/publish');
  await app.expectConnected(20_000);
  const worker = page.workers().find((w) => /worker/.test(w.url()));
  expect(worker, 'the MQTT worker is running').toBeTruthy();
  // The worker stops answering (as if stuck), then throws.
  await worker!.evaluate(() => {
    (self as unknown as { postMessage: () => void }).postMessage = () => {};
  });
  const region = page.getByRole('region', { name: 'Publish' });
  await region.getByLabel('Topic', { exact: true }).fill('stuck/here');
  await region.getByRole('radiogroup', { name: 'QoS' }).getByRole('radio', { name: '1', exact: true }).check();
  await region.getByRole('button', { name: 'Publish', exact: true }).click();
  const result = page.getByRole('status', { name: 'Publish result' });
  await expect(result).toContainText('Publishing to stuck/here');
  await worker!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated worker crash');
    });
  });
  await expect(app.status).toHaveText(/^Error: The connection worker failed: .*simulated worker crash/, { timeout: 2_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'Not sent: The connection worker failed' })).toBeVisible();
  // Connect again starts a fresh worker.
  const form = await app.openConnections();
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await app.expectConnected();
});

test('user properties named constructor, toString and __proto__ are published and shown', async ({ page, mosquitto }) => {
  const sub = await subscribeCollect(mosquitto.mqttUrl, 'up/#', { protocolVersion: 5, qos: 1 });
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/publish');
  await app.expectConnected(20_000);
  const region = page.getByRole('region', { name: 'Publish' });
  await region.getByLabel('Topic', { exact: true }).fill('up/props');
  await region.getByLabel('Payload', { exact: true }).fill('hello');
  await region.getByRole('radiogroup', { name: 'QoS' }).getByRole('radio', { name: '1', exact: true }).check();
  await region.getByRole('button', { name: 'Properties' }).click();
  const pairs = [
    ['constructor', 'c-value'],
    ['toString', 't-value'],
    ['__proto__', 'p-value'],
  ];
  for (const [i, [k, v]] of pairs.entries()) {
    await region.getByRole('button', { name: 'Add user property' }).click();
    await region.getByLabel(`User property ${i + 1} name`).fill(k);
    await region.getByLabel(`User property ${i + 1} value`).fill(v);
  }
  await region.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('Acknowledged by the broker (PUBACK)');

  const m = await sub.waitFor((x) => x.topic === 'up/props');
  const got = m.packet.properties?.userProperties ?? {};
  expect(Object.getOwnPropertyNames(got).map((k) => [k, (got as Record<string, unknown>)[k]])).toEqual(pairs);
  await sub.close();

  // The app's own Explorer shows the three pairs it received back.
  await page.getByRole('navigation').getByRole('link', { name: 'Explorer' }).click();
  await app.expandPath(['up']);
  await app.treeItem('props').click();
  const list = page.getByRole('region', { name: 'Message' }).getByRole('list', { name: 'User properties' });
  await expect(list.getByRole('listitem')).toHaveText(pairs.map(([k, v]) => `${k} = ${v}`));
});
