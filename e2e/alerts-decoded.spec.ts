// Alert rules on decoded payloads (issues 11 and 13) against a real Mosquitto: a threshold rule's
// JSON path names a Sparkplug B metric (encoded by the reference library, sparkplug-payload, sent
// by alias after a DBIRTH) or a MessagePack field (@msgpack/msgpack, Decode as MessagePack). Each
// fires once when its value crosses the limit; a DDATA without the metric is no problem.
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import mqtt from 'mqtt';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');
const spb = (p: unknown) => Buffer.from(sparkplug.encodePayload(p));
const BOILER = 'spBv1.0/factory/DDATA/line2/boiler';

async function addRule(page: Page, filter: string, jsonPath: string) {
  await page.getByRole('button', { name: 'Add alert rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add alert rule' });
  await dialog.getByLabel('Topic filter').fill(filter);
  await dialog.getByLabel('Value', { exact: true }).fill('30');
  await dialog.getByLabel('JSON path').fill(jsonPath);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

test('a threshold rule on a Sparkplug B metric and on a MessagePack field fires once', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const edge = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0, clientId: 'line2' });
  const send = (topic: string, payload: Buffer) => edge.publishAsync(topic, payload, { qos: 1 });
  const ddata = (seq: number, metrics: unknown[]) => send(BOILER, spb({ timestamp: Date.now(), seq, metrics }));
  try {
    // MessagePack on dev/boiler/mp: chosen in the Message panel's Decode as.
    await send('dev/boiler/mp', Buffer.from(msgpackEncode({ temperature: 20 })));
    await app.expandPath(['dev', 'boiler']);
    await app.treeItem('mp').click();
    const message = page.getByRole('region', { name: 'Message' });
    await message.getByLabel('Decode as').selectOption('MessagePack');
    await expect(message.getByLabel('Decoded payload')).toContainText('"temperature": 20');

    await page.getByRole('navigation').getByRole('link', { name: 'Alerts', exact: true }).click();
    await addRule(page, BOILER, 'Temperature');
    await addRule(page, 'dev/+/mp', 'temperature');
    const rules = page.getByRole('table', { name: 'Alert rules' });
    const spRule = rules.getByRole('row', { name: /spBv1\.0/ });
    const mpRule = rules.getByRole('row', { name: /dev\/\+\/mp/ });
    await expect(spRule).toContainText('Temperature above 30');

    const now = Date.now();
    await send('spBv1.0/factory/NBIRTH/line2', spb({ timestamp: now, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }));
    await send(
      'spBv1.0/factory/DBIRTH/line2/boiler',
      spb({ timestamp: now, seq: 1, metrics: [{ name: 'Temperature', alias: 1, type: 'Float', value: 20 }, { name: 'Pressure', alias: 2, type: 'Double', value: 1 }] }),
    );
    // DATA by alias only; the second has no Temperature (Sparkplug reports by exception).
    await ddata(2, [{ alias: 1, type: 'Float', value: 25 }]);
    await ddata(3, [{ alias: 2, type: 'Double', value: 1.5 }]);
    await expect(spRule).toContainText('OK');
    for (const [seq, v] of [[4, 31.5], [5, 33], [6, 32]]) await ddata(seq, [{ alias: 1, type: 'Float', value: v }]);
    for (const t of [25, 31, 32]) await send('dev/boiler/mp', Buffer.from(msgpackEncode({ temperature: t, ok: true })));

    const active = page.getByRole('status', { name: 'Active alerts' });
    await expect(active).toHaveText('2');
    const fired = page.getByRole('table', { name: 'Alert log' }).getByRole('row', { name: /Fired/ });
    await expect(fired).toHaveCount(2);
    await expect(fired.filter({ hasText: BOILER })).toContainText('31.5');
    await expect(fired.filter({ hasText: 'dev/boiler/mp' })).toContainText('31');
    await expect(spRule).toContainText('Firing');
    await expect(mpRule).toContainText('Firing');
    await expect(spRule).not.toContainText('JSON path');
    await page.screenshot({ path: test.info().outputPath('alerts-decoded.png') });
  } finally {
    await edge.endAsync();
  }
});
