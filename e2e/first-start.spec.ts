import { test, expect } from './fixtures/csp.ts';
import { startBroker } from '../dev/broker.js';
import { startSimulator } from '../dev/simulator.js';
import { AppPage } from './pages/app-page.ts';
import { docsScreenshot } from './fixtures/docs-screenshot.ts';

// The embedded default of `npm start`: aedes on ws 9001 plus the device simulator.
// The app is opened with no settings at all and must find it by itself.
test('first start: connects to the embedded broker with no settings and shows the simulated devices', async ({ page }, testInfo) => {
  const broker = await startBroker({ wsPort: 9001, mqttPort: 0, host: '127.0.0.1' });
  const sim = await startSimulator({ url: `mqtt://127.0.0.1:${broker.mqttPort}` });
  try {
    const app = new AppPage(page);
    await page.goto('/');
    await expect(page).toHaveURL(/\/explorer$/);
    await app.expectConnected();
    await expect(app.treeItem('home')).toBeVisible();
    await expect(app.treeItem('sensors')).toBeVisible();
    await app.expandPath(['home', 'livingroom']);
    const temperature = app.treeItem('temperature');
    await expect(temperature).toBeVisible();
    // Live: the count keeps going up as the simulator publishes every second.
    const count = async () => Number(/^(\d+) msgs?/.exec(await descriptionOf(temperature))?.[1] ?? 0);
    const first = await count();
    await expect.poll(count, { timeout: 8000 }).toBeGreaterThan(first);
    // Retained lamp state is marked retained.
    await app.expandPath(['office', 'lamp']);
    await expect(app.treeItem('state')).toHaveAccessibleDescription(/retained/);
    // The README's screenshot: the weather station's JSON in the Message region.
    await app.expandPath(['garden']);
    await app.treeItem('weather').click();
    await expect(page.getByRole('region', { name: 'Message' })).toContainText('"humidity"');
    await docsScreenshot(page, testInfo, 'screenshot-explorer.png');
  } finally {
    await sim.stop();
    await broker.close();
  }
});

async function descriptionOf(locator: import('@playwright/test').Locator): Promise<string> {
  return locator.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });
}
