// Live charts against a real Mosquitto: charts made through the Charts view's own UI.
import { readFile } from 'node:fs/promises';
import mqtt, { type MqttClient } from 'mqtt';
import { test, expect } from './fixtures/test.ts';
import { mosquittoPub } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';
import type { Locator, Page } from '@playwright/test';

/** A publisher in the test process: calls payload(i) every `everyMs` and publishes it on `topic`. */
async function startPublisher(url: string, everyMs: number, jobs: { topic: string; payload: (i: number) => string }[]) {
  const client: MqttClient = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  const sent: { topic: string; payload: string; time: number }[] = [];
  let i = 0;
  const timer = setInterval(() => {
    for (const job of jobs) {
      const payload = job.payload(i);
      sent.push({ topic: job.topic, payload, time: Date.now() });
      client.publish(job.topic, payload);
    }
    i++;
  }, everyMs);
  return {
    sent,
    stop: async () => {
      clearInterval(timer);
      await client.endAsync();
    },
  };
}

/** Opens "New chart" (or "Add series" in a chart), picks topic and field, saves. */
async function addSeries(page: Page, opener: Locator, dialogName: string, topic: string, field?: string) {
  await opener.click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Topic').fill(topic);
  if (field !== undefined) {
    // The picker lists the numeric fields seen on that topic.
    await expect(dialog.getByRole('option', { name: field, exact: true })).toBeAttached();
    await dialog.getByLabel('Field').selectOption(field);
  }
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** Points drawn, as the plot's text alternative says ("… 123 points drawn from …"). */
async function drawnPoints(figure: Locator): Promise<number> {
  const label = (await figure.getByRole('img', { name: /points drawn|no data/ }).getAttribute('aria-label')) ?? '';
  const m = /(\d+) points drawn/.exec(label);
  return m ? Number(m[1]) : 0;
}

function legendRow(figure: Locator, name: string | RegExp): Locator {
  return figure.getByRole('table', { name: 'Legend' }).getByRole('row', { name });
}

test('a 10 Hz topic becomes a live chart; a JSON field joins it as a second series; config survives reload', async ({
  page,
  mosquitto,
}) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/charts');
  await app.expectConnected();
  await expect(page.getByRole('heading', { name: 'No charts yet' })).toBeVisible();

  const pub = await startPublisher(mosquitto.mqttUrl, 100, [
    { topic: 'lab/oven/temp', payload: (i) => `${(180 + (i % 10)).toFixed(1)} °C` },
    { topic: 'lab/oven/status', payload: (i) => JSON.stringify({ door: { open: false }, temp: { inner: 150 + (i % 5) }, label: 'oven' }) },
  ]);
  try {
    await addSeries(page, page.getByRole('button', { name: 'New chart' }), 'New chart', 'lab/oven/temp');

    const chart = page.getByRole('figure', { name: 'lab/oven/temp' });
    await expect(chart).toBeVisible();
    await expect(legendRow(chart, /lab\/oven\/temp/)).toBeVisible();
    // The line grows while the topic keeps publishing.
    await expect.poll(() => drawnPoints(chart), { timeout: 10_000 }).toBeGreaterThan(5);
    const first = await drawnPoints(chart);
    await expect.poll(() => drawnPoints(chart), { timeout: 10_000 }).toBeGreaterThan(first + 10);
    // Last value is one of the published readings (unit stripped).
    await expect(legendRow(chart, /lab\/oven\/temp/).getByRole('cell').first()).toHaveText(/^18\d$/);

    // A JSON field from another topic joins the same chart.
    await addSeries(page, chart.getByRole('button', { name: 'Add series' }), 'Add series to lab/oven/temp', 'lab/oven/status', 'temp.inner');
    const second = legendRow(chart, /lab\/oven\/status › temp\.inner/);
    await expect(second).toBeVisible();
    await expect(chart.getByRole('table', { name: 'Legend' }).getByRole('row')).toHaveCount(3); // header + 2 series
    await expect(second.getByRole('cell').first()).toHaveText(/^15\d$/);
    await expect(page.getByRole('figure')).toHaveCount(1);
  } finally {
    await pub.stop();
  }

  // The configuration persists across a reload.
  await page.reload();
  await app.expectConnected();
  const reloaded = page.getByRole('figure', { name: 'lab/oven/temp' });
  await expect(legendRow(reloaded, /lab\/oven\/temp/)).toBeVisible();
  await expect(legendRow(reloaded, /lab\/oven\/status › temp\.inner/)).toBeVisible();
});

test('Pause freezes the drawn line while messages keep arriving; Resume catches up', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/charts');
  await app.expectConnected();
  const pub = await startPublisher(mosquitto.mqttUrl, 100, [{ topic: 'mill/rpm', payload: (i) => String(1000 + i) }]);
  try {
    await addSeries(page, page.getByRole('button', { name: 'New chart' }), 'New chart', 'mill/rpm');
    const chart = page.getByRole('figure', { name: 'mill/rpm' });
    await expect.poll(() => drawnPoints(chart), { timeout: 10_000 }).toBeGreaterThan(5);

    await chart.getByRole('button', { name: 'Pause' }).click();
    await expect(chart.getByRole('button', { name: 'Resume' })).toBeVisible();
    const recording = chart.getByRole('status', { name: 'Recording' });
    await expect(recording).toHaveText(/^Paused/);
    const frozen = await drawnPoints(chart);
    const frozenLast = await legendRow(chart, /mill\/rpm/).getByRole('cell').first().textContent();

    // Data keeps being recorded while the view stays as it was.
    await expect
      .poll(async () => Number(/(\d+) new points/.exec((await recording.textContent()) ?? '')?.[1] ?? 0), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(15);
    expect(await drawnPoints(chart)).toBe(frozen);
    await expect(legendRow(chart, /mill\/rpm/).getByRole('cell').first()).toHaveText(frozenLast ?? '');

    await chart.getByRole('button', { name: 'Resume' }).click();
    await expect(chart.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(recording).toHaveText(/^Live/);
    // Everything recorded during the pause is drawn at once.
    await expect.poll(() => drawnPoints(chart), { timeout: 5_000 }).toBeGreaterThanOrEqual(frozen + 15);
    await expect(legendRow(chart, /mill\/rpm/).getByRole('cell').first()).not.toHaveText(frozenLast ?? '');
  } finally {
    await pub.stop();
  }
});

test('Export CSV holds the published values of every series with their times', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/charts');
  await app.expectConnected();
  // Seed both topics so the field picker can offer the JSON field.
  await mosquittoPub(mosquitto, 'farm/soil', JSON.stringify({ moisture: { pct: 0 } }));
  await addSeries(page, page.getByRole('button', { name: 'New chart' }), 'New chart', 'farm/soil', 'moisture.pct');
  const chart = page.getByRole('figure', { name: 'farm/soil · moisture.pct' });
  await addSeries(page, chart.getByRole('button', { name: 'Add series' }), 'Add series to farm/soil · moisture.pct', 'farm/air');

  const N = 20;
  const pub = await startPublisher(mosquitto.mqttUrl, 100, [
    { topic: 'farm/air', payload: (i) => `${i + 0.25} °C` },
    { topic: 'farm/soil', payload: (i) => JSON.stringify({ moisture: { pct: 40 + i } }) },
  ]);
  await expect.poll(() => pub.sent.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2 * N);
  await pub.stop();
  const sent = pub.sent.slice();
  await expect(legendRow(chart, /farm\/air/).getByRole('cell').nth(4)).toHaveText(String(sent.length / 2), { timeout: 10_000 });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    chart.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^farm-soil-moisture-pct-\d{8}-\d{6}\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = text.trim().split(/\r?\n/);
  expect(header).toBe('time,farm/soil › moisture.pct,farm/air');

  const parsed = rows.map((r) => {
    const [time, soil, air] = r.split(',');
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    return { t: Date.parse(time), soil, air };
  });
  for (let i = 1; i < parsed.length; i++) expect(parsed[i].t).toBeGreaterThanOrEqual(parsed[i - 1].t);

  // Every published value is there, in its own column, stamped close to when it was sent.
  const check = (topic: string, column: 'soil' | 'air', value: (p: string) => string) => {
    const cells = parsed.filter((r) => r[column] !== '');
    for (const s of sent.filter((x) => x.topic === topic)) {
      const row = cells.find((r) => r[column] === value(s.payload));
      expect(row, `${topic} ${s.payload} in the CSV`).toBeTruthy();
      expect(Math.abs(row!.t - s.time)).toBeLessThan(5_000);
    }
  };
  check('farm/air', 'air', (p) => String(parseFloat(p)));
  check('farm/soil', 'soil', (p) => String(JSON.parse(p).moisture.pct));
  // The seeded reading (backfilled from the topic's history) is exported too.
  expect(parsed.some((r) => r.soil === '0')).toBe(true);
});

test('on/off payloads chart as 0/1 and garbage is skipped and counted', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/charts');
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'hall/lamp', 'ON', { retain: true });
  await addSeries(page, page.getByRole('button', { name: 'New chart' }), 'New chart', 'hall/lamp');
  const chart = page.getByRole('figure', { name: 'hall/lamp' });
  const row = legendRow(chart, /hall\/lamp/);
  await expect(row.getByRole('cell').first()).toHaveText('on');

  await mosquittoPub(mosquitto, 'hall/lamp', 'off');
  await mosquittoPub(mosquitto, 'hall/lamp', 'not a number');
  await expect(row.getByRole('cell').first()).toHaveText('off');
  await expect(row.getByRole('cell').nth(1)).toHaveText('off'); // min
  await expect(row.getByRole('cell').nth(3)).toHaveText('on'); // max
  await expect(row).toContainText('1 skipped');
  await expect(row.getByRole('cell').nth(4)).toHaveText('2'); // points

  // Time window and removal.
  await chart.getByRole('radiogroup', { name: 'Time window' }).getByRole('radio', { name: '1 min' }).check();
  await expect(chart.getByRole('radio', { name: '1 min' })).toBeChecked();
  await chart.getByRole('button', { name: 'Remove chart' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove chart hall/lamp?' });
  await confirm.getByRole('button', { name: 'Remove chart' }).click();
  await expect(page.getByRole('figure')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No charts yet' })).toBeVisible();
});
