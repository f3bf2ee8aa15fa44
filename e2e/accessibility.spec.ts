// An axe-core pass over every view, in the light and the dark theme: any violation of impact
// serious or critical (and any of the HELD rules) fails the test, listed as view, rule id, impact, element and what to do.
// The light pass runs every rule; the dark pass runs the colour rules, the only ones a theme can
// change (both themes share the DOM, roles and names): the shared check of e2e/fixtures/axe.ts.
// The dark test switches with the header's toggle while a JSON message is on screen, as a person would.
// Data comes from a real Mosquitto (the `mosquitto` fixture); Access control runs against a
// second Mosquitto with the dynamic-security plugin so its tables are there to check.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.ts';
import { mosquittoPub, type MosquittoHandle } from './fixtures/mosquitto.ts';
import { ADMIN, startDynsecMosquitto } from './fixtures/dynsec.ts';
import { axeFindings, type Theme } from './fixtures/axe.ts';
import { AppPage } from './pages/app-page.ts';
import { DashboardPage } from './pages/dashboard-page.ts';

/** One dashboard with a widget of every kind (imported, the quickest honest way in). */
const DASHBOARD = {
  format: 'switchyard-dashboard',
  version: 1,
  dashboard: {
    name: 'Every widget',
    widgets: [
      { id: 'w1', type: 'switch', label: 'Hall lamp', pos: { x: 0, y: 0, w: 4, h: 2 }, commandTopic: 'home/hall/lamp/set', stateTopic: 'home/hall/lamp/state', onPayload: 'on', offPayload: 'off' },
      { id: 'w2', type: 'button', label: 'Doorbell', pos: { x: 4, y: 0, w: 3, h: 2 }, topic: 'home/hall/bell', payload: 'ring' },
      { id: 'w3', type: 'slider', label: 'Fan speed', pos: { x: 7, y: 0, w: 4, h: 2 }, topic: 'home/hall/fan/set', stateTopic: 'home/hall/fan' },
      { id: 'w4', type: 'gauge', label: 'Humidity', pos: { x: 0, y: 2, w: 3, h: 3 }, topic: 'home/livingroom/climate', jsonPath: 'humidity', unit: '%' },
      { id: 'w5', type: 'value', label: 'Temperature', pos: { x: 3, y: 2, w: 3, h: 2 }, topic: 'home/livingroom/temperature', unit: '°C' },
      { id: 'w6', type: 'chart', label: 'Climate', pos: { x: 6, y: 2, w: 6, h: 6 }, series: [{ topic: 'home/livingroom/temperature', field: '' }] },
    ],
  },
};

/** Before the app connects: retained state (it arrives flagged retained) and a discovery config. */
async function seedRetained(m: MosquittoHandle) {
  await mosquittoPub(m, 'home/livingroom/climate', '{"temperature":21.5,"humidity":40}', { retain: true });
  await mosquittoPub(m, 'home/hall/lamp/state', 'off', { retain: true });
  await mosquittoPub(m, 'home/hall/fan', '40', { retain: true });
  const discovery = { '~': 'home/porch/light', name: 'Porch light', uniq_id: 'porch_light', cmd_t: '~/set', stat_t: '~/state', device: { name: 'Porch' } };
  await mosquittoPub(m, 'homeassistant/switch/porch_light/config', JSON.stringify(discovery), { retain: true });
}

/** After it connected: live messages (a second JSON message gives the history a diff). */
async function seedLive(m: MosquittoHandle) {
  await mosquittoPub(m, 'home/livingroom/climate', '{"temperature":21.7,"humidity":41}');
  await mosquittoPub(m, 'home/livingroom/temperature', '21.5');
}

/** Runs axe on the page as it is now (the shared check, e2e/fixtures/axe.ts); returns the failing findings as readable lines. */
const audit = axeFindings;

async function go(page: Page, link: string) {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
}

async function everyView(page: Page, mosquitto: MosquittoHandle, theme: Theme): Promise<string[]> {
  const app = new AppPage(page);
  const dash = new DashboardPage(page);
  const found: string[] = [];
  await seedRetained(mosquitto);
  await app.open(mosquitto.wsUrl);
  await app.expectConnected();
  await seedLive(mosquitto);

  // Explorer: the tree expanded two levels (a retained badge in view), and a JSON topic selected
  // whose history holds a retained and a live message.
  await app.expandPath(['home', 'hall', 'livingroom']);
  await app.treeItem('climate').click();
  const message = page.getByRole('region', { name: 'Message' });
  await expect(message.getByRole('radio', { name: 'JSON' })).toBeChecked();
  await expect(message.getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveCount(2);
  // The page starts light (Playwright's default colour scheme); the header's toggle switches.
  if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.getByRole('button', { name: theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme' })).toBeVisible();
  found.push(...(await audit(page, 'Explorer', theme)));

  // Charts: one chart, made from the Explorer.
  await app.treeItem('temperature').click();
  await message.getByRole('button', { name: 'Chart this topic' }).click();
  await expect(page.getByRole('figure', { name: 'home/livingroom/temperature' })).toBeVisible();
  found.push(...(await audit(page, 'Charts', theme)));

  await go(page, 'Publish');
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeVisible();
  found.push(...(await audit(page, 'Publish', theme)));

  // Dashboard: a widget of every kind, and the discovered Porch light.
  await go(page, 'Dashboard');
  await dash.importFile('every.switchyard-dashboard.json', JSON.stringify(DASHBOARD));
  await expect(page.getByRole('tab', { name: 'Every widget' })).toHaveAttribute('aria-selected', 'true');
  await expect(dash.switch('Hall lamp')).toHaveAccessibleDescription(/Confirmed/);
  // Added once, so its button reads "Add again" (a label-in-name case of its own).
  const discovered = page.getByRole('region', { name: 'Discovered devices' });
  await discovered.getByRole('button', { name: 'Add Porch light' }).click();
  await expect(dash.switch('Porch light')).toBeVisible();
  await expect(discovered).toContainText('On this dashboard');
  await expect(dash.widget('Temperature')).toContainText('21.5');
  found.push(...(await audit(page, 'Dashboard', theme)));

  await go(page, 'Retained');
  await expect(page.getByRole('table', { name: 'Retained messages' }).getByRole('row', { name: /home\/hall\/fan/ })).toBeVisible();
  found.push(...(await audit(page, 'Retained', theme)));

  await go(page, 'Broker');
  await expect(page.getByRole('region', { name: 'Broker statistics' })).toBeVisible();
  found.push(...(await audit(page, 'Broker', theme)));

  // Connections dialog (filled in for the dynamic-security broker), then Access control on it.
  const dynsec = await startDynsecMosquitto();
  try {
    const form = await app.openConnections();
    await form.getByLabel('Broker URL').fill(dynsec.wsUrl);
    await form.getByLabel('Username').fill(ADMIN.username);
    await form.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    found.push(...(await audit(page, 'Connections dialog', theme)));
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(form).toBeHidden();
    await app.expectConnected();
    await go(page, 'Access control');
    await expect(page.getByRole('table', { name: 'Clients' }).getByRole('rowheader', { name: 'admin' })).toBeVisible({ timeout: 15_000 });
    found.push(...(await audit(page, 'Access control', theme)));
  } finally {
    await dynsec.removeAll();
  }
  return found;
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious or critical on any view, ${theme} theme`, async ({ page, mosquitto }) => {
    test.setTimeout(90_000); // eight views, each with an axe run of a second or more on a busy machine
    const found = await everyView(page, mosquitto, theme);
    expect(found, `serious or critical accessibility violations:\n${found.join('\n')}`).toEqual([]);
  });
}
