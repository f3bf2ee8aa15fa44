// Bad input the app must refuse or carry safely, never hang on: deep links that are not broker
// URLs (or carry credentials), a worker that fails, and MQTT 5 user property names that are
// JavaScript's own (`constructor`, `toString`, `__proto__`).
import net from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { subscribeCollect } from './fixtures/mosquitto.ts';
import { ADMIN, startDynsecMosquitto } from './fixtures/dynsec.ts';
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
  // The default timeout: on a loaded machine the first load alone can take longer than 2 s. That
  // nothing reached the broker is checked in its log below.
  await expect(app.status).toHaveText(/^Error: .*never takes credentials from a link/);
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

test('passwords: Remember password says it is plain text; ws:// to another machine warns before sending', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const form = await app.openConnections();
  await expect(form.getByRole('checkbox', { name: 'Remember password' })).toHaveAccessibleDescription(
    /plain text in this browser’s local storage/,
  );
  const url = form.getByLabel('Broker URL');
  const password = form.getByLabel('Password', { exact: true });
  await url.fill('ws://broker.example.com:9001/mqtt');
  await expect(password).not.toHaveAccessibleDescription(/Not encrypted/);
  await password.fill('secret');
  const warning = 'Not encrypted: the password goes to broker.example.com:9001 over ws://';
  await expect(password).toHaveAccessibleDescription(new RegExp(`^${warning.replace(/[/.]/g, '\\$&')}`));
  await expect(form.getByText(warning)).toBeVisible();
  await url.fill('wss://broker.example.com/mqtt');
  await expect(form.getByText(warning)).toBeHidden();
  await url.fill('ws://127.0.0.1:9001');
  await expect(form.getByText(/Not encrypted/)).toBeHidden();
});

test('a page served over https explains that only wss:// can be opened', async ({ page, baseURL }) => {
  // The same build, served as https://switchyard.test (requests answered from the local server).
  await page.route('https://switchyard.test/**', async (route) => {
    const u = new URL(route.request().url());
    const response = await route.fetch({ url: `${baseURL}${u.pathname}${u.search}` });
    await route.fulfill({ response });
  });
  await page.goto('https://switchyard.test/explorer');
  const app = new AppPage(page);
  const form = await app.openConnections();
  const url = form.getByLabel('Broker URL');
  await url.fill('ws://broker.example.com:9001');
  await expect(url).toHaveAccessibleDescription(/served over https, so the browser only allows wss:\/\/ connections/);
  await url.fill('wss://broker.example.com');
  await expect(url).not.toHaveAccessibleDescription(/served over https/);
});

/** Forwards 127.0.0.2:<port> to a local port: a broker address that is not "this machine" by name. */
async function forwardFrom127002(targetPort: number): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

test('Access control warns before a password goes over ws:// to another host', async ({ page }) => {
  const broker = await startDynsecMosquitto();
  const proxy = await forwardFrom127002(Number(new URL(broker.wsUrl).port));
  try {
    const url = `ws://127.0.0.2:${proxy.port}`;
    const app = new AppPage(page);
    await app.open(url, '/access');
    const form = await app.openConnections();
    await form.getByLabel('Username').fill(ADMIN.username);
    await form.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await expect(form.getByText(`Not encrypted: the password goes to 127.0.0.2:${proxy.port} over ws://`)).toBeVisible();
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await app.expectConnected(20_000);
    await expect(page.getByRole('table', { name: 'Clients' }).getByRole('rowheader', { name: 'admin' })).toBeVisible({ timeout: 20_000 });

    const warning = `Not encrypted: the new password goes to 127.0.0.2:${proxy.port} over ws://`;
    await page.getByRole('button', { name: 'Add client', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Add client' });
    await expect(dialog.getByText(warning)).toBeVisible();
    await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(new RegExp(warning.replace(/[/.]/g, '\\$&')));
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Set password for admin' }).click();
    dialog = page.getByRole('dialog', { name: 'Set password for admin' });
    await expect(dialog.getByText(warning)).toBeVisible();
  } finally {
    await proxy.close();
    await broker.removeAll();
  }
});
