// Compare (issue 12): a recording against another recording, and against the live broker's
// retained messages, on a real Mosquitto: exactly the topics added, removed and changed, and the
// payload diff of a changed topic (the Explorer's diff view), binary payloads in hex. axe over
// the dialog with its result in both themes.
import mqtt from 'mqtt';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { mosquittoPub } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';
import { recordWhile } from './fixtures/recording-steps.ts';

interface Pub {
  topic: string;
  payload: string | Buffer;
  retain?: boolean;
}

/** Publishes over TCP with MQTT 5, in order, each answered (QoS 1), `gapMs` apart. */
async function publishAll(mqttUrl: string, messages: Pub[], gapMs = 0): Promise<void> {
  const client = mqtt.connect(mqttUrl, { clientId: `cmp-pub-${Math.random().toString(36).slice(2, 8)}`, protocolVersion: 5, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  for (const m of messages) {
    await client.publishAsync(m.topic, m.payload, { qos: 1, retain: !!m.retain });
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
  await client.endAsync();
}

/** Record → publish → Stop recording; waits until all of them are stored. */
const record = (page: Page, mqttUrl: string, messages: Pub[], gapMs = 0) => recordWhile(page, messages.length, () => publishAll(mqttUrl, messages, gapMs));

async function openRecordings(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Recordings', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Recordings' })).toBeVisible();
}

/** The topics of one result list (Added / Removed / Changed), in order. */
async function listed(result: Locator, name: string): Promise<string[]> {
  const list = result.getByRole('list', { name, exact: true });
  if ((await list.count()) === 0) return [];
  return list.getByRole('button').evaluateAll((els) => els.map((e) => e.firstElementChild?.textContent ?? ''));
}

async function expectLists(result: Locator, want: { added: string[]; removed: string[]; changed: string[]; unchanged: number }) {
  await expect(result).toContainText(`${want.added.length} added · ${want.removed.length} removed · ${want.changed.length} changed · ${want.unchanged} unchanged`);
  expect({ added: await listed(result, 'Added'), removed: await listed(result, 'Removed'), changed: await listed(result, 'Changed') }).toEqual({
    added: want.added,
    removed: want.removed,
    changed: want.changed,
  });
}

test('Compare two recordings: exactly the topics added, removed (a cleared retained message included) and changed, with the payload diff; swap, filter, retained only; axe in both themes', async ({
  page,
  mosquitto,
}) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();

  await record(page, mosquitto.mqttUrl, [
    { topic: 'cmp/same', payload: 'steady', retain: true },
    { topic: 'cmp/json', payload: '{"v":1,"unit":"C"}', retain: true },
    { topic: 'cmp/text', payload: 'hello world' },
    { topic: 'cmp/bin', payload: Buffer.from([0, 1, 2, 255]) },
    { topic: 'cmp/removed', payload: 'bye', retain: true },
    { topic: 'cmp/cleared', payload: 'on', retain: true },
  ]);
  // The second recording starts on the same subscription: no retained replay, only what is published next.
  await record(page, mosquitto.mqttUrl, [
    { topic: 'cmp/same', payload: 'steady', retain: true },
    { topic: 'cmp/json', payload: '{"v":2,"unit":"C"}', retain: true },
    { topic: 'cmp/text', payload: 'hello there world' },
    { topic: 'cmp/bin', payload: Buffer.from([0, 1, 3, 255]) },
    { topic: 'cmp/added', payload: '<b>new</b>' },
    { topic: 'cmp/cleared', payload: '', retain: true },
  ]);

  await openRecordings(page);
  // Newest first: row 1 is the second recording, row 2 the first. Compare the first with the second.
  const rows = page.getByRole('table', { name: 'Recordings' }).getByRole('row');
  await rows.nth(2).getByRole('button', { name: 'Compare' }).click();
  const dialog = page.getByRole('dialog', { name: /^Compare “Recording / });
  await expect(dialog.getByRole('radio', { name: 'Another recording' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Last message per topic' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  const result = dialog.getByRole('region', { name: 'Comparison' });
  await expectLists(result, { added: ['cmp/added'], removed: ['cmp/cleared', 'cmp/removed'], changed: ['cmp/bin', 'cmp/json', 'cmp/text'], unchanged: 1 });

  // The first changed topic is shown: binary, both sides in hex.
  const detail = result.getByRole('region', { name: 'Compared topic' });
  await expect(detail.getByRole('heading', { level: 3 })).toHaveText('cmp/bin');
  await expect(detail.getByRole('group', { name: 'Payload changes' })).toHaveText('Binary payload changed (4 → 4 bytes).');
  await expect(detail.getByRole('group', { name: 'Before' }).getByLabel('Payload', { exact: true })).toHaveText('00 01 02 ff');
  await expect(detail.getByRole('group', { name: 'After' }).getByLabel('Payload', { exact: true })).toHaveText('00 01 03 ff');

  // JSON: the key that changed; text: the words added.
  await result.getByRole('list', { name: 'Changed' }).getByRole('button', { name: /^cmp\/json/ }).click();
  await expect(detail.getByRole('heading', { level: 3 })).toHaveText('cmp/json');
  await expect(detail.getByRole('group', { name: 'Payload changes' })).toHaveText(/v\s*1 → 2/);
  await result.getByRole('list', { name: 'Changed' }).getByRole('button', { name: /^cmp\/text/ }).click();
  await expect(detail.getByRole('group', { name: 'Payload changes' }).locator('ins')).toHaveText(/^\s*there\s*$/);
  // An added topic: its payload as text, never as markup.
  await result.getByRole('list', { name: 'Added' }).getByRole('button', { name: /^cmp\/added/ }).click();
  await expect(detail).toContainText('Added: only in “Recording');
  await expect(detail.getByRole('group', { name: 'After' }).getByLabel('Payload', { exact: true })).toHaveText('<b>new</b>');
  await expect(detail.locator('b')).toHaveCount(0);

  // Filter, then swap the sides.
  await result.getByRole('searchbox', { name: 'Filter topics' }).fill('MOVE');
  expect([await listed(result, 'Added'), await listed(result, 'Removed'), await listed(result, 'Changed')]).toEqual([[], ['cmp/removed'], []]);
  await expect(result).toContainText('None match the filter.');
  await result.getByRole('searchbox', { name: 'Filter topics' }).fill('');
  await result.getByRole('button', { name: 'Swap sides' }).click();
  await expectLists(result, { added: ['cmp/cleared', 'cmp/removed'], removed: ['cmp/added'], changed: ['cmp/bin', 'cmp/json', 'cmp/text'], unchanged: 1 });
  // Show one kind only.
  await result.getByRole('combobox', { name: 'Show' }).selectOption('Removed (1)');
  expect([await listed(result, 'Added'), await listed(result, 'Removed'), await listed(result, 'Changed')]).toEqual([[], ['cmp/added'], []]);
  await expect(result.getByRole('region', { name: 'Compared topic' }).getByRole('heading', { level: 3 })).toHaveText('cmp/added');
  await result.getByRole('combobox', { name: 'Show' }).selectOption('All differences');

  // axe over the dialog with its result, both themes.
  await expectAxeInBothThemes(page, 'Compare dialog', { include: 'dialog', via: 'system' });

  // Retained messages only: plain messages drop out; the cleared topic is still gone.
  await dialog.getByRole('radio', { name: 'Retained messages', exact: true }).check();
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  await expectLists(result, { added: [], removed: ['cmp/cleared', 'cmp/removed'], changed: ['cmp/json'], unchanged: 1 });
});

test('Compare a recording with the broker’s retained messages after they changed: exactly the topics added, removed (cleared) and changed', async ({ page, mosquitto }) => {
  test.setTimeout(45_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await record(page, mosquitto.mqttUrl, [
    { topic: 'live/keep', payload: 'kept', retain: true },
    { topic: 'live/change', payload: '{"setpoint":20}', retain: true },
    { topic: 'live/clear', payload: 'soon gone', retain: true },
    { topic: 'live/plain', payload: 'not retained' },
  ], 50); // apart, so the Time slider's keys step one message at a time
  // The broker changes behind the recording's back.
  await mosquittoPub(mosquitto, 'live/change', '{"setpoint":22}', { retain: true, qos: 1 });
  await mosquittoPub(mosquitto, 'live/clear', '', { retain: true, qos: 1 });
  await mosquittoPub(mosquitto, 'live/new', Buffer.from([0xde, 0xad, 0xbe, 0xef]), { retain: true, qos: 1 });

  // Open it in the Explorer and move the Time slider two messages back: live/clear's retained message not yet recorded.
  await openRecordings(page);
  await page.getByRole('table', { name: 'Recordings' }).getByRole('row').nth(1).getByRole('button', { name: 'Open' }).click();
  const slider = page.getByRole('slider', { name: 'Time' });
  await slider.focus();
  await slider.press('ArrowLeft');
  await slider.press('ArrowLeft');
  await expect(page.getByRole('region', { name: 'Time travel' })).toContainText('2 of 4 messages');

  await openRecordings(page);
  await page.getByRole('table', { name: 'Recordings' }).getByRole('row').nth(1).getByRole('button', { name: 'Compare' }).click();
  const dialog = page.getByRole('dialog', { name: /^Compare “Recording / });
  // The only recording: the broker is the choice, and only retained messages can be compared.
  await expect(dialog.getByRole('radio', { name: 'Another recording' })).toBeDisabled();
  await expect(dialog.getByRole('radio', { name: 'The connected broker’s retained messages' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Retained messages', exact: true })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Last message per topic' })).toBeDisabled();
  await expect(dialog).toContainText(/Read now from ws:\/\/\S+ under # \(a second, short connection\)/);
  // Open in the Explorer: the state at the Time slider is the default.
  await expect(dialog.getByRole('radio', { name: /^At the Time slider \(\d\d:\d\d:\d\d\.\d{3}\)$/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  const result = dialog.getByRole('region', { name: 'Comparison' });
  await expectLists(result, { added: ['live/new'], removed: [], changed: ['live/change'], unchanged: 1 });
  await expect(result).toContainText(/^From “Recording [^”]+” at \d\d:\d\d:\d\d\.\d{3} to /);

  // At its end: live/clear was recorded with a payload and the broker no longer holds it.
  await dialog.getByRole('radio', { name: 'At its end' }).check();
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  await expectLists(result, { added: ['live/new'], removed: ['live/clear'], changed: ['live/change'], unchanged: 1 });
  await expect(result).toContainText(/ to the broker’s retained messages \(ws:\/\/\S+\)/);
  const detail = result.getByRole('region', { name: 'Compared topic' });
  await expect(detail.getByRole('heading', { level: 3 })).toHaveText('live/change');
  await expect(detail.getByRole('group', { name: 'Payload changes' })).toHaveText(/setpoint\s*20 → 22/);
  await result.getByRole('list', { name: 'Added' }).getByRole('button', { name: /^live\/new/ }).click();
  await expect(detail.getByRole('group', { name: 'After' }).getByLabel('Payload', { exact: true })).toHaveText('de ad be ef');

  // Not connected: the broker cannot be compared with, and the dialog says why.
  await mosquitto.stop();
  await expect(dialog.getByRole('status')).toContainText('Not connected');
  await expect(dialog.getByRole('button', { name: 'Compare', exact: true })).toBeDisabled();
});
