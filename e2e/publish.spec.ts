// Publish panel, checked on the wire: an independent mqtt.js subscriber (MQTT 5) sees what the
// app published on a real Mosquitto.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { mosquittoPub, subscribeCollect } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';

/** The Publish region and its fields, by accessible name. */
function publishPanel(page: Page) {
  const region = page.getByRole('region', { name: 'Publish' });
  return {
    region,
    topic: region.getByLabel('Topic', { exact: true }),
    payload: region.getByLabel('Payload', { exact: true }),
    format: region.getByLabel('Format', { exact: true }),
    qos: (q: 0 | 1 | 2) => region.getByRole('radiogroup', { name: 'QoS' }).getByRole('radio', { name: String(q), exact: true }),
    retain: region.getByRole('checkbox', { name: 'Retain', exact: true }),
    publish: region.getByRole('button', { name: 'Publish', exact: true }),
    result: page.getByRole('status', { name: 'Publish result' }),
    history: page.getByRole('list', { name: 'Publish history' }),
  };
}

async function openPublish(page: Page, wsUrl: string) {
  const app = new AppPage(page);
  await app.open(wsUrl, '/publish');
  // Generous: the machine is shared and the first page load includes the worker.
  await app.expectConnected(20_000);
  return { app, p: publishPanel(page) };
}

async function fill(p: ReturnType<typeof publishPanel>, topic: string, payload: string, qos: 0 | 1 | 2 = 0, retain = false) {
  await p.topic.fill(topic);
  await p.payload.fill(payload);
  await p.qos(qos).check();
  await p.retain.setChecked(retain);
}

const bytesOf = (b: Buffer) => Array.from(b);

/**
 * An MQTT 5 subscriber with "retain as published", so live deliveries keep the retain flag the
 * app set. (Mosquitto only updates the QoS of an existing subscription, hence unsubscribe first.)
 */
async function retainAsPublished(url: string, filter: string) {
  const sub = await subscribeCollect(url, filter, { protocolVersion: 5, qos: 2 });
  await sub.client.unsubscribeAsync(filter);
  await sub.client.subscribeAsync(filter, { qos: 2, rap: true });
  return sub;
}

test('QoS 0, 1 and 2 arrive with their QoS and retain flag, and each outcome is shown', async ({ page, mosquitto }) => {
  const sub = await retainAsPublished(mosquitto.mqttUrl, 'qos/#');
  const { p } = await openPublish(page, mosquitto.wsUrl);

  await fill(p, 'qos/zero', 'q0', 0, false);
  await p.publish.click();
  await expect(p.result).toContainText('Sent to qos/zero');
  const m0 = await sub.waitFor((m) => m.topic === 'qos/zero');

  await fill(p, 'qos/one', 'q1', 1, true);
  await p.publish.click();
  await expect(p.result).toContainText('Acknowledged by the broker (PUBACK) for qos/one');
  const m1 = await sub.waitFor((m) => m.topic === 'qos/one');

  await fill(p, 'qos/two', 'q2', 2, false);
  await page.getByLabel('Payload', { exact: true }).press('Control+Enter');
  await expect(p.result).toContainText('Acknowledged by the broker (PUBCOMP) for qos/two');
  const m2 = await sub.waitFor((m) => m.topic === 'qos/two');

  expect([m0.text, m0.qos, m0.retain]).toEqual(['q0', 0, false]);
  expect([m1.text, m1.qos, m1.retain]).toEqual(['q1', 1, true]);
  expect([m2.text, m2.qos, m2.retain]).toEqual(['q2', 2, false]);
  await expect(p.history.getByRole('listitem')).toHaveCount(3);
  await sub.close();
});

test('a retained publish reaches a subscriber that connects afterwards; clearing it asks first', async ({ page, mosquitto }) => {
  const { p } = await openPublish(page, mosquitto.wsUrl);
  await fill(p, 'cfg/device1', '{"interval_ms": 5000}', 1, true);
  await p.format.selectOption('json');
  await p.publish.click();
  await expect(p.result).toContainText('PUBACK');

  const late = await subscribeCollect(mosquitto.mqttUrl, 'cfg/#', { protocolVersion: 5, qos: 2 });
  const m = await late.waitFor((x) => x.topic === 'cfg/device1');
  expect([m.text, m.retain, m.qos]).toEqual(['{"interval_ms": 5000}', true, 1]);
  await late.close();

  // Clear it from here: a dialog says exactly what happens; Cancel sends nothing.
  await page.getByRole('button', { name: 'Clear retained message', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the retained message?' });
  await expect(dialog).toContainText('cfg/device1');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Clear retained message', exact: true }).click();
  await page.getByRole('button', { name: 'Clear retained message on cfg/device1' }).click();
  await expect(p.result).toContainText('PUBACK');
  // What was typed is still there.
  await expect(p.payload).toHaveValue('{"interval_ms": 5000}');

  await mosquittoPub(mosquitto, 'cfg/marker', 'm', { retain: true });
  const after = await subscribeCollect(mosquitto.mqttUrl, 'cfg/#', { protocolVersion: 5, qos: 2 });
  await after.waitFor((x) => x.topic === 'cfg/marker');
  expect(after.messages.map((x) => x.topic)).toEqual(['cfg/marker']);
  await after.close();
});

test('JSON, hex and base64 are sent as exactly the bytes they describe', async ({ page, mosquitto }) => {
  const sub = await subscribeCollect(mosquitto.mqttUrl, 'fmt/#', { protocolVersion: 5, qos: 2 });
  const { p } = await openPublish(page, mosquitto.wsUrl);

  await p.format.selectOption('json');
  await fill(p, 'fmt/json', '{\n  "n": 1.50,\n  "s": "é"\n}', 1);
  await p.region.getByRole('button', { name: 'Minify' }).click();
  await expect(p.payload).toHaveValue('{"n":1.50,"s":"é"}');
  await p.publish.click();
  await expect(p.result).toContainText('PUBACK');
  expect(bytesOf((await sub.waitFor((m) => m.topic === 'fmt/json')).payload)).toEqual(bytesOf(Buffer.from('{"n":1.50,"s":"é"}')));

  await p.format.selectOption('hex');
  await fill(p, 'fmt/hex', 'de ad 00 be ef ff', 1);
  await p.publish.click();
  await expect(p.result).toContainText('fmt/hex');
  expect(bytesOf((await sub.waitFor((m) => m.topic === 'fmt/hex')).payload)).toEqual([0xde, 0xad, 0x00, 0xbe, 0xef, 0xff]);

  await p.format.selectOption('base64');
  await fill(p, 'fmt/b64', 'AAEC/w==', 2);
  await p.publish.click();
  await expect(p.result).toContainText('PUBCOMP');
  expect(bytesOf((await sub.waitFor((m) => m.topic === 'fmt/b64')).payload)).toEqual([0, 1, 2, 255]);

  // Switching format converts the same bytes; the note offers to keep the text as typed.
  await p.format.selectOption('hex');
  await expect(p.payload).toHaveValue('00 01 02 ff');
  await p.payload.fill('hello');
  await p.format.selectOption('text');
  await expect(p.payload).toHaveValue('hello');
  await expect(p.region.getByText('Payload kept as typed')).toBeVisible();
  // Typed hex while the format was still Text: switching converts, "Keep text as typed" undoes that.
  await p.payload.fill('ca fe');
  await p.format.selectOption('hex');
  await expect(p.payload).toHaveValue('63 61 20 66 65');
  await p.region.getByRole('button', { name: 'Keep text as typed' }).click();
  await expect(p.payload).toHaveValue('ca fe');
  await expect(p.format).toHaveValue('hex');
  await p.topic.fill('fmt/kept');
  await p.publish.click();
  expect(bytesOf((await sub.waitFor((m) => m.topic === 'fmt/kept')).payload)).toEqual([0xca, 0xfe]);
  await sub.close();
});

test('invalid JSON, hex and base64 are refused with the position, and what was typed stays', async ({ page, mosquitto }) => {
  const sub = await subscribeCollect(mosquitto.mqttUrl, '#', { protocolVersion: 5, qos: 2 });
  const { p } = await openPublish(page, mosquitto.wsUrl);
  const cases: [string, string, RegExp][] = [
    ['json', '{"a": 1,\n "b": }', /Invalid JSON: .*line 2, column 7/],
    ['hex', 'de ad g0', /Invalid hex character 'g' at position 7/],
    ['base64', 'AAE*', /Invalid base64 character '\*' at position 4/],
  ];
  for (const [format, payload, message] of cases) {
    await p.format.selectOption(format);
    await fill(p, 'bad/payload', payload, 1);
    await p.publish.click();
    await expect(p.region.getByRole('alert')).toHaveText(message);
    await expect(p.payload).toHaveAttribute('aria-invalid', 'true');
    await expect(p.payload).toHaveValue(payload);
  }
  // Fixing it clears the alert; the sentinel proves the subscriber saw nothing before it.
  await p.payload.fill('AAE=');
  await expect(p.region.getByRole('alert')).toHaveCount(0);
  await p.topic.fill('bad/sentinel');
  await p.publish.click();
  await sub.waitFor((m) => m.topic === 'bad/sentinel');
  expect(sub.messages.map((m) => m.topic)).toEqual(['bad/sentinel']);
  await sub.close();
});

test('invalid topics are refused with an alert and nothing reaches a subscriber on #', async ({ page, mosquitto }) => {
  const sub = await subscribeCollect(mosquitto.mqttUrl, '#', { protocolVersion: 5, qos: 2 });
  const { p } = await openPublish(page, mosquitto.wsUrl);
  await p.payload.fill('should not arrive');
  const cases: [string, RegExp][] = [
    ['', /must not be empty/],
    ['home/+/lamp', /Wildcards \+ and # are not allowed/],
    ['home/#', /Wildcards \+ and # are not allowed/],
    ['nul\u0000char', /must not contain the NUL character/],
    ['t'.repeat(65_536), /too long: 65536 bytes, at most 65535/],
  ];
  for (const [topic, message] of cases) {
    await p.topic.fill(topic);
    await p.publish.click();
    const alert = p.region.getByRole('alert');
    await expect(alert).toHaveText(message);
    await expect(p.topic).toHaveAttribute('aria-invalid', 'true');
    await expect(p.topic).toBeFocused();
    await expect(p.payload).toHaveValue('should not arrive');
  }
  await p.topic.fill('ok/sentinel');
  await expect(p.region.getByRole('alert')).toHaveCount(0);
  await p.publish.click();
  await sub.waitFor((m) => m.topic === 'ok/sentinel');
  expect(sub.messages.map((m) => m.topic)).toEqual(['ok/sentinel']);
  await sub.close();
});

test('a $ topic asks for confirmation; Cancel sends nothing', async ({ page, mosquitto }) => {
  const sub = await subscribeCollect(mosquitto.mqttUrl, '$custom/#', { protocolVersion: 5, qos: 2 });
  const { p } = await openPublish(page, mosquitto.wsUrl);
  await fill(p, '$custom/x', 'reserved', 1);
  await p.publish.click();
  const dialog = page.getByRole('dialog', { name: 'Publish to a reserved topic?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(p.result).toBeEmpty();

  await p.publish.click();
  await page.getByRole('button', { name: 'Publish to $custom/x' }).click();
  // Whatever the broker makes of it, the user is told (acknowledged or refused): never silence.
  await expect(page.getByText(/Acknowledged by the broker|Refused by the broker|Not sent/)).toBeVisible();
  await sub.close();
});

test('MQTT 5 properties arrive at an MQTT 5 subscriber', async ({ page, mosquitto }) => {
  const sub = await subscribeCollect(mosquitto.mqttUrl, 'props/#', { protocolVersion: 5, qos: 2 });
  const { p } = await openPublish(page, mosquitto.wsUrl);
  await fill(p, 'props/cmd', '{"state":"ON"}', 1);
  const disclosure = p.region.getByRole('button', { name: 'Properties' });
  await expect(disclosure).toHaveAttribute('aria-expanded', 'false');
  await disclosure.click();
  await expect(disclosure).toHaveAttribute('aria-expanded', 'true');
  await p.region.getByLabel('Content type').fill('application/json');
  await p.region.getByLabel('Message expiry interval').fill('120');
  await p.region.getByLabel('Response topic').fill('props/reply');
  await p.region.getByLabel('Correlation data').fill('req-7');
  await p.region.getByRole('checkbox', { name: 'Payload format indicator' }).check();
  for (const [k, v] of [['site', 'north'], ['tag', 'a'], ['tag', 'b']]) {
    await p.region.getByRole('button', { name: 'Add user property' }).click();
    const n = await p.region.getByRole('textbox', { name: /^User property \d+ name$/ }).count();
    await p.region.getByLabel(`User property ${n} name`).fill(k);
    await p.region.getByLabel(`User property ${n} value`).fill(v);
  }
  await p.publish.click();
  await expect(p.result).toContainText('PUBACK');
  const m = await sub.waitFor((x) => x.topic === 'props/cmd');
  const props = m.packet.properties ?? {};
  expect(props.contentType).toBe('application/json');
  expect(props.responseTopic).toBe('props/reply');
  expect(Buffer.from(props.correlationData ?? []).toString()).toBe('req-7');
  expect(props.payloadFormatIndicator).toBe(true);
  expect(props.messageExpiryInterval).toBeGreaterThan(100);
  expect(props.userProperties).toEqual({ site: 'north', tag: ['a', 'b'] });
  await sub.close();
});

test('reusing a history entry republishes the same message', async ({ page, mosquitto }) => {
  const sub = await retainAsPublished(mosquitto.mqttUrl, 'again/#');
  const { p } = await openPublish(page, mosquitto.wsUrl);
  await p.format.selectOption('hex');
  await fill(p, 'again/bin', '01 02 fe', 2, true);
  await p.publish.click();
  await expect(p.result).toContainText('PUBCOMP');

  await p.format.selectOption('text');
  await fill(p, 'again/other', 'something else', 0, false);
  await p.publish.click();
  await expect(p.history.getByRole('listitem')).toHaveCount(2);

  await p.history.getByRole('listitem').filter({ hasText: 'again/bin' }).getByRole('button', { name: 'Reuse' }).click();
  await expect(p.topic).toHaveValue('again/bin');
  await expect(p.format).toHaveValue('hex');
  await expect(p.qos(2)).toBeChecked();
  await expect(p.retain).toBeChecked();
  await p.publish.click();
  await expect(p.history.getByRole('listitem')).toHaveCount(3);

  await expect.poll(() => sub.messages.filter((m) => m.topic === 'again/bin').length).toBe(2);
  const [first, second] = sub.messages.filter((m) => m.topic === 'again/bin');
  expect([bytesOf(second.payload), second.qos, second.retain]).toEqual([bytesOf(first.payload), 2, true]);
  expect(bytesOf(first.payload)).toEqual([1, 2, 0xfe]);
  await sub.close();
});

test('templates and the draft survive a reload', async ({ page, mosquitto }) => {
  const { app, p } = await openPublish(page, mosquitto.wsUrl);
  await fill(p, 'home/office/lamp', 'on', 1, false);
  await page.getByRole('button', { name: 'Save as template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as template' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Give the template a name');
  await dialog.getByLabel('Template name').fill('Lamp on');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await p.payload.fill('draft in progress');

  await page.reload();
  await app.expectConnected(20_000);
  await expect(p.payload).toHaveValue('draft in progress');
  await page.getByRole('button', { name: 'Use template Lamp on' }).click();
  await expect(p.topic).toHaveValue('home/office/lamp');
  await expect(p.payload).toHaveValue('on');
  await expect(p.qos(1)).toBeChecked();

  await page.getByRole('button', { name: 'Delete Lamp on' }).click();
  await page.getByRole('button', { name: 'Delete template Lamp on' }).click();
  await expect(page.getByRole('button', { name: 'Use template Lamp on' })).toHaveCount(0);
});

test('while disconnected: QoS 0 is refused, QoS 1 is queued only when asked, can be cancelled, and goes out on reconnect', async ({ page, mosquitto }) => {
  test.setTimeout(90_000);
  const { app, p } = await openPublish(page, mosquitto.wsUrl);
  await mosquitto.stop();
  await expect(app.status).toHaveText(/^(Reconnecting|Connecting|Disconnected|Error)/, { timeout: 15_000 });

  await fill(p, 'offline/zero', 'nope', 0);
  await p.publish.click();
  await expect(p.region.getByRole('alert')).toContainText('Not connected: nothing was sent');
  await expect(p.region.getByRole('button', { name: 'Queue until connected' })).toHaveCount(0);

  await fill(p, 'offline/keep', 'kept', 1, true);
  await p.publish.click();
  await expect(p.region.getByRole('alert')).toContainText('Not connected');
  await p.region.getByRole('button', { name: 'Queue until connected' }).click();
  await fill(p, 'offline/cancelled', 'dropped', 1, true);
  await p.publish.click();
  await p.region.getByRole('button', { name: 'Queue until connected' }).click();

  const queue = page.getByRole('list', { name: 'Queued messages' });
  await expect(queue.getByRole('listitem')).toHaveCount(2);
  await expect(queue).toContainText('pending');
  await queue.getByRole('listitem').filter({ hasText: 'offline/cancelled' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(queue.getByRole('listitem')).toHaveCount(1);

  await mosquitto.restart();
  await app.expectConnected(45_000);
  await expect(page.getByRole('list', { name: 'Queued messages' })).toHaveCount(0, { timeout: 10_000 });
  await expect(p.result).toContainText('PUBACK');

  // Both were retained: a subscriber now sees exactly the one that was not cancelled.
  await mosquittoPub(mosquitto, 'offline/marker', 'm', { retain: true });
  const sub = await subscribeCollect(mosquitto.mqttUrl, 'offline/#', { protocolVersion: 5, qos: 2 });
  await sub.waitFor((m) => m.topic === 'offline/marker');
  await sub.waitFor((m) => m.topic === 'offline/keep');
  expect(sub.messages.map((m) => m.topic).sort()).toEqual(['offline/keep', 'offline/marker']);
  await sub.close();
});
