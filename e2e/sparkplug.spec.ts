// The Sparkplug view (issue 13) against a real Mosquitto: an independent MQTT client in the test
// process plays the edge node, encoding real Sparkplug B with the reference library
// (sparkplug-payload, Eclipse Tahu's JavaScript encoder), and decodes the commands it receives
// with the same library.
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';
import mqtt, { type MqttClient } from 'mqtt';
import { test, expect } from './fixtures/test.ts';
import { axeFindings, switchTheme } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';

const require = createRequire(import.meta.url);
const sparkplug = (
  require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array; decodePayload(b: Uint8Array): { metrics?: { name?: string; type?: string; value?: unknown }[] } } }
).get('spBv1.0');
const spb = (p: unknown) => Buffer.from(sparkplug.encodePayload(p));

type Metric = { name?: string; alias?: number; type: string; value: unknown };

/** The edge node `plant/edge1`: publishes what it is told, and keeps every NCMD it receives (decoded). */
async function edgeNode(url: string) {
  const client: MqttClient = await mqtt.connectAsync(url, { reconnectPeriod: 0, clientId: 'edge1' });
  const commands: { name?: string; type?: string; value?: unknown }[][] = [];
  client.on('message', (_topic, payload) => commands.push(sparkplug.decodePayload(new Uint8Array(payload)).metrics ?? []));
  await client.subscribeAsync('spBv1.0/plant/NCMD/edge1', { qos: 0 });
  let seq = 0;
  const send = async (type: string, metrics: Metric[], device?: string) => {
    if (type === 'NBIRTH') seq = 0;
    const topic = `spBv1.0/plant/${type}/edge1${device ? `/${device}` : ''}`;
    const body = type === 'NDEATH' ? { timestamp: Date.now(), metrics } : { timestamp: Date.now(), seq: seq++ % 256, metrics };
    await client.publishAsync(topic, spb(body), { qos: 1 });
  };
  return {
    client,
    commands,
    send,
    /** Skips `n` seq numbers (messages "lost" on the way). */
    lose: (n: number) => (seq += n),
    birth: async (bdSeq = 0) => send('NBIRTH', [{ name: 'bdSeq', type: 'UInt64', value: bdSeq }, { name: 'Node Control/Rebirth', type: 'Boolean', value: false }, { name: 'Uptime', type: 'Int64', value: 12 }]),
    end: () => client.endAsync(),
  };
}

const PUMP_BIRTH: Metric[] = [
  { name: 'Pressure', alias: 1, type: 'Float', value: 1.25 },
  { name: 'Running', alias: 2, type: 'Boolean', value: false },
  { name: 'Count', alias: 3, type: 'Int32', value: -7 },
  { name: 'Label', alias: 4, type: 'String', value: '<b>pump</b>' },
];

async function openSparkplug(page: Page, url: string) {
  const app = new AppPage(page);
  await app.open(url);
  await app.expectConnected();
  await page.getByRole('navigation').getByRole('link', { name: 'Sparkplug', exact: true }).click();
  return page.getByRole('tree', { name: 'Sparkplug' });
}

/** The Details region's Metrics rows as [Name, Alias, Type, Value]. */
async function metricRows(details: Locator) {
  return details
    .getByRole('table', { name: 'Metrics' })
    .getByRole('row')
    .evaluateAll((trs) => trs.slice(1).map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent).slice(0, 4)));
}

test('groups, edge nodes and devices with metrics by name; a device dies and is reborn with other aliases; NDEATH takes all offline', async ({ page, mosquitto }) => {
  const tree = await openSparkplug(page, mosquitto.wsUrl);
  await expect(page.getByRole('heading', { name: 'No Sparkplug B edge nodes yet' })).toBeVisible();
  const edge = await edgeNode(mosquitto.mqttUrl);
  try {
    await edge.birth(7);
    await edge.send('DBIRTH', PUMP_BIRTH, 'pump');
    await edge.send('DBIRTH', [{ name: 'Open', alias: 1, type: 'Boolean', value: true }], 'valve');
    // DATA by alias only: the names come from the DBIRTH.
    await edge.send('DDATA', [{ alias: 1, type: 'Float', value: 2.5 }, { alias: 2, type: 'Boolean', value: true }, { alias: 3, type: 'Int32', value: -42 }], 'pump');
    await edge.client.publishAsync('spBv1.0/STATE/scada1', JSON.stringify({ online: true, timestamp: Date.now() }), { qos: 1, retain: true });

    const node = tree.getByRole('treeitem', { name: 'edge1', exact: true });
    const pump = tree.getByRole('treeitem', { name: 'pump', exact: true });
    await expect(tree.getByRole('treeitem', { name: 'plant', exact: true })).toHaveAttribute('aria-expanded', 'true');
    await expect(node).toHaveAccessibleDescription(/Online/);
    await expect(pump).toHaveAccessibleDescription(/^Online/);
    await expect(tree.getByRole('treeitem', { name: 'valve', exact: true })).toHaveAccessibleDescription(/^Online/);
    await expect(page.getByRole('list', { name: 'Host applications' })).toContainText(/scada1\s*●?\s*Online/);

    // The edge node is shown first: its own metrics and its bdSeq.
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details.getByRole('heading', { name: 'plant / edge1' })).toBeVisible();
    await expect(details.getByRole('definition').filter({ hasText: /^7$/ })).toBeVisible(); // bdSeq
    await expect.poll(() => metricRows(details)).toEqual([
      ['bdSeq', '—', 'UInt64', '7'],
      ['Node Control/Rebirth', '—', 'Boolean', 'false'],
      ['Uptime', '—', 'Int64', '12'],
    ]);

    await pump.click();
    await expect(details.getByRole('heading', { name: 'plant / edge1 / pump' })).toBeVisible();
    await expect.poll(() => metricRows(details)).toEqual([
      ['Pressure', '1', 'Float', '2.5'],
      ['Running', '2', 'Boolean', 'true'],
      ['Count', '3', 'Int32', '-42'],
      ['Label', '4', 'String', '<b>pump</b>'],
    ]);

    // The device dies...
    await edge.send('DDEATH', [], 'pump');
    await expect(pump).toHaveAccessibleDescription(/^Offline/);
    await expect(details.getByRole('definition').first()).toContainText(/^○ Offline since /); // State
    // ... and is reborn with other aliases (Pressure is 7 now, alias 1 is a new Temperature); DATA by alias follows the new names.
    await edge.send('DBIRTH', [{ name: 'Temperature', alias: 1, type: 'Double', value: 40 }, { name: 'Pressure', alias: 7, type: 'Float', value: 3 }], 'pump');
    await edge.send('DDATA', [{ alias: 1, type: 'Double', value: 41.5 }, { alias: 7, type: 'Float', value: 3.5 }], 'pump');
    await expect(pump).toHaveAccessibleDescription(/^Online/);
    await expect.poll(() => metricRows(details)).toEqual([
      ['Temperature', '1', 'Double', '41.5'],
      ['Pressure', '7', 'Float', '3.5'],
    ]);

    // Three messages lost on the way: the edge node is flagged, in the tree and in its details.
    edge.lose(3);
    await edge.send('DDATA', [{ alias: 7, type: 'Float', value: 4 }], 'pump');
    await expect(node).toHaveAccessibleDescription(/3 missed/);
    await node.click();
    await expect(details.getByRole('status').filter({ hasText: '3 messages missed — request a rebirth' })).toBeVisible();

    // NDEATH (its bdSeq matching the NBIRTH's): the edge node and every device offline.
    await edge.send('NDEATH', [{ name: 'bdSeq', type: 'UInt64', value: 7 }]);
    await expect(node).toHaveAccessibleDescription(/^Offline/);
    await expect(pump).toHaveAccessibleDescription(/^Offline/);
    await expect(tree.getByRole('treeitem', { name: 'valve', exact: true })).toHaveAccessibleDescription(/^Offline/);
  } finally {
    await edge.end();
  }
});

test('Request rebirth, from the Sparkplug view and from the Message panel, reaches the edge node as Node Control/Rebirth = true', async ({ page, mosquitto }) => {
  const tree = await openSparkplug(page, mosquitto.wsUrl);
  const edge = await edgeNode(mosquitto.mqttUrl);
  try {
    await edge.birth();
    await edge.send('DBIRTH', PUMP_BIRTH, 'pump');
    await tree.getByRole('treeitem', { name: 'pump', exact: true }).click();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('button', { name: 'Request rebirth' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request rebirth' });
    // The confirmation names the edge node and the broker.
    await expect(dialog).toContainText('plant/edge1');
    await expect(dialog).toContainText(mosquitto.wsUrl);
    expect(edge.commands).toEqual([]);
    await dialog.getByRole('button', { name: 'Request rebirth' }).click();
    await expect(dialog).toBeHidden();
    await expect(details.getByRole('status').filter({ hasText: /^Rebirth requested at \d\d:\d\d:\d\d$/ })).toBeVisible();
    await expect.poll(() => edge.commands).toEqual([[{ name: 'Node Control/Rebirth', type: 'Boolean', value: true, timestamp: expect.anything() }]]);

    // The Message panel of one of the edge node's topics offers it too.
    await page.getByRole('navigation').getByRole('link', { name: 'Explorer', exact: true }).click();
    const app = new AppPage(page);
    await app.expandPath(['spBv1.0', 'plant', 'DBIRTH', 'edge1']);
    await app.treeItem('pump').first().click();
    const message = page.getByRole('region', { name: 'Message' });
    await expect(message.getByRole('table', { name: 'Metrics' })).toBeVisible();
    await message.getByRole('button', { name: 'Request rebirth' }).click();
    await page.getByRole('dialog', { name: 'Request rebirth' }).getByRole('button', { name: 'Request rebirth' }).click();
    await expect.poll(() => edge.commands.length).toBe(2);
    expect(edge.commands[1]).toMatchObject([{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }]);
  } finally {
    await edge.end();
  }
});

/** Points drawn, as the plot's text alternative says ("… 123 points drawn from …"). */
async function drawnPoints(figure: Locator): Promise<number> {
  const label = (await figure.getByRole('img', { name: /points drawn|no data/ }).getAttribute('aria-label')) ?? '';
  return Number(/(\d+) points drawn/.exec(label)?.[1] ?? 0);
}

test('Chart this metric makes a chart by name that keeps growing across a rebirth with other aliases', async ({ page, mosquitto }) => {
  const tree = await openSparkplug(page, mosquitto.wsUrl);
  const edge = await edgeNode(mosquitto.mqttUrl);
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    await edge.birth();
    await edge.send('DBIRTH', PUMP_BIRTH, 'pump');
    await tree.getByRole('treeitem', { name: 'pump', exact: true }).click();
    const details = page.getByRole('region', { name: 'Details' });
    // Only numbers and Booleans can be charted.
    await expect(details.getByRole('row', { name: /^Label/ }).getByRole('button', { name: 'Chart this metric' })).toHaveCount(0);
    await details.getByRole('row', { name: /^Pressure/ }).getByRole('button', { name: 'Chart this metric' }).click();
    await expect(page).toHaveURL(/\/charts#/);
    const chart = page.getByRole('figure', { name: 'plant/edge1/pump · Pressure' });
    await expect(chart).toBeVisible();

    let value = 1;
    let alias = 1;
    timer = setInterval(() => void edge.send('DDATA', [{ alias, type: 'Float', value: (value += 0.5) }], 'pump').catch(() => {}), 100);
    await expect.poll(() => drawnPoints(chart), { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    // Reborn: Pressure is alias 9 now (alias 1 is something else); the chart follows the name.
    clearInterval(timer);
    await edge.send('DBIRTH', [{ name: 'Other', alias: 1, type: 'Float', value: -1000 }, { name: 'Pressure', alias: 9, type: 'Float', value }], 'pump');
    const before = await drawnPoints(chart);
    alias = 9;
    timer = setInterval(() => void edge.send('DDATA', [{ alias: 1, type: 'Float', value: -1000 }, { alias, type: 'Float', value: (value += 0.5) }], 'pump').catch(() => {}), 100);
    await expect.poll(() => drawnPoints(chart), { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 5);
    // Every point is Pressure (rising from 1.5), none of them the other metric's -1000.
    await expect(chart.getByRole('table', { name: 'Legend' }).getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('1.5'); // Min

    // The Message panel's Metrics table offers it too, and opens the same chart.
    await page.getByRole('navigation').getByRole('link', { name: 'Explorer', exact: true }).click();
    const app = new AppPage(page);
    await app.expandPath(['spBv1.0', 'plant', 'DDATA', 'edge1']);
    await app.treeItem('pump').first().click();
    const message = page.getByRole('region', { name: 'Message' });
    await message.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /^Pressure/ }).getByRole('button', { name: 'Chart this metric' }).click();
    await expect(page.getByRole('figure')).toHaveCount(1);
    await expect(chart).toBeVisible();
  } finally {
    clearInterval(timer);
    await edge.end();
  }
});

test('axe finds nothing serious or critical in the Sparkplug view and its rebirth dialog, light and dark', async ({ page, mosquitto }) => {
  test.setTimeout(60_000);
  const tree = await openSparkplug(page, mosquitto.wsUrl);
  const edge = await edgeNode(mosquitto.mqttUrl);
  try {
    await edge.birth();
    await edge.send('DBIRTH', PUMP_BIRTH, 'pump');
    await edge.send('DDATA', [{ alias: 1, type: 'Float', value: 2 }], 'pump');
    edge.lose(2);
    await edge.send('DDATA', [{ alias: 1, type: 'Float', value: 3 }], 'pump');
    await edge.send('DDEATH', [], 'pump');
    await edge.send('DBIRTH', [{ name: 'Open', alias: 1, type: 'Boolean', value: true }], 'valve');
    await edge.client.publishAsync('spBv1.0/STATE/scada1', JSON.stringify({ online: false, timestamp: Date.now() }), { qos: 1 });
    await expect(tree.getByRole('treeitem', { name: 'edge1', exact: true })).toHaveAccessibleDescription(/2 missed/);
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await switchTheme(page, theme);
      await tree.getByRole('treeitem', { name: 'edge1', exact: true }).click();
      found.push(...(await axeFindings(page, 'Sparkplug edge node', theme)));
      await tree.getByRole('treeitem', { name: 'pump', exact: true }).click();
      await expect(page.getByRole('region', { name: 'Details' }).getByRole('heading', { name: 'plant / edge1 / pump' })).toBeVisible();
      found.push(...(await axeFindings(page, 'Sparkplug device', theme)));
      await page.getByRole('region', { name: 'Details' }).getByRole('button', { name: 'Request rebirth' }).click();
      found.push(...(await axeFindings(page, 'Request rebirth dialog', theme)));
      await page.getByRole('dialog', { name: 'Request rebirth' }).getByRole('button', { name: 'Cancel' }).click();
    }
    expect(found).toEqual([]);
  } finally {
    await edge.end();
  }
});

test('with the Sparkplug link the navigation still fits a 600 px high window: the rail scrolls, not the page', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 600 });
  const app = new AppPage(page);
  await app.open();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Sparkplug', exact: true })).toBeVisible();
  // The page itself never scrolls (the header would go with it); the last link is reached in the rail.
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
  const last = nav.getByRole('link').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await expect(page.getByRole('banner')).toBeInViewport();
});
