// Hostile data and hostile pages: what the app must refuse, or ask about, rather than obey.
import { test, expect } from './fixtures/test.ts';
import { collectCspViolations, flushCspReports, newUncheckedContext } from './fixtures/csp.ts';
import { DRAGGABLE_USER_SELECT_CSS } from '../scripts/csp.js';
import { mosquittoPub, type MosquittoHandle } from './fixtures/mosquitto.ts';
import { AppPage } from './pages/app-page.ts';
import { DashboardPage } from './pages/dashboard-page.ts';

const DYNSEC = '$CONTROL/dynamic-security/v1';
/** What an attacker would like an admin's click to send: delete the admin. */
const ATTACK = JSON.stringify({ commands: [{ command: 'deleteClient', username: 'admin' }] });

/**
 * Every PUBLISH to $CONTROL/… the broker received, in order, as `topic (N bytes)`. Read from the
 * broker's own log: Mosquitto never forwards $CONTROL publishes to subscribers, with or without
 * the dynamic-security plugin, so a `$CONTROL/#` subscriber would see nothing either way.
 */
async function controlPublishes(m: MosquittoHandle): Promise<string[]> {
  const log = await m.log();
  return [...log.matchAll(/Received PUBLISH from \S+ \([^']*'(\$CONTROL\/[^']*)', \.\.\. \((\d+) bytes\)\)/g)].map((x) => `${x[1]} (${x[2]} bytes)`);
}
const attackSent = `${DYNSEC} (${Buffer.byteLength(ATTACK)} bytes)`;

test.describe('commands to the broker ($ topics) from data the user did not write', () => {
  test('a retained discovery config aiming a switch at $CONTROL is refused, with the reason in the list', async ({ page, mosquitto }) => {
    const config = { name: 'Pantry light', uniq_id: 'pantry_light', command_topic: DYNSEC, payload_on: ATTACK, payload_off: ATTACK };
    await mosquittoPub(mosquitto, 'homeassistant/switch/pantry_light/config', JSON.stringify(config), { retain: true, qos: 1 });
    const app = new AppPage(page);
    await app.open(mosquitto.wsUrl, '/dashboard');
    await app.expectConnected();
    const discovered = page.getByRole('region', { name: 'Discovered devices' });
    const entry = discovered.getByRole('listitem').filter({ hasText: 'Pantry light' });
    await expect(entry).toContainText(`Cannot be added: Its command topic ${DYNSEC} is one of the broker's own topics`);
    await expect(discovered.getByRole('button', { name: 'Add Pantry light' })).toHaveCount(0);
    await expect(page.getByRole('switch', { name: 'Pantry light' })).toHaveCount(0);

    // Nothing reached $CONTROL: a sentinel published now is the first $CONTROL message the broker logs.
    await mosquittoPub(mosquitto, '$CONTROL/sentinel', 'end', { qos: 1 });
    await expect.poll(() => controlPublishes(mosquitto)).toEqual(['$CONTROL/sentinel (3 bytes)']);
  });

  test('an imported switch aimed at $CONTROL asks first, naming topic and payload; Cancel sends nothing', async ({ page, mosquitto }) => {
    const app = new AppPage(page);
    const dash = new DashboardPage(page);
    await app.open(mosquitto.wsUrl, '/dashboard');
    await app.expectConnected();
    const file = {
      format: 'switchyard-dashboard',
      version: 1,
      dashboard: {
        name: 'Kitchen',
        widgets: [
          // "unconfirmed": false in the file is not believed.
          { id: 'w1', type: 'switch', label: 'Kitchen light', pos: { x: 0, y: 0, w: 4, h: 2 }, commandTopic: DYNSEC, onPayload: ATTACK, offPayload: ATTACK, qos: 1, unconfirmed: false },
          { id: 'w2', type: 'button', label: 'Reset fridge', pos: { x: 4, y: 0, w: 3, h: 2 }, topic: DYNSEC, payload: ATTACK, qos: 1 },
        ],
      },
    };
    await dash.importFile('kitchen.switchyard-dashboard.json', JSON.stringify(file));
    await expect(page.getByRole('status').filter({ hasText: 'Imported Kitchen' })).toContainText(
      "2 widgets send to the broker's own topics ($…) and will ask before the first command",
    );

    const light = dash.switch('Kitchen light');
    await expect(dash.widget('Kitchen light')).toContainText('Imported: asks before its first command');
    const ask = page.getByRole('dialog', { name: 'Send a command to the broker itself?' });
    // The button asks too; Cancel sends nothing.
    await dash.widget('Reset fridge').getByRole('button', { name: 'Reset fridge', exact: true }).click();
    await expect(ask).toContainText(DYNSEC);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toHaveCount(0);

    await light.click();
    await expect(ask).toContainText(DYNSEC);
    await expect(ask).toContainText(ATTACK);
    await expect(ask.getByRole('button', { name: `Send to ${DYNSEC}` })).toBeVisible();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toHaveCount(0);
    await expect(light).toHaveAttribute('aria-busy', 'false');

    // Asked again on the next click; this time the user means it: exactly one command arrives.
    await light.click();
    await ask.getByRole('button', { name: `Send to ${DYNSEC}` }).click();
    await expect.poll(() => controlPublishes(mosquitto)).toEqual([attackSent]);
    // Confirmed once: the next click sends without asking.
    await expect(light).toHaveAttribute('aria-busy', 'false');
    await expect(dash.widget('Kitchen light')).not.toContainText('Imported: asks');
    await light.click();
    await expect(ask).toHaveCount(0);
    // Exactly two: Cancel sent nothing.
    await expect.poll(() => controlPublishes(mosquitto)).toEqual([attackSent, attackSent]);
  });

  test('a switch the user typed into Add widget is trusted: no question', async ({ page, mosquitto }) => {
    const app = new AppPage(page);
    const dash = new DashboardPage(page);
    await app.open(mosquitto.wsUrl, '/dashboard');
    await app.expectConnected();
    await dash.newDashboard('Admin');
    await dash.addSwitch({ label: 'List clients', command: DYNSEC, on: '{"commands":[{"command":"listClients"}]}' });
    await dash.switch('List clients').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect.poll(() => controlPublishes(mosquitto)).toEqual([`${DYNSEC} (40 bytes)`]);
  });
});

test.describe('Content-Security-Policy', () => {
  test('the built app blocks inline scripts and styles, and the e2e collector reports it', async ({ browser }, testInfo) => {
    // Its own context: the violations provoked here must not fail this test through the auto check.
    const context = await newUncheckedContext(browser, { baseURL: testInfo.project.use.baseURL });
    try {
      const seen = await collectCspViolations(context);
      const page = await context.newPage();
      await page.goto('/?broker=ws://127.0.0.1:9');
      await expect(page.getByRole('navigation')).toBeVisible();

      // An injected inline script does not run, and the collector sees why.
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.head.append(s);
      });
      expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
      await expect.poll(async () => (await flushCspReports(context), seen.map((v) => v.directive))).toContain('script-src-elem');

      // So does an inline <style> (the only one allowed, by its hash, is react-draggable's).
      const before = seen.length;
      await page.evaluate(() => {
        const s = document.createElement('style');
        s.textContent = 'body { display: none }';
        document.head.append(s);
      });
      await expect(page.getByRole('navigation')).toBeVisible();
      await expect.poll(async () => (await flushCspReports(context), seen.slice(before).map((v) => v.directive))).toEqual(['style-src-elem']);

      // react-draggable's own <style> (inserted while dragging a widget) is allowed by its hash.
      const settled = seen.length;
      await page.evaluate((css) => {
        const s = document.createElement('style');
        s.textContent = css;
        document.head.append(s);
      }, DRAGGABLE_USER_SELECT_CSS);
      await flushCspReports(context);
      expect(seen.slice(settled)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
