// TLS as a user meets it: the app served over https talks to a broker over wss://, with a CA
// made for the test (e2e/fixtures/tls.ts); an https page asked for ws:// (mixed content), and a
// certificate the browser refuses, are explained instead of failing silently.
import { test, expect, collectCspViolations, flushCspReports } from './fixtures/csp.ts';
import { mosquittoPub, startMosquitto, subscribeCollect } from './fixtures/mosquitto.ts';
import { launchTrustingBrowser, makeTestPki, serveHttps, startTlsMosquitto } from './fixtures/tls.ts';
import { AppPage } from './pages/app-page.ts';

test('served over https, the app connects over wss:// to a broker whose CA it trusts, subscribes and publishes', async ({ baseURL }) => {
  test.setTimeout(60_000);
  const pki = await makeTestPki();
  const other = await makeTestPki('Some other CA'); // a CA this browser does not trust
  const tls = await startTlsMosquitto(pki);
  const untrusted = await startTlsMosquitto(other);
  const site = await serveHttps(baseURL!, pki.server);
  const browser = await launchTrustingBrowser(pki.caSpki);
  try {
    const context = await browser.newContext();
    const violations = await collectCspViolations(context);
    const page = await context.newPage();
    const app = new AppPage(page);
    await page.goto(`${site.origin}/explorer?broker=${encodeURIComponent(tls.wssUrl)}`);
    expect(await page.evaluate(() => location.protocol)).toBe('https:');
    await app.expectConnected(15_000);
    await expect(app.status).not.toContainText('Error');

    // Subscribed (# over wss://): a message published by mosquitto_pub on the plain listener arrives.
    await mosquittoPub(tls.broker, 'tls/probe', 'over wss');
    await app.expandPath(['tls']);
    await app.treeItem('probe').click();
    await expect(page.getByRole('region', { name: 'Message' })).toContainText('over wss');

    // Publishing over wss:// reaches an independent subscriber on the plain listener.
    const sub = await subscribeCollect(tls.broker.mqttUrl, 'tls/#', { qos: 1 });
    try {
      await page.getByRole('navigation').getByRole('link', { name: 'Publish' }).click();
      const form = page.getByRole('region', { name: 'Publish' });
      await form.getByLabel('Topic', { exact: true }).fill('tls/from-app');
      await form.getByLabel('Payload', { exact: true }).fill('sent over wss');
      await form.getByRole('radiogroup', { name: 'QoS' }).getByRole('radio', { name: '1', exact: true }).check();
      await form.getByRole('button', { name: 'Publish', exact: true }).click();
      const got = await sub.waitFor((m) => m.topic === 'tls/from-app', 10_000);
      expect([got.text, got.qos]).toEqual(['sent over wss', 1]);
    } finally {
      await sub.close();
    }

    // The same browser refuses a certificate from a CA it does not trust: TLS is really checked.
    await page.goto(`${site.origin}/explorer?broker=${encodeURIComponent(untrusted.wssUrl)}`);
    await expect(page.getByRole('alert', { name: 'Secure connection' })).toContainText(
      `open https://127.0.0.1:${untrusted.wssPort} once to accept it, or use a trusted certificate`,
      { timeout: 15_000 },
    );
    await expect(app.status).not.toHaveText(/^Connected/);

    await flushCspReports(context);
    expect(violations).toEqual([]);
  } finally {
    await browser.close();
    await site.close();
    await tls.remove();
    await untrusted.remove();
    await pki.remove();
    await other.remove();
  }
});

test('an https page asked to open ws:// says it is mixed content in the status and offers wss:// instead', async ({ page, baseURL }) => {
  const broker = await startMosquitto();
  try {
    // The same build, served as https://switchyard.test (requests answered from the local server).
    await page.route('https://switchyard.test/**', async (route) => {
      const u = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: `${baseURL}${u.pathname}${u.search}` }) });
    });
    await page.goto(`https://switchyard.test/explorer?broker=${encodeURIComponent(broker.wsUrl)}`);
    const app = new AppPage(page);
    await expect(app.status).toHaveText(/^Error: this page is served over https, so the browser blocks ws:\/\/ connections \(mixed content\)/);
    // It stays an error: no reconnect loop against a URL the browser will never open.
    await page.waitForTimeout(1500);
    await expect(app.status).toHaveText(/^Error: .*mixed content/);

    const form = await app.openConnections();
    const url = form.getByLabel('Broker URL');
    await expect(url).toHaveAccessibleDescription(/served over https, so the browser only allows wss:\/\/ connections/);
    await form.getByRole('button', { name: 'Use wss://' }).click();
    await expect(url).toHaveValue(`wss://127.0.0.1:${broker.wsPort}`);
    await expect(url).not.toHaveAccessibleDescription(/served over https/);
    await expect(form.getByRole('button', { name: 'Use wss://' })).toHaveCount(0);

    // A cluster profile with a ws:// node next to a wss:// one: the blocked node is named as such.
    await url.fill(`ws://127.0.0.1:${broker.wsPort}\nwss://127.0.0.1:${broker.mqttPort}`);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByText(`ws://127.0.0.1:${broker.wsPort} is blocked on this https page (mixed content: only wss:// may be opened)`)).toBeVisible({ timeout: 10_000 });
  } finally {
    await broker.stop();
    await broker.remove();
  }
});

test('a certificate the browser refuses is explained under the status, with the page to open, while the app keeps trying', async ({ page }) => {
  const pki = await makeTestPki('A CA nobody trusts');
  const tls = await startTlsMosquitto(pki);
  try {
    const app = new AppPage(page);
    await app.open(tls.wssUrl); // an http page may open wss://; this browser does not trust the CA
    await expect(page.getByText(`wss://127.0.0.1:${tls.wssPort} failed before any response`)).toContainText(
      `the browser may refuse the broker's certificate (open https://127.0.0.1:${tls.wssPort} once to accept it, or use a trusted certificate)`,
      { timeout: 15_000 },
    );
    const notice = page.getByRole('alert', { name: 'Secure connection' });
    await expect(notice).toContainText(`No secure connection to wss://127.0.0.1:${tls.wssPort}`);
    await expect(notice).toContainText(`open https://127.0.0.1:${tls.wssPort} once to accept it, or use a trusted certificate`);
    await expect(notice.getByRole('link', { name: `https://127.0.0.1:${tls.wssPort}` })).toHaveAttribute('href', `https://127.0.0.1:${tls.wssPort}`);
    await expect(app.status).toHaveText(/^Reconnecting in \d+ s$/); // still trying: accepting the certificate elsewhere is enough
  } finally {
    await tls.remove();
    await pki.remove();
  }
});
