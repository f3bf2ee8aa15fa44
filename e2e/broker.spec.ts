import { test, expect } from './fixtures/csp.ts';
import { startMosquitto, mosquittoPub } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';

test('Broker shows the statistics Mosquitto publishes on $SYS, and its message rates', async ({ page }) => {
  const broker = await startMosquitto({ extraConfig: 'sys_interval 1' });
  try {
    const app = new AppPage(page);
    await app.open(broker.wsUrl, '/broker');
    await app.expectConnected();
    const stats = page.getByRole('region', { name: 'Broker statistics' });
    const value = (label: string) => stats.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
    await expect(value('Version')).toHaveText(/^mosquitto version \d+\.\d+/, { timeout: 10_000 });
    await expect(value('Uptime')).toHaveText(/^\d+ (s|min)/);
    await expect(value('Clients connected')).toHaveText(/^[1-9]\d*$/);
    for (const label of ['Messages received', 'Messages sent', 'Subscriptions', 'Retained messages']) {
      await expect(value(label)).toHaveText(/^\d[\d,]*$/);
    }
    await mosquittoPub(broker, 'keep/this', 'x', { retain: true });
    await expect(value('Retained messages')).not.toHaveText('0', { timeout: 10_000 });
    await expect(page.getByRole('figure', { name: /Message rates/ })).toBeVisible();

    // $SYS was subscribed for this view only: the Explorer shows it, and it stops growing after leaving.
    await page.getByRole('navigation').getByRole('link', { name: 'Explorer' }).click();
    await expect(app.treeItem('$SYS')).toBeVisible();
  } finally {
    await broker.stop();
    await broker.remove();
  }
});

test('a broker without $SYS statistics gets an explanation instead of blanks', async ({ page }) => {
  const broker = await startMosquitto({ extraConfig: 'sys_interval 0' });
  try {
    const app = new AppPage(page);
    await app.open(broker.wsUrl, '/broker');
    await app.expectConnected();
    await expect(page.getByRole('region', { name: 'Broker statistics' }).getByRole('status')).toContainText('No statistics arrived', { timeout: 25_000 });
  } finally {
    await broker.stop();
    await broker.remove();
  }
});
