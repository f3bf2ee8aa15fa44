// Saved state the app cannot read, and storage that will not take writes: the app still opens and
// connects, keeps a copy of what it could not read, and tells the user once.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { mosquittoPub } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';

/** Closes the page as a person leaving it would; resolves with the type of the dialog the browser showed. */
function closeAndSeeDialog(page: Page): Promise<string> {
  const asked = new Promise<string>((resolve) =>
    page.on('dialog', (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  return page.close({ runBeforeUnload: true }).then(() => asked);
}

/** Puts `value` under `key` before the app's first run in this tab (not again on reload). */
async function seed(page: Page, key: string, value: string) {
  await page.addInitScript(
    ([k, v]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(k, v);
    },
    [key, value],
  );
}

const read = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

test('bad saved connections: the app opens, says so once, and keeps a copy', async ({ page }) => {
  const bad = '{"state":{"profiles":null},"version":1}';
  await seed(page, 'switchyard.profiles', bad);
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Filter topics' })).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: 'saved connections' });
  await expect(notice).toHaveText(/Your saved connections could not be read; a copy was kept as switchyard\.profiles\.unreadable\./);
  expect(await read(page, 'switchyard.profiles.unreadable')).toBe(bad);
  await notice.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toBeHidden();

  // Told once: the next load starts clean, without the notice, and the copy is still there.
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Filter topics' })).toBeVisible();
  await expect(app.status).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'saved connections' })).toHaveCount(0);
  expect(await read(page, 'switchyard.profiles.unreadable')).toBe(bad);
});

test('?broker= over unreadable connections keeps the copy and connects', async ({ page, mosquitto }) => {
  await seed(page, 'switchyard.profiles', 'not json{');
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected(20_000);
  await expect(page.getByRole('alert').filter({ hasText: 'saved connections' })).toContainText(
    'a copy was kept as switchyard.profiles.unreadable',
  );
  expect(await read(page, 'switchyard.profiles.unreadable')).toBe('not json{');
  const saved = JSON.parse((await read(page, 'switchyard.profiles')) ?? '{}');
  expect(saved.state.profiles.map((p: { url: string }) => p.url)).toEqual([mosquitto.wsUrl]);
});

test('bad preferences and publish state: defaults, with a notice, and the views work', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('switchyard.prefs', '{"state":{"historyLimit":100000000},"version":1}');
    localStorage.setItem('switchyard.publish', '[null]');
    localStorage.setItem('switchyard.charts', '{"state":{"charts":{"__proto__":{"polluted":1}}},"version":1}');
  });
  const app = new AppPage(page);
  await app.open(undefined, '/publish');
  await expect(page.getByRole('region', { name: 'Publish' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'preferences' })).toContainText('a copy was kept as switchyard.prefs.unreadable');
  await expect(page.getByRole('alert').filter({ hasText: 'publish form' })).toContainText('a copy was kept as switchyard.publish.unreadable');
  await expect(page.getByRole('alert').filter({ hasText: 'charts' })).toContainText('a copy was kept as switchyard.charts.unreadable');
  expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
  await page.getByRole('navigation').getByRole('link', { name: 'Charts' }).click();
  await expect(page.getByRole('button', { name: /New chart/ })).toBeVisible();
});

test('storage full: Connect still connects, and an alert says what was not saved', async ({ page, mosquitto }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected(20_000);
  await expect(page.getByRole('alert').filter({ hasText: 'saved connections' })).toHaveText(
    /Your saved connections could not be saved: the browser’s storage for this site is full\./,
  );
  // Connecting from the form works too.
  const form = await app.openConnections();
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await app.expectConnected();
});

test('a view that fails shows what happened and a way back; the rest of the app works', async ({ page }) => {
  // Make the Charts view fail as it renders (its chart sizing needs ResizeObserver).
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(
        'switchyard.charts',
        JSON.stringify({ state: { charts: [{ id: 'c1', title: 'T', window: '5m', series: [{ id: 's1', topic: 'a/b', field: '', color: 0 }] }] }, version: 1 }),
      );
    }
    const Original = window.ResizeObserver;
    window.ResizeObserver = class extends Original {
      constructor(cb: ResizeObserverCallback) {
        if (location.pathname.startsWith('/charts')) throw new Error('simulated failure in the Charts view');
        super(cb);
      }
    };
  });
  const app = new AppPage(page);
  await app.open(undefined, '/charts');
  const crash = page.getByRole('alert').filter({ hasText: 'The Charts view stopped working' });
  await expect(crash).toBeVisible();
  await expect(crash).toContainText('simulated failure in the Charts view');
  await expect(crash.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(app.status).toBeVisible();
  await crash.getByRole('link', { name: 'Back to Explorer' }).click();
  await expect(page.getByRole('searchbox', { name: 'Filter topics' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'stopped working' })).toHaveCount(0);
});

test('offline queue: each message shows its age, expires after the limit shown, and leaving asks first', async ({ page, mosquitto }) => {
  await page.clock.install();
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/publish');
  await app.expectConnected(20_000);
  await mosquitto.kill();
  await expect(app.status).toHaveText(/^Reconnecting/, { timeout: 10_000 });

  const region = page.getByRole('region', { name: 'Publish' });
  const queueOne = async (topic: string) => {
    await region.getByLabel('Topic', { exact: true }).fill(topic);
    await region.getByRole('radiogroup', { name: 'QoS' }).getByRole('radio', { name: '1', exact: true }).check();
    await region.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('button', { name: 'Queue until connected' }).click();
  };
  await queueOne('q/late');
  const queued = page.getByRole('list', { name: 'Queued messages' });
  await expect(queued.getByRole('listitem')).toHaveCount(1);
  await expect(queued.getByRole('listitem')).toContainText(/q\/late.*queued just now · expires in 10 min/);
  await expect(page.getByText(/Queued messages expire after 10 minutes/)).toBeVisible();

  await page.clock.fastForward('04:00');
  await expect(queued.getByRole('listitem')).toContainText(/queued 4 min ago · expires in 6 min/);
  await page.clock.fastForward('06:05');
  await expect(page.getByRole('status', { name: 'Expired messages' })).toContainText(
    '1 queued message expired after 10 minutes and was not sent (q/late)',
  );
  await expect(queued).toHaveCount(0);

  // With a message queued, closing or reloading the page asks first.
  await queueOne('q/pending');
  await expect(queued.getByRole('listitem')).toHaveCount(1);
  expect(await closeAndSeeDialog(page)).toBe('beforeunload');
});

test('nothing queued: leaving does not ask', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/publish');
  await app.expectConnected(20_000);
  await page.getByRole('region', { name: 'Publish' }).getByLabel('Topic', { exact: true }).fill('a/b');
  let asked = false;
  page.on('dialog', (d) => {
    asked = true;
    void d.dismiss();
  });
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(asked).toBe(false);
});

test('a bulk delete the broker has not answered yet (broker frozen): leaving asks first, so the Restore snapshot is not lost silently', async ({ page, mosquitto }) => {
  for (const t of ['keep/a', 'keep/b']) await mosquittoPub(mosquitto, t, `value of ${t}`, { retain: true, qos: 1 });
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/retained');
  await app.expectConnected();
  const table = page.getByRole('table', { name: 'Retained messages' });
  await expect(table.getByRole('row')).toHaveCount(3);
  for (const t of ['keep/a', 'keep/b']) await table.getByRole('checkbox', { name: `Select ${t}` }).check();
  await page.getByRole('button', { name: /^Delete selected/ }).click();
  mosquitto.pause();
  try {
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 2 retained messages' }).click();
    await expect(page.getByRole('progressbar')).toBeVisible();
    expect(await closeAndSeeDialog(page)).toBe('beforeunload');
  } finally {
    mosquitto.resume();
  }
});
