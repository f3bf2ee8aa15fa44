// What an MQTT 5 broker announces in its CONNACK shows under "Broker capabilities", and the UI
// follows it: no retain where the broker keeps none, nothing above its Maximum Packet Size
// leaves the page. Also: shared subscriptions in a profile.
import { test, expect } from './fixtures/test.ts';
import { startMosquitto, subscribeCollect, mosquittoPub } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';
import type { Locator } from '@playwright/test';

function detail(scope: Locator, term: string): Locator {
  return scope.getByText(term, { exact: true }).locator('xpath=following-sibling::dd[1]');
}

test('broker capabilities: shown from the CONNACK; Retain and QoS 2 disabled with the reason; a message above Maximum Packet Size refused before sending', async ({ page }) => {
  const broker = await startMosquitto({ extraConfig: 'max_packet_size 1000\nretain_available false\nmax_qos 1\nmax_keepalive 20' });
  const sub = await subscribeCollect(broker.mqttUrl, 'cap/#');
  try {
    const app = new AppPage(page);
    await app.open(broker.wsUrl);
    await app.expectConnected();
    await app.openConnections();
    const details = page.getByRole('region', { name: 'Connection details' });
    await expect(detail(details, 'Connected to')).toHaveText(broker.wsUrl);
    await expect(detail(details, 'Protocol')).toHaveText('MQTT 5');
    const caps = details.getByRole('region', { name: 'Broker capabilities' });
    await expect(detail(caps, 'Maximum QoS')).toHaveText('1');
    await expect(detail(caps, 'Retain available')).toHaveText('no');
    await expect(detail(caps, 'Maximum packet size')).toHaveText('1,000 bytes');
    await expect(detail(caps, 'Server keep alive')).toHaveText('20 s (we asked for 30 s)');
    await expect(detail(caps, 'Granted QoS')).toHaveText('at most 1 (asked for 2)');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Publish' }).click();
    const region = page.getByRole('region', { name: 'Publish' });
    const retain = region.getByRole('checkbox', { name: 'Retain', exact: true });
    await expect(retain).toBeDisabled();
    await expect(retain).not.toBeChecked();
    await expect(retain).toHaveAccessibleDescription(/does not keep retained messages/);

    const qos2 = region.getByRole('radiogroup', { name: 'QoS' }).getByRole('radio', { name: '2', exact: true });
    await expect(qos2).toBeDisabled();
    await expect(qos2).toHaveAccessibleDescription('This broker takes QoS up to 1 (Maximum QoS in its CONNACK).');
    await expect(region.getByRole('radiogroup', { name: 'QoS' }).getByRole('radio', { name: '1', exact: true })).toBeEnabled();

    const payload = region.getByLabel('Payload', { exact: true });
    await region.getByLabel('Topic', { exact: true }).fill('cap/big');
    await payload.fill('x'.repeat(2000));
    await region.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(payload).toHaveAccessibleDescription(/Too large for this broker: the message would be 2,0\d\d bytes on the wire, and the broker accepts at most 1,000/);
    await expect(region.getByRole('alert')).toContainText('Nothing was sent');

    // A message that fits goes out, and the connection stayed up throughout.
    await payload.fill('small');
    await region.getByRole('button', { name: 'Publish', exact: true }).click();
    await sub.waitFor((m) => m.topic === 'cap/small' || (m.topic === 'cap/big' && m.text === 'small'));
    expect(sub.messages.filter((m) => m.text.length > 1000)).toHaveLength(0);
    await expect(app.status).toHaveText('Connected');
  } finally {
    await sub.close();
    await broker.stop();
    await broker.remove();
  }
});

test('shared subscriptions: accepted in the profile, bad ones explained, messages land under their real topic, and the Message panel names the shared subscription they came through', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  const form = await app.openConnections();
  const subs = form.getByLabel('Subscriptions');
  await subs.fill('$share/+/plant/#');
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(subs).toHaveAccessibleDescription(/group name must not contain \+ or #/);
  await subs.fill('$share/consoles/plant/#');
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await app.expectConnected();
  await mosquittoPub(mosquitto, 'plant/line1/temp', '21.5');
  await app.expandPath(['plant', 'line1']);
  await expect(app.treeItem('temp')).toHaveAccessibleDescription(/21\.5/);
  await expect(app.treeItem('$share')).toHaveCount(0);
  // The Message panel names the source: the shared subscription and its group.
  await app.treeItem('temp').click();
  const via = page.getByRole('region', { name: 'Message' }).getByText('Received through', { exact: true }).locator('xpath=following-sibling::dd[1]');
  await expect(via).toHaveText('$share/consoles/plant/# (shared subscription, group consoles)');
  await app.openConnections();
  await expect(page.getByRole('list', { name: 'Granted by the broker' })).toContainText('$share/consoles/plant/#');
});
