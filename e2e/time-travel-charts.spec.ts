// Time travel (issue 12): charts and traffic figures of an open recording. A recording made
// against a real Mosquitto (known values, two bursts 1.5 s apart) is opened; the Explorer's chart
// actions chart the recording, the Charts view shows its points up to the Time slider's time,
// and Traffic (Top talkers) and the Explorer's Show rates give the recorded rates as of that time.
import mqtt from 'mqtt';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';
import { readRecordingsStore } from './fixtures/recordings-store.ts';
import { dragTo, openFirstRecording, recordWhile } from './fixtures/recording-steps.ts';

const FAST_A = 20;
const FAST_B = 5;

async function publish(mqttUrl: string): Promise<void> {
  const client = await mqtt.connectAsync(mqttUrl, { clientId: `ttc-pub-${Math.random().toString(36).slice(2, 8)}`, reconnectPeriod: 0 });
  // Burst A: temperatures 10, 11, 12 and 20 JSON readings {"v":0…19}.
  for (const v of [10, 11, 12]) await client.publishAsync('tc/temp', String(v), { qos: 1 });
  for (let k = 0; k < FAST_A; k++) await client.publishAsync('tc/fast', JSON.stringify({ v: k }), { qos: 1 });
  await new Promise((r) => setTimeout(r, 1500));
  // Burst B: 50, 51 and {"v":20…24}.
  for (const v of [50, 51]) await client.publishAsync('tc/temp', String(v), { qos: 1 });
  for (let k = FAST_A; k < FAST_A + FAST_B; k++) await client.publishAsync('tc/fast', JSON.stringify({ v: k }), { qos: 1 });
  await client.endAsync();
}

/** Last, Min, Avg, Max, Points of a chart's legend row. */
function legendCells(figure: Locator, series: RegExp): Promise<string[]> {
  const row = figure.getByRole('table', { name: 'Legend' }).getByRole('row', { name: series });
  return row.getByRole('cell').allInnerTexts().then((cells) => cells.slice(0, 5));
}

/** The Traffic view's rate format (lib/format-rate.ts). */
const rateText = (v: number) => (v === 0 ? '0' : v < 10 ? v.toFixed(1) : String(Math.round(v)));

test('An open recording is charted up to the Time slider (Chart this topic / Chart field from its Explorer), and Traffic and Show rates give its rates as of that time; axe in both themes', async ({
  page,
  mosquitto,
}) => {
  // ~28 s on a quiet machine (a 1.5 s gap between the bursts, four axe passes); 54 s seen under load.
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const total = 3 + FAST_A + 2 + FAST_B;
  await recordWhile(page, total, () => publish(mosquitto.mqttUrl));

  // What was stored: the slider's range and the expected figures at a time come from it.
  const { metas, messages } = await readRecordingsStore(page);
  const times = messages.map((m) => m.time);
  const sliderStart = Math.min(metas[0].start, Math.min(...times) - 1);
  const sliderEnd = Math.max(metas[0].end, Math.max(...times));
  const fast = messages.filter((m) => m.topic === 'tc/fast');
  const gapAt = Math.round((fast[FAST_A - 1].time + messages.filter((m) => m.topic === 'tc/temp')[3].time) / 2); // between the bursts
  const figuresAt = (t: number) => {
    const inWindow = fast.filter((m) => m.time <= t && m.time > t - 10_000);
    const span = Math.max(1, Math.min(10_000, t - sliderStart) / 1000);
    return { rate: rateText(inWindow.length / span), bytes: fast.filter((m) => m.time <= t).reduce((n, m) => n + m.payload.length, 0) };
  };

  await openFirstRecording(page);
  const slider = page.getByRole('slider', { name: 'Time' });
  await expect(slider).toBeVisible();

  // Explorer on the recording: Show rates gives the recorded subtree rates as of the slider's time (the end).
  await page.getByRole('checkbox', { name: 'Show rates' }).check();
  await app.expandPath(['tc']);
  await expect(app.treeItem('fast')).toHaveAccessibleDescription(new RegExp(`^${FAST_A + FAST_B} msgs ${figuresAt(sliderEnd).rate} msg/s`));

  // Chart this topic, from the recording's Explorer: the Charts view charts the recording.
  await app.treeItem('temp').click();
  const message = page.getByRole('region', { name: 'Message' });
  await message.getByRole('button', { name: 'Chart this topic' }).click();
  await expect(page).toHaveURL(/\/charts#/);
  const temp = page.getByRole('figure', { name: 'tc/temp' });
  await expect(page.getByText('Charts show the open recording')).toBeVisible();
  // At the end: every reading.
  await expect.poll(() => legendCells(temp, /tc\/temp/)).toEqual(['51', '10', '26.8', '51', '5']);
  await expect(temp.getByRole('status', { name: 'Recording' })).toContainText('5 points up to');
  // Between the bursts: burst A only, the plot drawn up to the slider's time.
  await dragTo(slider, gapAt - sliderStart);
  await expect.poll(() => legendCells(temp, /tc\/temp/)).toEqual(['12', '10', '11', '12', '3']);
  await expect(temp.getByRole('img')).toHaveAccessibleName(new RegExp(`^tc/temp: 3 points drawn from .* to ${(await slider.getAttribute('aria-valuetext'))!.slice(0, 8)}$`));
  // Back before the first message: nothing yet.
  await slider.press('Home');
  await expect(temp.getByRole('img')).toHaveAccessibleName(/no data in this time window yet/);
  await expect.poll(() => legendCells(temp, /tc\/temp/)).toEqual(['—', '—', '—', '—', '0']);

  // Chart field (a JSON field) from the Explorer, with the slider between the bursts.
  await dragTo(slider, gapAt - sliderStart);
  await page.getByRole('navigation').getByRole('link', { name: 'Explorer', exact: true }).click();
  await app.treeItem('fast').click();
  await message.getByLabel('Field to chart').selectOption('v');
  await message.getByRole('button', { name: 'Chart field' }).click();
  const v = page.getByRole('figure', { name: 'tc/fast · v' });
  await expect.poll(() => legendCells(v, /tc\/fast › v/)).toEqual(['19', '0', '9.5', '19', String(FAST_A)]);

  // Traffic: Top talkers as of the slider's time, then at the end.
  await page.getByRole('navigation').getByRole('link', { name: 'Traffic', exact: true }).click();
  await expect(page.getByText('Traffic shows the open recording')).toBeVisible();
  const talkers = page.getByRole('table', { name: 'Top talkers' });
  const firstRow = talkers.getByRole('row').nth(1);
  let want = figuresAt(gapAt);
  await expect.poll(async () => (await firstRow.getByRole('cell').allInnerTexts()).slice(0, 2)).toEqual(['tc/fast', want.rate]);
  await expect(firstRow.getByRole('cell').nth(3)).toHaveText(`${want.bytes} B`);
  await expect(talkers.getByRole('row')).toHaveCount(3); // tc/fast, tc/temp
  await slider.press('End');
  want = figuresAt(sliderEnd);
  await expect.poll(async () => (await firstRow.getByRole('cell').allInnerTexts()).slice(0, 2)).toEqual(['tc/fast', want.rate]);
  await expect(firstRow.getByRole('cell').nth(3)).toHaveText(`${want.bytes} B`);
  await expectAxeInBothThemes(page, 'recording Traffic');
  await page.getByRole('navigation').getByRole('link', { name: 'Charts', exact: true }).click();
  await expect(v).toBeVisible();
  await expectAxeInBothThemes(page, 'recording Charts');

  // Close recording: the Charts view is live again (no time bar, the live lead).
  await page.getByRole('button', { name: 'Close recording' }).click();
  await expect(slider).toHaveCount(0);
  await expect(page.getByText('Live numeric readings and JSON fields.')).toBeVisible();
});
