// Recordings Export and Import recording (issue 12) against a real Mosquitto: a recording of
// binary, JSON, retained, QoS 0/1/2 and MQTT 5 user-property messages is exported (the download
// is parsed here: header and every payload byte checked against what was published), deleted,
// and imported again (the stored messages, read back from IndexedDB, are byte-identical). Broken
// files show their first bad line next to the button and store nothing.
import { readFile } from 'node:fs/promises';
import mqtt, { type IClientPublishOptions } from 'mqtt';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';
import { readRecordingsStore } from './fixtures/recordings-store.ts';

interface Sent {
  topic: string;
  payload: Buffer;
  opts: IClientPublishOptions & { qos: 0 | 1 | 2 };
}

/** n messages, each on its own topic: binary (every byte value), JSON, text; QoS i % 3; every 5th retained; every 2nd with user properties. */
function mixed(n: number): Sent[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = ['bin', 'json', 'text'][i % 3];
    const payload =
      kind === 'bin'
        ? Buffer.from(Array.from({ length: 16 + (i % 7) }, (_, b) => (i * 13 + b * 97) & 255))
        : kind === 'json'
          ? Buffer.from(JSON.stringify({ i, temp: 20 + i / 10, note: 'Grüße 😀' }))
          : Buffer.from(`reading ${i}\n`);
    const opts: Sent['opts'] = { qos: (i % 3) as 0 | 1 | 2, retain: i % 5 === 0 };
    if (i % 2 === 0) opts.properties = { userProperties: { seq: String(i), site: ['north', 'south'] }, contentType: kind === 'json' ? 'application/json' : 'application/octet-stream' };
    return { topic: `rf/${kind}/${i}`, payload, opts };
  });
}

/** Publishes over TCP with MQTT 5, one after the other (each acknowledged before the next). */
async function publishAll(mqttUrl: string, messages: Sent[]): Promise<void> {
  const client = mqtt.connect(mqttUrl, { clientId: `rf-pub-${Math.random().toString(36).slice(2, 8)}`, protocolVersion: 5, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  for (const m of messages) await client.publishAsync(m.topic, m.payload, m.opts);
  await client.endAsync();
}

/** Every stored recording and chunk, read straight from IndexedDB. */
const readStore = readRecordingsStore;

const recorder = (page: Page) => page.getByRole('status', { name: 'Recorder' });
const recordingsTable = (page: Page) => page.getByRole('table', { name: 'Recordings' });
const importButton = (page: Page) => page.getByRole('button', { name: 'Import recording' });

async function importFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await importButton(page).click();
  await (await chooser).setFiles(file);
}

test('Export streams a recording to a file with every byte; deleted and imported again it is the same recording', async ({ page, mosquitto }) => {
  // No save picker: the download path (Blob of pieces), which Playwright can catch.
  await page.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(recorder(page)).toHaveText(/^recording · 0 messages/);
  const sent = mixed(210);
  await publishAll(mosquitto.mqttUrl, sent);
  await expect(recorder(page)).toHaveText(/^recording · 210 messages · /);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(recorder(page)).toHaveText(/^recorded · 210 messages/);
  const original = await readStore(page);
  expect(original.metas).toHaveLength(1);
  const bySent = new Map(sent.map((s) => [s.topic, s]));

  await page.getByRole('navigation').getByRole('link', { name: 'Recordings', exact: true }).click();
  const row = recordingsTable(page).getByRole('row').nth(1);
  const name = (await row.getByRole('rowheader').textContent())!;
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  // The default name holds the time ("Recording 2026-12-01 14:03:27"): ':' is not allowed in file names.
  expect(download.suggestedFilename()).toBe(`${name.replaceAll(':', '_')}.switchyard.jsonl`);
  await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toHaveText(`Exported “${name}” (210 messages).`);
  const path = await download.path();
  const text = await readFile(path, 'utf8');

  // The file: a header with the count, then one line per message, each ending with LF.
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  expect(lines).toHaveLength(211);
  const header = JSON.parse(lines[0]);
  expect(header).toMatchObject({ format: 'switchyard-recording', version: 1, name, broker: mosquitto.wsUrl, messages: 210 });
  expect(typeof header.start).toBe('number');
  const rows = lines.slice(1).map((l) => JSON.parse(l));
  // In the order stored, each byte-identical to what was published, with its QoS, retain flag and user properties.
  expect(rows.map((r) => r.topic)).toEqual(original.messages.map((m) => m.topic));
  expect(new Set(rows.map((r) => r.topic)).size).toBe(210);
  for (const r of rows) {
    const s = bySent.get(r.topic)!;
    expect(Buffer.from(r.payload, 'base64').equals(s.payload), r.topic).toBe(true);
    expect([r.qos, r.retain], r.topic).toEqual([s.opts.qos, !!s.opts.retain]);
    const seq = s.opts.properties?.userProperties?.seq;
    if (seq) expect(r.properties.userProperties, r.topic).toEqual([['seq', seq], ['site', 'north'], ['site', 'south']]);
    else expect(r.properties?.userProperties, r.topic).toBeUndefined();
  }

  // Where the browser has a save picker the same bytes are piped into the picked file (a stand-in
  // picker whose writable keeps what it is given).
  await page.evaluate(() => {
    const w = window as unknown as { showSaveFilePicker: unknown; picked: { name: string; bytes: number[] } };
    w.picked = { name: '', bytes: [] };
    w.showSaveFilePicker = async (o: { suggestedName: string }) => {
      w.picked.name = o.suggestedName;
      return { createWritable: async () => new WritableStream<Uint8Array>({ write: (c) => void w.picked.bytes.push(...c) }) };
    };
  });
  await row.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toHaveText(`Exported “${name}” (210 messages).`);
  const picked = await page.evaluate(() => (window as unknown as { picked: { name: string; bytes: number[] } }).picked);
  expect(picked.name).toBe(download.suggestedFilename());
  expect(Buffer.from(picked.bytes).equals(await readFile(path))).toBe(true);

  // Delete it, then import the file: the same recording again.
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete recording' }).getByRole('button', { name: 'Delete recording' }).click();
  await expect(recordingsTable(page)).toContainText('No recordings yet');
  await importFile(page, path);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(`Imported “${name}”: 210 messages.`);
  await expect(recordingsTable(page).getByRole('rowheader')).toHaveText([name]);
  const again = recordingsTable(page).getByRole('row').nth(1);
  await expect(again.getByRole('cell').nth(0)).toHaveText(mosquitto.wsUrl);
  await expect(again.getByRole('cell').nth(3)).toHaveText('210');
  await expect(again).toContainText('Complete');
  const imported = await readStore(page);
  expect(imported.metas).toEqual([expect.objectContaining({ name, messages: 210, status: 'complete' })]);
  expect(imported.metas[0].id).not.toBe(original.metas[0].id);
  expect(imported.messages).toEqual(original.messages);
});

test('a truncated or garbled file shows its first bad line next to Import recording and stores nothing; axe in both themes', async ({ page }) => {
  const line = (i: number) => `{"time":${1796133780000 + i},"topic":"plant/m${i}","qos":1,"retain":false,"payload":"${Buffer.from([i, 0, 255]).toString('base64')}"}\n`;
  const header = (n: number) => `{"format":"switchyard-recording","version":1,"name":"Plant","messages":${n}}\n`;
  const file = (name: string, body: string) => ({ name, mimeType: 'application/jsonl', buffer: Buffer.from(body) });
  const five = [0, 1, 2, 3, 4].map(line);

  await page.goto('/recordings');
  await expect(recordingsTable(page)).toContainText('No recordings yet');
  // A good one first, so "adds nothing" is seen beside an existing recording.
  await importFile(page, file('plant.switchyard.jsonl', header(5) + five.join('')));
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported “Plant”: 5 messages.');
  await expect(recordingsTable(page).getByRole('rowheader')).toHaveText(['Plant']);
  const before = await readStore(page);
  expect(before.metas).toHaveLength(1);

  const cases = [
    { name: 'cut-between.jsonl', body: header(5) + five.slice(0, 3).join(''), error: 'line 5: the header says 5 messages but the file holds 3 (truncated?)' },
    { name: 'cut-inside.jsonl', body: header(5) + five.join('').slice(0, -12), error: 'line 6: the file ends in the middle of this line (truncated?)' },
    { name: 'garbled.jsonl', body: header(5) + five[0] + five[1].replace('"payload":"', '"payload":"!') + five.slice(2).join(''), error: 'line 3: payload is not base64' },
  ];
  for (const c of cases) {
    await importFile(page, file(c.name, c.body));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`${c.name} was not imported: ${c.error}`);
    await expect(importButton(page)).toHaveAccessibleDescription(new RegExp(`^${c.name} was not imported: line`));
    await expect(importButton(page)).toBeEnabled();
    await expect(recordingsTable(page).getByRole('rowheader')).toHaveText(['Plant']);
    expect(await readStore(page)).toEqual(before);
  }
  // The refusal under the button, in both themes: nothing serious for axe.
  await expectAxeInBothThemes(page, 'Recordings, import refused');
  await page.reload();
  await expect(recordingsTable(page).getByRole('rowheader')).toHaveText(['Plant']);
});
