// Replay of a selected time range and topic filter (issue 12), against a real Mosquitto: From
// taken from the time-travel slider, To typed as a clock time, a topic filter with +; the dialog
// names the number of messages selected and the retained ones among them, bad input gets an
// alert next to its field and disables Replay, and an independent subscriber receives exactly
// the selected messages, timed from the first of them.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';
import { readRecordingsStore } from './fixtures/recordings-store.ts';
import { publishWithGaps, record, seqOf, subscriber } from './fixtures/replay-clients.ts';

/** The clock time the page shows for t (its local time, to the ms). */
const clock = (page: Page, t: number) =>
  page.evaluate((t) => {
    const d = new Date(Math.floor(t));
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
  }, t);

test('Replay a time range and topic filter: From the slider, To typed, + filter; counts and retained warning follow; bad input is refused next to its field; only the selected messages go, timed from the first', async ({
  page,
  mosquitto,
}) => {
  test.setTimeout(45_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  // 30 messages 150 ms apart; message i on plant/line<i % 4>/raw (even i) or /state (odd i), every 5th retained.
  await record(page, () => publishWithGaps(mosquitto.mqttUrl, 30, 1, () => 150));
  const { messages } = await readRecordingsStore(page);
  const times = messages.map((m) => m.time);
  expect(times).toHaveLength(30);

  // Open it in time travel and move the slider to message 12 (Home is before the first message).
  const row = page.getByRole('table', { name: 'Recordings' }).getByRole('row').nth(1);
  await row.getByRole('button', { name: 'Open' }).click();
  const slider = page.getByRole('slider', { name: 'Time' });
  await slider.focus();
  await slider.press('Home');
  for (let i = 0; i <= 12; i++) await slider.press('ArrowRight');
  const at12 = await clock(page, times[12]);
  await expect(slider).toHaveAttribute('aria-valuetext', at12);

  await page.getByRole('navigation').getByRole('link', { name: 'Recordings', exact: true }).click();
  await row.getByRole('button', { name: 'Replay' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay recording' });
  const from = dialog.getByLabel('From');
  const to = dialog.getByLabel('To', { exact: true });
  const filter = dialog.getByLabel('Topic filter');
  // The whole recording by default.
  await expect(from).toHaveValue(await clock(page, times[0]));
  await expect(to).toHaveValue(await clock(page, times[29]));
  await expect(dialog.getByRole('button', { name: 'Replay 30 messages' })).toBeEnabled();
  await expect(dialog).toContainText('6 retained messages will overwrite');

  await expect(dialog).toContainText(`Time travel slider at ${at12}`);
  await dialog.getByRole('button', { name: 'From the slider' }).click();
  await expect(from).toHaveValue(at12);
  await expect(dialog.getByRole('button', { name: 'Replay 18 messages' })).toBeEnabled();

  // Bad input: an alert next to the field, Replay disabled.
  await to.fill(await clock(page, times[5]));
  await expect(dialog.getByRole('alert')).toHaveText('To must be after From.');
  await expect(dialog.getByRole('button', { name: /^Replay \d+ messages?$/ })).toBeDisabled();
  await to.fill('half past two');
  await expect(dialog.getByRole('alert')).toContainText('Enter a clock time such as 14:03:07');
  await to.fill(await clock(page, times[23]));
  await filter.fill('plant/#/raw');
  await expect(dialog.getByRole('alert')).toContainText('Wildcard # is only allowed as the last level');
  await expect(dialog.getByRole('button', { name: /^Replay \d+ messages?$/ })).toBeDisabled();
  await filter.fill('plant/nothing');
  await expect(dialog.getByRole('status')).toHaveText('No recorded message is in the selected time range and topic filter.');
  await expect(dialog.getByRole('button', { name: 'Replay 0 messages' })).toBeDisabled();

  // Messages 12 to 23 on plant/+/raw: 12, 14, …, 22, of which 20 is retained.
  await filter.fill('plant/+/raw');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog).toContainText('Publish 6 of the 30 messages of');
  await expect(dialog).toContainText('1 retained message will overwrite');
  await dialog.getByLabel('Topic prefix').fill('replay/');
  await expect(dialog).toContainText('plant/line0/raw → replay/plant/line0/raw');

  const sub = await subscriber(mosquitto.mqttUrl);
  const clicked = performance.now();
  await dialog.getByRole('button', { name: 'Replay 6 messages' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Replay finished' })).toHaveText('Replay finished: 6 of 6 messages sent.', { timeout: 10_000 });
  await expect.poll(() => sub.got.length).toBe(6);
  await sub.client.endAsync();
  const got = [...sub.got].sort((x, y) => seqOf(x) - seqOf(y));
  expect(got.map(seqOf)).toEqual([12, 14, 16, 18, 20, 22]);
  expect(got.map((m) => m.retain)).toEqual([false, false, false, false, true, false]);
  // Timed from the first selected message: it goes at once, not after the 1.8 s before it.
  expect(got[0].at - clicked).toBeLessThan(1000);
  const span = times[22] - times[12];
  expect(Math.abs(got[5].at - got[0].at - span)).toBeLessThanOrEqual(span * 0.2);
});
