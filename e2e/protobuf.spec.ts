// Protocol Buffers (issue 13) against a real Mosquitto: .proto files uploaded on the Decoders page,
// a topic filter mapped to a custom message type, and payloads encoded by protobufjs's own encoder
// in the test process (a separate MQTT client from the app), decoded in the app's worker.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import mqtt from 'mqtt';
import protobuf from 'protobufjs';
import { test, expect } from './fixtures/test.ts';
import { expectAxeInBothThemes } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';

const READING_PROTO = `syntax = "proto3";
package factory;
import "google/protobuf/timestamp.proto";

enum Unit { UNIT_UNSPECIFIED = 0; CELSIUS = 1; BAR = 2; }

message Reading {
  string sensor = 1;
  double value = 2;
  int64 count = 3;
  Unit unit = 4;
  repeated float samples = 5;
  map<string, int32> totals = 6;
  google.protobuf.Timestamp at = 7;
  message Origin { string line = 1; bytes serial = 2; }
  Origin origin = 8;
}
`;

// A missing ';' at the end of line 3: protobufjs reports it at the next token, line 4 column 3.
const BAD_PROTO = 'syntax = "proto3";\nmessage Broken {\n  int32 x = 1\n  int32 y = 2;\n}\n';

function encodeReading(value: Record<string, unknown>): Buffer {
  const root = protobuf.parse(READING_PROTO, { keepCase: true }).root;
  root.addJSON(protobuf.common.get('google/protobuf/timestamp.proto')!.nested!);
  const T = root.lookupType('factory.Reading');
  return Buffer.from(T.encode(T.fromObject(value)).finish());
}

async function openDecoders(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decoders' }).click();
  await expect(page.getByRole('heading', { name: 'Decoders', level: 2 })).toBeVisible();
}

async function openReading(page: Page, line: string) {
  const app = new AppPage(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explorer' }).click();
  await app.expandPath(['factory', line]);
  await app.treeItem('reading').first().click();
  const message = page.getByRole('region', { name: 'Message' });
  await expect(message.getByRole('heading', { level: 2 })).toHaveText(`factory/${line}/reading`);
  return message;
}

test('a .proto mapping decodes a custom message; a bad .proto is refused with its line; the mapping survives a reload', async ({ page, mosquitto }) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await openDecoders(page);

  // A bad file first (pasted): refused with file, line and column, the line shown; nothing stored.
  await page.getByLabel('File name').fill('broken.proto');
  await page.getByLabel('Proto source').fill(BAD_PROTO);
  await page.getByRole('button', { name: 'Add file' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Not added' });
  await expect(problem).toContainText("broken.proto, line 4, column 3: illegal token 'int32'");
  await expect(problem.getByLabel('The line with the problem')).toContainText('4 |   int32 y = 2;');
  const files = page.getByRole('table', { name: 'Proto files' });
  await expect(files.getByRole('row')).toHaveCount(2); // header + "No .proto files yet"
  await expect(files).toContainText('No .proto files yet');

  // The good one through the file chooser.
  await page.getByLabel('Choose .proto files').setInputFiles({ name: 'reading.proto', mimeType: 'text/plain', buffer: Buffer.from(READING_PROTO) });
  await expect(files.getByRole('row', { name: /reading\.proto/ })).toContainText('factory.Reading, factory.Reading.Origin');
  await expect(problem).toHaveCount(0);

  // Map the filter; an invalid filter is explained first.
  await page.getByLabel('Topic filter').fill('factory/#/reading');
  await page.getByLabel('Message type').selectOption('factory.Reading');
  await page.getByRole('button', { name: 'Add mapping' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /#/ })).toBeVisible();
  await page.getByLabel('Topic filter').fill('factory/+/reading');
  await page.getByRole('button', { name: 'Add mapping' }).click();
  const mappings = page.getByRole('table', { name: 'Protobuf mappings' });
  await expect(mappings.getByRole('row', { name: /factory\/\+\/reading/ })).toContainText('factory.Reading');

  // An independent client publishes a message encoded by protobufjs.
  const device = await mqtt.connectAsync(mosquitto.mqttUrl, { reconnectPeriod: 0 });
  try {
    const reading = {
      sensor: 'line-1/<b>t1</b>',
      value: 21.5,
      count: '9007199254740993',
      unit: 1,
      samples: [0.5, 1.25],
      totals: { ok: 3 },
      at: { seconds: 1_700_000_000, nanos: 0 },
      origin: { line: 'L1', serial: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
    };
    await device.publishAsync('factory/line-1/reading', encodeReading(reading), { qos: 1 });
    const message = await openReading(page, 'line-1');
    await expect(message.getByText('Decoded as Protobuf · factory.Reading')).toBeVisible();
    const decoded = message.getByLabel('Decoded payload');
    await expect(decoded).toContainText('"sensor": "line-1/<b>t1</b>"');
    await expect(decoded).toContainText('"value": 21.5');
    await expect(decoded).toContainText('"count": "9007199254740993"');
    await expect(decoded).toContainText('"unit": "CELSIUS"');
    await expect(decoded).toContainText('"at": "2023-11-14T22:13:20Z"');
    await expect(decoded).toContainText('"serial": "3q2+7w=="');
    const json = JSON.parse((await decoded.textContent()) ?? '') as Record<string, unknown>;
    expect(json.samples).toEqual([0.5, 1.25]);
    expect(json.totals).toEqual({ ok: 3 });
    await expect(message.getByLabel('Decode as')).toHaveValue('auto');

    // A plain payload on the mapped topic: shown as it is, with the reason.
    await device.publishAsync('factory/line-1/reading', 'offline', { qos: 1 });
    await expect(message.getByText(/^Shown as it is: not valid factory\.Reading: /)).toBeVisible();
    await expect(message.getByLabel('Payload', { exact: true })).toHaveText('offline');

    // Reload: the file and the mapping are still there, and the next message is decoded.
    await page.reload();
    await app.expectConnected();
    await openDecoders(page);
    await expect(page.getByRole('table', { name: 'Protobuf mappings' }).getByRole('row', { name: /factory\/\+\/reading/ })).toContainText('factory.Reading');
    await expect(page.getByRole('table', { name: 'Proto files' })).toContainText('reading.proto');
    await device.publishAsync('factory/line-2/reading', encodeReading({ sensor: 'line-2', value: 3 }), { qos: 1 });
    const again = await openReading(page, 'line-2');
    await expect(again.getByLabel('Decoded payload')).toContainText('"sensor": "line-2"');
    await expect(again.getByLabel('Decoded payload')).toContainText('"count": "0"');

    // Decode as Protobuf for this one topic starts with the mapping's type; another type overrides the mapping.
    await again.getByLabel('Decode as').selectOption('Protobuf');
    await expect(again.getByLabel('Message type')).toHaveValue('factory.Reading');
    await again.getByLabel('Message type').selectOption('factory.Reading.Origin');
    await expect(again.getByText('Shown as it is: not valid factory.Reading.Origin: field serial (2) came as 64-bit, which its type cannot be')).toBeVisible();
  } finally {
    await device.endAsync();
  }
});

test('Decoders: Export, a bad Import changes nothing, the exported file imports back; axe in both themes', async ({ page, mosquitto }) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/decoders');
  await app.expectConnected();
  await page.getByLabel('Choose .proto files').setInputFiles({ name: 'reading.proto', mimeType: 'text/plain', buffer: Buffer.from(READING_PROTO) });
  await page.getByLabel('Topic filter').fill('factory/+/reading');
  await page.getByLabel('Message type').selectOption('factory.Reading');
  await page.getByRole('button', { name: 'Add mapping' }).click();
  await page.getByLabel('Topic filter').fill('factory/line-9/reading');
  await page.getByLabel('Message type').selectOption('factory.Reading.Origin');
  await page.getByRole('button', { name: 'Add mapping' }).click();
  const rows = page.getByRole('table', { name: 'Protobuf mappings' }).getByRole('row');
  // In the order they are tried: the most specific filter first.
  await expect(rows.nth(1)).toContainText('factory/line-9/reading');
  await expect(rows.nth(2)).toContainText('factory/+/reading');

  await expectAxeInBothThemes(page, 'Decoders');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const exported = await readFile(await (await download).path(), 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ kind: 'switchyard-protobuf-decoders', version: 1, files: [{ name: 'reading.proto' }] });

  // A file whose mapping names a type no .proto declares: explained, nothing changed.
  const bad = JSON.stringify({ kind: 'switchyard-protobuf-decoders', version: 1, files: [], mappings: [{ filter: 'x/#', messageType: 'factory.Nope' }] });
  await page.getByLabel('Import decoders file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(page.getByRole('alert')).toHaveText('Import failed: bad.json: the mapping of x/# names factory.Nope, which no .proto file declares. Nothing was changed.');
  await expect(rows).toHaveCount(3);

  // Remove everything, then import the exported file: all back.
  await page.getByRole('button', { name: 'Remove mapping factory/+/reading' }).click();
  await page.getByRole('button', { name: 'Remove mapping factory/line-9/reading' }).click();
  await page.getByRole('button', { name: 'Remove reading.proto' }).click();
  await expect(page.getByRole('table', { name: 'Proto files' })).toContainText('No .proto files yet');
  await page.getByLabel('Import decoders file').setInputFiles({ name: 'switchyard-protobuf-decoders.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 .proto file and 2 mappings.' })).toBeVisible();
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('table', { name: 'Proto files' })).toContainText('reading.proto');
});
