// Recording (issue 12) when the MQTT worker fails: the recording ran in that worker, so it ends
// with it. The header's Recorder status must say it stopped and why (not go on saying
// "recording"), Record comes back, and the Recordings list keeps what was written, Interrupted.
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';
import { publishWithGaps } from './fixtures/replay-clients.ts';

test('a worker that fails while recording: the Recorder says the recording stopped and why, Record is back, the list shows it Interrupted', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected(20_000);
  const recorder = page.getByRole('status', { name: 'Recorder' });
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(recorder).toHaveText(/^recording · 0 messages/);
  await publishWithGaps(mosquitto.mqttUrl, 5, 1, () => 20);
  await expect(recorder).toHaveText(/^recording · 5 messages/);
  // Let the first chunk reach IndexedDB (chunks close after ~1 s).
  await page.waitForTimeout(1500);

  const worker = page.workers().find((w) => /worker/.test(w.url()));
  expect(worker, 'the MQTT worker is running').toBeTruthy();
  await worker!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated worker crash');
    });
  });
  await expect(app.status).toHaveText(/^Error: The connection worker failed: .*simulated worker crash/, { timeout: 2_000 });
  await expect(recorder).toHaveText(/^stopped · 5 messages · [\d.]+ (B|KB): The connection worker failed: .*simulated worker crash: the recording stopped\. What was written before is kept\.$/);
  await expect(page.getByRole('button', { name: 'Stop recording' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Record', exact: true })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Recordings', exact: true }).click();
  const row = page.getByRole('table', { name: 'Recordings' }).getByRole('row').nth(1);
  await expect(row).toContainText('Interrupted');
  await expect(row.getByRole('cell').nth(3)).toHaveText('5');
});
