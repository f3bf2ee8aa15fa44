// Dashboard widgets by Sparkplug B metric name (issue 13): a gauge and a value widget on a
// device's DDATA topic with the metric's name as their field. The edge node is a separate MQTT
// client encoding real Sparkplug B (sparkplug-payload, Eclipse Tahu's encoder); DDATA carry
// aliases only, and a rebirth gives the metrics other aliases.
import { createRequire } from 'node:module';
import mqtt, { type MqttClient } from 'mqtt';
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';
import { DashboardPage } from './pages/dashboard-page.ts';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');
const spb = (p: unknown) => Buffer.from(sparkplug.encodePayload(p));
const TOPIC = 'spBv1.0/plant/DDATA/edge1/boiler';

async function births(edge: MqttClient, seq: number, aliases: { temperature: number; pressure: number; burner: number }) {
  const now = Date.now();
  await edge.publishAsync('spBv1.0/plant/NBIRTH/edge1', spb({ timestamp: now, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }), { qos: 1 });
  const metrics = [
    { name: 'Temperature', alias: aliases.temperature, type: 'Double', value: 20 },
    { name: 'Pressure', alias: aliases.pressure, type: 'Float', value: 1 },
    { name: 'Burner On', alias: aliases.burner, type: 'Boolean', value: false },
  ];
  await edge.publishAsync('spBv1.0/plant/DBIRTH/edge1/boiler', spb({ timestamp: now, seq, metrics }), { qos: 1 });
}

async function ddata(edge: MqttClient, seq: number, metrics: { alias: number; type: string; value: unknown }[]) {
  await edge.publishAsync(TOPIC, spb({ timestamp: Date.now(), seq, metrics }), { qos: 1 });
}

test('a gauge and a value widget follow Sparkplug B metrics by name, across a rebirth with new aliases', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  await app.open(mosquitto.wsUrl, '/dashboard');
  await app.expectConnected();
  await dash.newDashboard('Plant');
  await dash.addWidget('Gauge', 'Boiler temperature', { Topic: TOPIC, 'JSON path': 'Temperature', Unit: '°C' });
  await dash.addWidget('Value', 'Burner', { Topic: TOPIC, 'JSON path': '["Burner On"]' });
  const gauge = page.getByRole('meter', { name: 'Boiler temperature' });
  const burner = dash.widget('Burner');

  const edge = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0, clientId: 'edge1' });
  try {
    await births(edge, 1, { temperature: 1, pressure: 2, burner: 3 });
    await ddata(edge, 2, [
      { alias: 1, type: 'Double', value: 71.5 },
      { alias: 3, type: 'Boolean', value: true },
    ]);
    await expect(gauge).toHaveAttribute('aria-valuetext', '71.5 °C');
    await expect(burner).toContainText('true');

    // Report by exception: a DDATA with only Pressure leaves the other widgets' last values.
    await ddata(edge, 3, [{ alias: 2, type: 'Float', value: 1.5 }]);
    await expect(page.getByRole('meter', { name: 'Boiler temperature' })).toHaveAttribute('aria-valuetext', '71.5 °C');
    await expect(burner).toContainText('true');
    await expect(burner).not.toContainText('No field');

    // A rebirth moves every alias (Temperature is now alias 12, and alias 1 is nothing).
    await births(edge, 1, { temperature: 12, pressure: 13, burner: 14 });
    await ddata(edge, 2, [
      { alias: 12, type: 'Double', value: 80.5 },
      { alias: 14, type: 'Boolean', value: false },
    ]);
    await expect(gauge).toHaveAttribute('aria-valuetext', '80.5 °C');
    await expect(burner).toContainText('false');
  } finally {
    await edge.endAsync();
  }
});
