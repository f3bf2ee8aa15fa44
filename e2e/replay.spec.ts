// Replay to a broker (issue 12), against a real Mosquitto: messages from an independent mqtt.js
// publisher (MQTT 5 over TCP: binary and JSON payloads, retained, QoS 0/1/2, user properties)
// are recorded with known gaps, replayed with the prefix `replay/` at 1×, and an independent
// MQTT 5 subscriber checks bytes, QoS, retain flag, properties and the timing. Stop and a lost
// connection stop the replay and say how many were sent.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';
import { readRecordingsStore } from './fixtures/recordings-store.ts';
import { publishWithGaps, record, seqOf as seq, sleep, subscriber, type Received } from './fixtures/replay-clients.ts';

/** The recorded receive times, in stored order, read from IndexedDB. */
async function recordedTimes(page: Page) {
  return (await readRecordingsStore(page)).messages.map((m) => m.time);
}

const recordingsTable = (page: Page) => page.getByRole('table', { name: 'Recordings' });

test('Replay at 1x with the prefix replay/ sends every message byte for byte, with its QoS, retain flag, properties and timing', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  // 12 bursts of 10 (120 messages) with gaps of 400-600 ms between bursts: about 5.5 s. Gaps of
  // 200-400 ms (20 %: 40-80 ms) failed a CI rehearsal twice on single stalls of a loaded 2-core
  // machine (other test runs beside it; 186 ms late, then 67 ms short) while alone the largest
  // error was 2.8-3.6 %; at 400-600 ms a stall must exceed 80-120 ms, as in the round trip.
  test.setTimeout(60_000);
  const sent = await record(page, () => publishWithGaps(mosquitto.mqttUrl, 12, 10, (g) => 400 + (g % 3) * 100));

  await recordingsTable(page).getByRole('row').nth(1).getByRole('button', { name: 'Replay' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay recording' });
  await expect(dialog).toContainText(mosquitto.wsUrl);
  await expect(dialog).toContainText('120 messages');
  // 24 of the 120 are retained: with Retain as recorded it warns; Off takes the warning away.
  await expect(dialog).toContainText('24 retained messages will overwrite');
  await dialog.getByLabel('Retain').selectOption('Off');
  await expect(dialog).not.toContainText('will overwrite');
  await dialog.getByLabel('Retain').selectOption('As recorded');
  // A prefix that would make unpublishable topics is refused next to the field.
  const prefix = dialog.getByLabel('Topic prefix');
  await prefix.fill('replay/+/');
  await expect(dialog.getByRole('alert')).toContainText('wildcards');
  await expect(dialog.getByRole('button', { name: 'Replay 120 messages' })).toBeDisabled();
  await prefix.fill('replay/');
  await expect(dialog).toContainText('plant/line0/raw → replay/plant/line0/raw');
  await expect(dialog.getByLabel('Speed')).toHaveValue('1');
  await expect(dialog.getByLabel('QoS')).toHaveValue('recorded');

  const sub = await subscriber(mosquitto.mqttUrl);
  await dialog.getByRole('button', { name: 'Replay 120 messages' }).click();
  await expect(page.getByRole('progressbar', { name: 'Replay progress' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Replay finished' })).toHaveText('Replay finished: 120 of 120 messages sent.', { timeout: 15_000 });
  await expect.poll(() => sub.got.length).toBe(120);
  await sub.client.endAsync();

  // Byte-identical, with the recorded QoS, retain flag and properties (matched by their seq property:
  // a QoS 2 delivery completes a round trip later than a QoS 0 one sent just after it).
  const got: Received[] = [...sub.got].sort((x, y) => seq(x) - seq(y));
  expect(got.map((m) => m.topic)).toEqual(sent.map((s) => `replay/${s.topic}`));
  expect(got.map((m) => [...m.payload])).toEqual(sent.map((s) => [...s.payload]));
  expect(got.map((m) => m.qos)).toEqual(sent.map((s) => s.opts.qos));
  expect(got.map((m) => m.retain)).toEqual(sent.map((s) => !!s.opts.retain));
  expect(got.map((m) => m.userProperties)).toEqual(sent.map((s) => s.opts.properties!.userProperties));
  expect(got.map((m) => m.contentType)).toEqual(sent.map((s) => s.opts.properties!.contentType));

  // Timing: the gaps between the bursts (100 ms or more) come back within 20 %. Measured between
  // the bursts' first messages, QoS 0: a QoS 2 message reaches subscribers only after the
  // publisher's PUBREL, one more round trip to the browser that the recording did not have.
  const times = await recordedTimes(page);
  expect(times).toHaveLength(120);
  const errors: number[] = [];
  for (let i = 10; i < times.length; i += 10) {
    const recorded = times[i] - times[i - 10];
    expect(recorded).toBeGreaterThanOrEqual(100);
    const replayed = got[i].at - got[i - 10].at;
    errors.push(Math.abs(replayed - recorded) / recorded);
    expect(Math.abs(replayed - recorded), `gap before message ${i}: recorded ${recorded.toFixed(0)} ms, replayed ${replayed.toFixed(0)} ms`).toBeLessThanOrEqual(recorded * 0.2);
  }
  console.log(`replay timing: ${errors.length} gaps, largest error ${(Math.max(...errors) * 100).toFixed(1)} %`);
  // And the whole replay took the recording's span, not more (no drift).
  const span = times[110] - times[0];
  expect(Math.abs(got[110].at - got[0].at - span)).toBeLessThanOrEqual(span * 0.1);
});

test('Stop ends a replay and nothing more is sent; a lost connection stops it with the reason; not connected, Replay is disabled with why; axe on the dialog', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  // 40 messages 100 ms apart: 4 s at 1×.
  await record(page, () => publishWithGaps(mosquitto.mqttUrl, 40, 1, () => 100));
  const row = recordingsTable(page).getByRole('row').nth(1);
  const sub = await subscriber(mosquitto.mqttUrl);

  await row.getByRole('button', { name: 'Replay' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay recording' });
  await dialog.getByLabel('Topic prefix').fill('replay/');
  await dialog.getByRole('button', { name: 'Replay 40 messages' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => sub.got.length).toBeGreaterThanOrEqual(8);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  const stopped = page.getByRole('status').filter({ hasText: 'Replay stopped' });
  await expect(stopped).toHaveText(/^Replay stopped: \d+ of 40 messages sent, no more will be\.$/);
  const sentCount = Number((await stopped.textContent())!.match(/(\d+) of 40/)![1]);
  expect(sentCount).toBeGreaterThanOrEqual(8);
  expect(sentCount).toBeLessThan(40);
  await expect.poll(() => sub.got.length).toBe(sentCount);
  await sleep(500); // three more gaps: nothing else arrives
  expect(sub.got.length).toBe(sentCount);
  await sub.client.endAsync();

  // Replay again, and the broker goes away in the middle.
  await row.getByRole('button', { name: 'Replay' }).click();
  await dialog.getByRole('button', { name: 'Replay 40 messages' }).click();
  await expect(page.getByRole('progressbar', { name: 'Replay progress' })).toHaveAttribute('aria-valuetext', /: [3-9] of 40 messages sent/);
  await mosquitto.kill();
  await expect(page.getByRole('alert').filter({ hasText: 'connection was lost' })).toContainText(/Replay stopped, the connection was lost: \d+ of 40 messages sent\. The connection is/);

  await row.getByRole('button', { name: 'Replay' }).click();
  await expect(dialog.getByRole('status')).toContainText('Not connected');
  await expect(dialog.getByRole('button', { name: 'Replay 40 messages' })).toBeDisabled();
  // The dialog with its retained warning and its reason passes axe in both themes.
  await expect(dialog).toContainText('retained messages will overwrite');
  await expectAxeInBothThemes(page, 'Replay dialog', { include: 'dialog', via: 'system' });
});
