// A kept session (Clean start off) whose PUBACK for a QoS 1 message never reached Mosquitto: after
// the reconnect the broker sends that message again with DUP set. It was shown already, so it must
// not be shown, counted or kept in the History a second time; a new message with the same payload
// (no DUP) still is. (src/mqtt/qos1-redelivery.ts)
import mqtt from 'mqtt';
import { test, expect } from './fixtures/test.ts';
import { startTcpProxy } from './fixtures/tcp-proxy.ts';
import { AppPage } from './pages/app-page.ts';
import { historyPayloads } from './pages/history.ts';

for (const version of ['5', '3.1.1'] as const) {
  test(`kept session (MQTT ${version}): a QoS 1 message whose PUBACK was lost is sent again with DUP after the reconnect and shown once`, async ({ page, mosquitto }) => {
    const proxy = await startTcpProxy(mosquitto.wsPort);
    const device = await mqtt.connectAsync(mosquitto.mqttUrl, { clientId: 'redeliver-device' });
    try {
      const app = new AppPage(page);
      await app.open(proxy.wsUrl);
      await app.expectConnected();
      const form = await app.openConnections();
      await form.getByLabel('Client ID').fill('redeliver-app');
      await form.getByLabel('Clean start').setChecked(false);
      await form.getByLabel('Subscriptions').fill('redeliver/#');
      await form.getByLabel('MQTT version').selectOption(version);
      await form.getByRole('button', { name: 'Connect', exact: true }).click();
      await app.expectConnected();

      await device.publishAsync('redeliver/x', 'first', { qos: 1 });
      const message = await app.openTopic(['redeliver', 'x']);
      await expect(app.treeItem('x')).toHaveAccessibleDescription(/^1 msg first\b/);
      await page.waitForTimeout(2000); // a stable connection: the reconnect comes after the first backoff step

      // The app gets "second" and acknowledges it, but the PUBACK is lost with the connection.
      proxy.dropToBroker(true);
      await device.publishAsync('redeliver/x', 'second', { qos: 1 });
      await expect(app.treeItem('x')).toHaveAccessibleDescription(/^2 msgs second\b/);
      await page.waitForTimeout(300); // the PUBACK is written (and dropped)
      proxy.cutAll();
      proxy.dropToBroker(false);
      await expect(app.status).toHaveText(/^Reconnecting/);
      await app.expectConnected(15_000);
      // Mosquitto sent it again, flagged as a duplicate (d1), on the new connection.
      await expect.poll(async () => (await mosquitto.log()).match(/Sending PUBLISH to redeliver-app \(d1, q1, r0, m\d+, 'redeliver\/x'/) !== null).toBe(true);

      // A new message with an earlier payload is a new message.
      await device.publishAsync('redeliver/x', 'first', { qos: 1 });
      await expect(app.treeItem('x')).toHaveAccessibleDescription(/^3 msgs first\b/);
      await expect.poll(() => historyPayloads(message)).toEqual(['first', 'second', 'first']);
    } finally {
      await device.endAsync();
      await proxy.close();
    }
  });
}
