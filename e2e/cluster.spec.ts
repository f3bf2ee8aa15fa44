// Several broker URLs in one profile (a cluster's nodes, or a primary and a standby): the app
// connects to the first that answers, says which node it is on, fails over to the next one
// with the usual backoff, subscribes there once and shows every message the new node accepted
// exactly once. Also: the 3.1.1 fallback for brokers that close an MQTT 5 CONNECT unanswered.
import { createServer, type AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { startMosquitto } from './fixtures/mosquitto.ts';
import { startSeqPublisher, seqName } from './fixtures/seq-publisher.ts';
import { startV311OnlyBroker } from './fixtures/v311-only-broker.ts';
import { startTcpProxy } from './fixtures/tcp-proxy.ts';
import { AppPage } from './pages/app-page.ts';

async function deadWsUrl(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return `ws://127.0.0.1:${port}`;
}

/** The value shown for `term` in a description list inside `scope`. */
function detail(scope: Locator, term: string): Locator {
  return scope.getByText(term, { exact: true }).locator('xpath=following-sibling::dd[1]');
}

async function connectionDetails(app: AppPage): Promise<Locator> {
  await app.openConnections();
  return app.page.getByRole('region', { name: 'Connection details' });
}

async function closeDialog(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('form', { name: 'Connection' })).toBeHidden();
}

test('several broker URLs: skips a dead one, fails over to the standby, resubscribes once, every message after the switch exactly once', async ({ page, mosquitto }) => {
  test.setTimeout(60_000);
  const standby = await startMosquitto();
  try {
    const dead = await deadWsUrl();
    const app = new AppPage(page);
    await app.open(mosquitto.wsUrl);
    await app.expectConnected();
    const form = await app.openConnections();
    // One URL per line, typed or added with the button.
    const urls = form.getByLabel('Broker URL');
    await urls.fill(dead);
    await form.getByRole('button', { name: 'Add broker URL' }).click();
    await expect(urls).toBeFocused();
    await page.keyboard.type(mosquitto.wsUrl);
    await form.getByRole('button', { name: 'Add broker URL' }).click();
    await page.keyboard.type(standby.wsUrl);
    await expect(urls).toHaveValue(`${dead}\n${mosquitto.wsUrl}\n${standby.wsUrl}`);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await app.expectConnected(10_000);
    let details = await connectionDetails(app);
    await expect(detail(details, 'Connected to')).toHaveText(mosquitto.wsUrl);
    await closeDialog(page);

    // An independent device on the standby, 50 messages a second, numbered.
    const device = await startSeqPublisher(standby.mqttUrl, 'seq');
    try {
      await page.waitForTimeout(500);
      const stoppedAt = Date.now();
      await mosquitto.stop();
      await expect(app.status).toHaveText(/^Reconnecting/, { timeout: 5000 });
      await app.expectConnected(5000);
      const switchMs = Date.now() - stoppedAt;
      details = await connectionDetails(app);
      await expect(detail(details, 'Connected to')).toHaveText(standby.wsUrl);
      await closeDialog(page);
      await expect(app.treeItem('seq')).toBeVisible();
      await page.waitForTimeout(1000);
      await device.stop();
      const last = device.accepted[device.accepted.length - 1];
      await app.expandPath(['seq']);
      // Children sort by name; zero-padded numbers sort numerically: the first is where the app came in.
      const firstName = await app.tree.getByRole('treeitem', { level: 2 }).first().getAttribute('aria-label');
      const first = Number(firstName);
      expect(seqName(first)).toBe(firstName);
      const expected = device.accepted.filter((n) => n >= first).length;
      expect(expected).toBe(last - first + 1);
      // Every number from the first one seen to the last accepted, each once: as many messages as topics.
      await expect(app.treeItem('seq')).toHaveAccessibleDescription(new RegExp(`^${expected} msgs · ${expected} topics`));
      const note = {
        type: 'failover to the standby',
        description: `on the standby ${switchMs} ms after the primary stopped; numbers 1–${first - 1} were published before the app subscribed there (a clean session misses them); ${expected} received, each once`,
      };
      test.info().annotations.push(note);
      console.log(`${note.type}: ${note.description}`);
      // Subscribed on the standby exactly once.
      const log = await readFile(standby.logFile, 'utf8');
      const subscribes = log.split('\n').filter((l) => /Received SUBSCRIBE from switchyard-/.test(l));
      expect(subscribes).toHaveLength(1);
    } finally {
      await device.stop().catch(() => {});
    }
  } finally {
    await standby.stop();
    await standby.remove();
  }
});

test('a broker that closes an MQTT 5 CONNECT without CONNACK gets one 3.1.1 retry, and the status says why', async ({ page }) => {
  const broker = await startV311OnlyBroker();
  try {
    const app = new AppPage(page);
    await app.open(broker.wsUrl); // a new profile asks for MQTT 5
    await expect(app.status).toHaveText('Connected (MQTT 3.1.1: the broker closed the MQTT 5 connect)', { timeout: 10_000 });
    expect(broker.connects).toEqual({ 4: 1, 5: 1 });
    broker.deliver('rabbit/hole', 'deep');
    await expect(app.treeItem('rabbit')).toBeVisible();
    const details = await connectionDetails(app);
    await expect(detail(details, 'Protocol')).toHaveText('MQTT 3.1.1 (MQTT 3.1.1: the broker closed the MQTT 5 connect)');
    await expect(details).toContainText('the broker does not announce its limits');
  } finally {
    await broker.close();
  }
});

test('a typed client ID dropped right after CONNACK on every node of a cluster: the error names both causes (another client, or a failed node holding the ID) and Use a fresh client ID recovers', async ({ page, mosquitto }) => {
  test.setTimeout(60_000);
  // Two "nodes" (proxies to one Mosquitto) that drop each connection right after accepting it,
  // as a RabbitMQ node does for a client ID whose session a SIGKILLed node held.
  const nodes = [await startTcpProxy(mosquitto.wsPort), await startTcpProxy(mosquitto.wsPort)];
  try {
    for (const n of nodes) n.closeAfter(300);
    const app = new AppPage(page);
    await app.open(mosquitto.wsUrl);
    await app.expectConnected();
    const form = await app.openConnections();
    await form.getByLabel('Broker URL').fill(`${nodes[0].wsUrl}\n${nodes[1].wsUrl}`);
    await form.getByLabel('Client ID').fill('dash-1');
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await closeDialog(page);
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toContainText('Error', { timeout: 30_000 });
    await expect(status).toContainText('dash-1');
    await expect(status).toContainText('On a cluster, a node that failed may still hold this client ID');
    for (const n of nodes) n.closeAfter(null);
    await page.getByRole('button', { name: 'Use a fresh client ID' }).click();
    await app.expectConnected(15_000);
    await expect(status).not.toContainText('dash-1');
  } finally {
    for (const n of nodes) await n.close();
  }
});
