// The notice of the Decoders and Alerts pages (components/settings-page.tsx) is seen where the user
// acted: after an Import or a Remove far down the page, the message is on screen, not scrolled away
// above the page's content. Real Mosquitto as the other specs (the pages run connected).
import { test, expect } from './fixtures/test.ts';
import { expectSeen, scrollToEnd } from './fixtures/on-screen.ts';
import { AppPage } from './pages/app-page.ts';

const A_PROTO = 'syntax = "proto3";\npackage plant;\nmessage Reading { double value = 1; }\n';
const B_PROTO = 'syntax = "proto3";\npackage plant;\nimport "a.proto";\nmessage Batch { repeated Reading readings = 1; }\n';

test('Decoders: an Import or a Remove far down the page shows its message on screen', async ({ page, mosquitto }) => {
  await page.setViewportSize({ width: 1280, height: 640 });
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/decoders');
  await app.expectConnected();
  const config = {
    kind: 'switchyard-protobuf-decoders',
    version: 1,
    files: [
      { name: 'a.proto', text: A_PROTO },
      { name: 'b.proto', text: B_PROTO },
    ],
    mappings: [1, 2, 3, 4].map((n) => ({ filter: `plant/line-${n}/reading`, messageType: 'plant.Reading' })),
  };
  await page.getByLabel('Import decoders file').setInputFiles({ name: 'decoders.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config)) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 .proto files and 4 mappings.' })).toBeVisible();

  // A file another one imports is not removed: the reason shows where the user clicked.
  const protoFiles = page.getByRole('table', { name: 'Proto files' });
  await scrollToEnd(page);
  await protoFiles.getByRole('button', { name: 'Remove a.proto' }).click();
  const refused = page.getByRole('alert');
  await expect(refused).toHaveText(/^a\.proto was not removed: without it, /);
  await expectSeen(refused);
  await expect(protoFiles.getByRole('button', { name: 'Remove a.proto' })).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('decoders-remove-refused.png') });

  // A broken file imported while scrolled down.
  await scrollToEnd(page);
  await page.getByLabel('Import decoders file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"kind":') });
  const failed = page.getByRole('alert');
  await expect(failed).toHaveText(/^Import failed: broken\.json: .*Nothing was changed\.$/);
  await expectSeen(failed);
  await expect(protoFiles).toBeInViewport(); // the page did not jump away from where the user was
  await page.screenshot({ path: test.info().outputPath('decoders-import-failed.png') });
});

test('Alerts: a broken Import while scrolled down shows its message on screen', async ({ page, mosquitto }) => {
  await page.setViewportSize({ width: 1280, height: 640 });
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/alerts');
  await app.expectConnected();
  const importFile = (name: string, text: string) => app.importAlertRules(name, text);
  const rules = Array.from({ length: 20 }, (_, i) => ({ filter: `plant/line-${i}/temp`, condition: 'above', value: 30, enabled: true }));
  await importFile('rules.json', JSON.stringify({ format: 'switchyard-alert-rules', version: 1, rules }));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 20 rules.' })).toBeVisible();

  await scrollToEnd(page);
  await importFile('bad.json', JSON.stringify({ format: 'switchyard-alert-rules', version: 1, rules: [{ filter: 'a/#/b', condition: 'above', value: 1 }] }));
  const failed = page.getByRole('alert');
  await expect(failed).toHaveText('Import failed: Rule 1 (a/#/b): Wildcard # is only allowed as the last level. Nothing was changed.');
  await expectSeen(failed);
  await page.screenshot({ path: test.info().outputPath('alerts-import-failed.png') });
});

test('a confirmation on a settings page can be dismissed and goes by itself after a few seconds; an error stays until dismissed', async ({ page, mosquitto }) => {
  test.setTimeout(45_000);
  const app = new AppPage(page);
  await app.open(mosquitto.wsUrl, '/alerts');
  await app.expectConnected();
  const rules = (n: number, from: number) =>
    JSON.stringify({
      format: 'switchyard-alert-rules',
      version: 1,
      rules: Array.from({ length: n }, (_, i) => ({ filter: `plant/line-${from + i}/temp`, condition: 'above', value: 30, enabled: true })),
    });
  const dismiss = page.getByRole('button', { name: 'Dismiss', exact: true });

  await app.importAlertRules('a.json', rules(2, 0));
  const first = page.getByRole('status').filter({ hasText: 'Imported 2 rules.' });
  await expect(first).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('alerts-confirmation.png') });
  await dismiss.click();
  await expect(first).toHaveCount(0);
  await expect(dismiss).toHaveCount(0);

  // An error stays past the time a confirmation is shown, until dismissed.
  await app.importAlertRules('bad.json', '{"format":');
  const failed = page.getByRole('alert');
  await expect(failed).toContainText('Import failed');
  await page.waitForTimeout(9_000);
  await expect(failed).toBeVisible();
  await dismiss.click();
  await expect(failed).toHaveCount(0);

  // A confirmation goes by itself, once it could be read.
  await app.importAlertRules('b.json', rules(3, 10));
  const second = page.getByRole('status').filter({ hasText: 'Imported 3 rules.' });
  await expect(second).toBeVisible();
  const shownAt = Date.now();
  await expect(second).toHaveCount(0, { timeout: 15_000 });
  expect(Date.now() - shownAt).toBeGreaterThan(5_000);
});
