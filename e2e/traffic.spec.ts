// Traffic insight against a real Mosquitto: a flood among quiet topics, a heartbeat that stops, a
// device whose status says offline. Messages are published from this Node process with mqtt.js
// over TCP (the flood paced against the clock, so its true rate is known).
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import mqtt from 'mqtt';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';

const FLOOD = 'e2e/flood/pump';
const FLOOD_RATE = 500;

async function openTraffic(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Traffic', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Top talkers' })).toBeVisible();
}

/** The text of each cell of a table row. */
const cells = (row: Locator) => row.getByRole('cell').allInnerTexts();
const number = (text: string) => Number(text.replace(/,/g, ''));

/**
 * Publishes `rate` messages/s on `topic`, paced against the clock, until stopped. Counts what it
 * sent in each whole second of the clock: the app's traffic windows are whole seconds of the same
 * clock, so `sentIn` is the true count of a window even when a stall of this process bunched sends.
 */
function paced(client: mqtt.MqttClient, topic: string, rate: number) {
  const start = Date.now();
  let sent = 0;
  const perSecond = new Map<number, number>();
  const timer = setInterval(() => {
    const now = Date.now();
    const due = Math.floor(((now - start) / 1000) * rate);
    if (due > sent) perSecond.set(Math.floor(now / 1000), (perSecond.get(Math.floor(now / 1000)) ?? 0) + due - sent);
    for (; sent < due; sent++) client.publish(topic, `{"seq":${sent}}`, { qos: 0 });
  }, 10);
  return {
    /** The second the flood began in (partly before it). */
    startSecond: Math.floor(start / 1000),
    stop: () => clearInterval(timer),
    /** Messages sent in the whole seconds from … to-1 (seconds since epoch). */
    sentIn: (from: number, to: number) => {
      let n = 0;
      for (let s = from; s < to; s++) n += perSecond.get(s) ?? 0;
      return n;
    },
  };
}

/**
 * Top talkers' rate is over the last 10 closed seconds as of the view's last 1 Hz refresh: the
 * 10 s ending at the start of the second the read was in or the one before. Reads the flood's row
 * once the flood filled such a window, and compares it with what was really sent in that window
 * (so it is not thrown by a window reaching back before the flood, nor by a stall of the machine
 * bunching sends, while a wrong count or divisor still fails).
 */
async function readFloodRate(row: Locator, flood: ReturnType<typeof paced>): Promise<string> {
  const before = Math.floor(Date.now() / 1000);
  const [topic, text] = await cells(row);
  const after = Math.floor(Date.now() / 1000);
  const shown = number(text);
  const windows = [...new Set([before - 1, before, after])].filter((end) => end - 10 > flood.startSecond);
  if (windows.length === 0) return `flood has not filled a 10 s window yet (${topic} ${text})`;
  const truths = windows.map((end) => flood.sentIn(end - 10, end) / 10);
  if (topic === FLOOD && truths.some((t) => Math.abs(shown - t) <= t * 0.1)) return 'ok';
  return `${topic} shows ${text} msg/s; sent over the candidate windows: ${truths.join(', ')} msg/s`;
}

test('a 500 msg/s flood among 200 quiet topics tops Top talkers at its true rate; sort, group, snapshot, and a row opens the Explorer', async ({
  page,
  mosquitto,
}) => {
  test.setTimeout(75_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const client = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  try {
    // 200 quiet topics, one message each every 4 s; a topic a spreadsheet would read as a formula.
    const quiet = () => {
      for (let i = 0; i < 200; i++) client.publish(`e2e/quiet/q${i}`, String(i));
    };
    quiet();
    const quietTimer = setInterval(quiet, 4000);
    client.publish('=SUM(A1)/x', 'formula');
    const flood = paced(client, FLOOD, FLOOD_RATE);

    await openTraffic(page);
    const table = page.getByRole('table', { name: 'Top talkers' });
    const firstRow = table.getByRole('row').nth(1);
    // The flood fills a 10 s window after 11–12 s; then the row shows what was sent in it (±10 %).
    await expect.poll(() => readFloodRate(firstRow, flood), { timeout: 30_000, intervals: [1000] }).toBe('ok');
    const messagesHeader = table.getByRole('columnheader', { name: 'Messages/s' });
    await expect(messagesHeader).toHaveAttribute('aria-sort', 'descending');

    // Sorting by another column header, then back.
    await table.getByRole('button', { name: 'Topic' }).click();
    await expect(table.getByRole('columnheader', { name: 'Topic' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(messagesHeader).not.toHaveAttribute('aria-sort');
    await expect(firstRow.getByRole('cell').first()).toHaveText('=SUM(A1)/x');
    await table.getByRole('button', { name: 'Messages/s' }).click();
    await expect(firstRow.getByRole('cell').first()).toHaveText(FLOOD);

    // Group by rolls topics up: e2e/+ gives e2e/flood (1 topic) and e2e/quiet (200).
    await page.getByLabel('Group by').fill('e2e/+');
    await expect(table.getByRole('columnheader', { name: 'Group' })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect.poll(async () => (await cells(firstRow)).slice(0, 2)).toEqual(['e2e/flood', '1']);
    await expect.poll(async () => (await cells(table.getByRole('row').nth(2))).slice(0, 2)).toEqual(['e2e/quiet', '200']);
    await page.getByLabel('Group by').fill('e2e/#/x');
    await expect(page.getByRole('alert').filter({ hasText: 'Group by: # may only be the last level' })).toBeVisible();
    await expect(page.getByLabel('Group by')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Group by').fill('');

    // Filter.
    await page.getByRole('searchbox', { name: 'Filter' }).fill('q19');
    await expect(table.getByRole('row')).toHaveCount(12); // q19, q190 … q199, and the header
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');

    // Snapshot as CSV: quoted, with the formula-looking topic defused.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Snapshot CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^traffic-.*\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('topic,topics,messages_per_s_10s,messages_per_s_1min,bytes_per_s_10s,bytes_per_s_1min,total_bytes,largest_payload_bytes,last_seen');
    expect(lines[1].startsWith(`${FLOOD},1,`)).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^'=SUM\(A1\)\/x,1,/));
    expect(lines).toHaveLength(1 + 202);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Snapshot JSON' }).click()]);
    const snapshot = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(snapshot).toMatchObject({ format: 'switchyard-traffic', topTalkers: expect.arrayContaining([expect.objectContaining({ topic: FLOOD })]) });

    // A row opens its topic in the Explorer: selected, with its path open.
    await firstRow.click();
    await expect(page).toHaveURL(/\/explorer/);
    await expect(app.treeItem('pump')).toHaveAttribute('aria-selected', 'true');
    await expect(app.treeItem('flood')).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('region', { name: 'Message' }).getByRole('heading', { level: 2 })).toHaveText(FLOOD);

    // Show rates: the flood's row (and its parents) describe their messages per second.
    await page.getByRole('checkbox', { name: 'Show rates' }).check();
    await expect(app.treeItem('pump')).toHaveAccessibleDescription(/ msg\/s/);
    await expect
      .poll(async () => number(/([\d,.]+) msg\/s/.exec(await accessibleDescription(app.treeItem('pump')))?.[1] ?? 'NaN'), { timeout: 15_000 })
      .toBeGreaterThan(FLOOD_RATE * 0.8);
    await expect(app.treeItem('flood')).toHaveAccessibleDescription(/\d msg\/s/);
    // Sort by rate: at the top level, e2e (the flood) comes before =SUM(A1) (natural order puts "=" first).
    const topLevel = () => app.tree.locator('[role="treeitem"][aria-level="1"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(await topLevel()).toEqual(['=SUM(A1)', 'e2e']);
    await page.getByRole('checkbox', { name: 'Sort by rate' }).check();
    await expect.poll(topLevel).toEqual(['e2e', '=SUM(A1)']);
    await expect(app.treeItem('e2e')).toHaveAttribute('aria-posinset', '1');
    flood.stop();
    clearInterval(quietTimer);
  } finally {
    await client.endAsync();
  }
});

async function accessibleDescription(item: Locator): Promise<string> {
  const ids = ((await item.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const page = item.page();
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

test('a topic that published every second is listed in Silent topics within 5 s of its third missed interval; an offline status too', async ({
  page,
  mosquitto,
}) => {
  test.setTimeout(45_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/traffic');
  await app.expectConnected();
  await expect(page.getByRole('heading', { name: 'Silent topics' })).toBeVisible();
  const client = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  try {
    await client.publishAsync('e2e/devices/d1/status', 'online', { qos: 1, retain: true });
    // Paced on a fixed schedule (a second apart from the first), not a second after each
    // acknowledgement: on a loaded machine the PUBACK's delay would otherwise lengthen every gap.
    const sentAt: number[] = [];
    const first = Date.now();
    for (let i = 0; i < 7; i++) {
      await new Promise((r) => setTimeout(r, Math.max(0, first + i * 1000 - Date.now())));
      sentAt.push(Date.now());
      await client.publishAsync('e2e/beat', String(i), { qos: 1 });
    }
    const last = sentAt[6];
    // The app's estimate: the median of the last four gaps (core/traffic-interval.ts), as they arrived.
    const gaps = sentAt.slice(3).map((t, i) => t - sentAt[2 + i]).sort((a, b) => a - b);
    const medianGap = (gaps[1] + gaps[2]) / 2000;
    const silent = page.getByRole('table', { name: 'Silent topics' });
    const beat = silent.getByRole('row', { name: /e2e\/beat/ });
    // Not before its third missed interval…
    await page.waitForTimeout(Math.max(0, last + 2500 - Date.now()));
    await expect(beat).toHaveCount(0);
    // …and within 5 s of it.
    await expect(beat).toBeVisible({ timeout: Math.max(1000, last + 3000 + 5000 - Date.now()) });
    const listedAt = Date.now();
    expect(listedAt - last).toBeLessThanOrEqual(8000);
    const [topic, interval, heard, why] = await cells(beat);
    // Its usual interval as published (1 s; more only if the test process itself was held up).
    expect(topic).toBe('e2e/beat');
    expect(interval).toMatch(/^\d+(\.\d)? s$/);
    expect(Math.abs(parseFloat(interval) - medianGap), `shown ${interval}, published every ${medianGap} s`).toBeLessThanOrEqual(0.15);
    expect(heard).toMatch(/^\d+(\.\d)? s ago$/);
    expect(why).toMatch(/Silent: missed \d+ intervals/);

    // A device whose status topic says offline.
    await client.publishAsync('e2e/devices/d1/status', 'offline', { qos: 1, retain: true });
    const device = silent.getByRole('row', { name: /e2e\/devices\/d1\/status/ });
    await expect(device).toContainText('Says “offline”');
    // Both tables and the toolbar pass axe in the light and the dark theme.
    await expectAxeInBothThemes(page, 'Traffic');
    await client.publishAsync('e2e/devices/d1/status', 'online', { qos: 1, retain: true });
    await expect(device).toHaveCount(0);
    // Back to publishing: no longer silent.
    await client.publishAsync('e2e/beat', 'again', { qos: 1 });
    await expect(beat).toHaveCount(0);
  } finally {
    await client.endAsync();
  }
});
