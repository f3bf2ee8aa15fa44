// Defects seen on the default start (`npm start`: the embedded aedes broker of dev/broker.js,
// which publishes Mosquitto-style statistics on $SYS/broker/... itself).
import { test, expect } from './fixtures/csp.ts';
import { startBroker } from '../dev/broker.js';
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
