// Time travel (issue 12): a recording made against a real Mosquitto is opened in the Explorer
// without the broker's help; the Time slider shows exactly what had been published up to the
// chosen time (values, counts, history, retained markers), Play at 100× reaches the end, and
// Close recording returns to the live broker.
import mqtt from 'mqtt';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';
import { readRecordingsStore } from './fixtures/recordings-store.ts';
import { dragTo, openFirstRecording, recordWhile } from './fixtures/recording-steps.ts';

interface Pub {
  topic: string;
  payload: string;
  retain?: boolean;
}

/** Three bursts with gaps of ~1.2 s between them: the slider is set inside the gaps. */
const BURSTS: Pub[][] = [
  [
    { topic: 'tt/a', payload: '1' },
    { topic: 'tt/b', payload: '1', retain: true },
    { topic: 'tt/c/x', payload: '1' },
  ],
  [
    { topic: 'tt/a', payload: '2' },
    { topic: 'tt/a', payload: '3' },
    { topic: 'tt/b', payload: '2' }, // not retained: the broker keeps holding 1
  ],
  [
    { topic: 'tt/a', payload: '4' },
    { topic: 'tt/d', payload: '1', retain: true },
    { topic: 'tt/b', payload: '', retain: true }, // clears tt/b's retained message
  ],
];
const TOTAL = BURSTS.flat().length;

async function publishBursts(mqttUrl: string): Promise<void> {
  const client = mqtt.connect(mqttUrl, { clientId: `tt-pub-${Math.random().toString(36).slice(2, 8)}`, protocolVersion: 5, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  for (const [i, burst] of BURSTS.entries()) {
    if (i > 0) await new Promise((r) => setTimeout(r, 1200));
    for (const m of burst) await client.publishAsync(m.topic, m.payload, { qos: 1, retain: !!m.retain });
  }
  await client.endAsync();
}

/** The stored recording's start and its messages' receive times, from IndexedDB. */
async function storedTimes(page: Page) {
  const { metas, messages } = await readRecordingsStore(page);
  return { start: metas[0].start, times: messages.map((m) => m.time) };
}

test('Open a recording: the tree and Message panel show exactly what was published up to the Time slider; Play at 100× reaches the end; Close recording returns to live; axe in both themes', async ({
  page,
  mosquitto,
}) => {
  // ~20 s on an idle machine: two 1.2 s gaps between bursts, two axe passes.
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await recordWhile(page, TOTAL, () => publishBursts(mosquitto.mqttUrl));

  const { start, times } = await storedTimes(page);
  expect(times).toHaveLength(TOTAL);
  // The slider runs from the recording's start (or just before its first message) in ms.
  const sliderStart = Math.min(start, times[0] - 1);
  const gap = (k: number) => Math.round((times[k - 1] + times[k]) / 2 - sliderStart); // between message k-1 and k
  const afterA = gap(3);
  const afterB = gap(6);

  // Open it from the Recordings table.
  await openFirstRecording(page);
  await expect(page).toHaveURL(/\/explorer/);
  const timeStatus = page.getByRole('status', { name: 'Time travel' });
  // A default name ("Recording 2026-12-01 14:03:00") reads "Recording of 2026-12-01 14:03:00 · at 14:03:07".
  await expect(timeStatus).toHaveText(/^Recording of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d · at \d\d:\d\d:\d\d$/);
  const slider = page.getByRole('slider', { name: 'Time' });
  await expect(slider).toBeVisible();
  const bar = page.getByRole('region', { name: 'Time travel' });
  // It opens at the end: everything.
  await expect(bar).toContainText(`${TOTAL} of ${TOTAL} messages`);

  const message = page.getByRole('region', { name: 'Message' });
  const history = message.getByRole('list', { name: 'History' });
  const payload = message.getByLabel('Payload', { exact: true });

  // Inside the first gap: burst A only.
  await dragTo(slider, afterA);
  await expect(bar).toContainText(`3 of ${TOTAL} messages`);
  await app.expandPath(['tt']);
  await expect(app.treeItem('a')).toHaveAccessibleDescription(/^1 msg 1$/);
  await expect(app.treeItem('b')).toHaveAccessibleDescription(/^1 msg 1 retained$/);
  await expect(app.treeItem('c')).toBeVisible();
  await expect(app.treeItem('d')).toHaveCount(0);
  await expect(app.treeItem('tt')).toHaveAccessibleDescription(/^3 msgs · 3 topics/);
  await app.treeItem('a').click();
  await expect(payload).toHaveText('1');
  await expect(history.getByRole('listitem')).toHaveCount(1);

  // Inside the second gap: A and B. tt/a has three values, its history all three; tt/b still retained.
  await dragTo(slider, afterB);
  await expect(bar).toContainText(`6 of ${TOTAL} messages`);
  await expect(app.treeItem('a')).toHaveAccessibleDescription(/^3 msgs 3$/);
  await expect(payload).toHaveText('3');
  await expect(history.getByRole('listitem')).toHaveCount(3);
  await expect(history.getByRole('listitem').first()).toContainText('3');
  await expect(history.getByRole('listitem').last()).toContainText('1');
  await expect(app.treeItem('b')).toHaveAccessibleDescription(/^2 msgs 2 retained$/);
  await expect(app.treeItem('d')).toHaveCount(0);
  // The live-only actions are not offered on a recording.
  await app.treeItem('b').click();
  await expect(message.getByRole('button', { name: 'Delete retained' })).toHaveCount(0);
  await expect(message).toContainText('live only');

  // Keyboard: → takes in the next message, ← leaves it out again.
  await slider.focus();
  await slider.press('ArrowRight');
  await expect(bar).toContainText(`7 of ${TOTAL} messages`);
  await expect(app.treeItem('a')).toHaveAccessibleDescription(/^4 msgs 4$/);
  await slider.press('ArrowLeft');
  await expect(bar).toContainText(`6 of ${TOTAL} messages`);
  await expect(app.treeItem('a')).toHaveAccessibleDescription(/^3 msgs 3$/);
  // Back to before the first: an empty tree, then Home.
  await slider.press('Home');
  await expect(bar).toContainText(`0 of ${TOTAL} messages`);
  await expect(page.getByText('Nothing recorded yet at this time')).toBeVisible();
  await expect(slider).toHaveAttribute('aria-valuetext', /^\d\d:\d\d:\d\d\.\d{3}$/);

  // Play at 100× runs to the end and stops there: tt/b's retained message was cleared, tt/d is retained.
  await page.getByLabel('Speed').selectOption('100×');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(bar).toContainText(`${TOTAL} of ${TOTAL} messages`);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await app.expandPath(['tt']);
  await expect(app.treeItem('a')).toHaveAccessibleDescription(/^4 msgs 4$/);
  await expect(app.treeItem('b')).toHaveAccessibleDescription(/^3 msgs\s*$/);
  await expect(app.treeItem('d')).toHaveAccessibleDescription(/^1 msg 1 retained$/);

  // axe over the recording Explorer, both themes.
  await app.treeItem('a').click();
  await expectAxeInBothThemes(page, 'recording Explorer');

  // Other views say they are live only (Charts and Traffic show the recording: time-travel-charts.spec.ts).
  await page.getByRole('navigation').getByRole('link', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('this view shows the connected broker, not the open recording')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the recording in the Explorer' }).click();
  await expect(slider).toBeVisible();

  // Close recording: the live broker again (a message published now is there, not in the recording).
  await page.getByRole('button', { name: 'Close recording' }).click();
  await expect(timeStatus).toHaveCount(0);
  await expect(slider).toHaveCount(0);
  await app.expectConnected();
  const live = mqtt.connect(mosquitto.mqttUrl, { clientId: 'tt-live', reconnectPeriod: 0 });
  await new Promise<void>((resolve) => live.once('connect', () => resolve()));
  await live.publishAsync('tt/live', 'now');
  await live.endAsync();
  await app.expandPath(['tt']);
  await expect(app.treeItem('live')).toHaveAccessibleDescription(/^1 msg now$/);
  await expect(app.treeItem('a')).toHaveAccessibleDescription(/^4 msgs 4$/);
});
