// The theme follows the system (prefers-color-scheme) until the user picks one with the toggle;
// the choice wins over the system and survives a reload. (One palette in tokens.css, written as
// light-dark() pairs; these checks hold it to the behaviour of the two-palette original.)
import { test, expect } from './fixtures/test.ts';
import { AppPage } from './pages/app-page.ts';

const DARK_BG = 'rgb(15, 20, 23)';
const LIGHT_BG = 'rgb(245, 247, 248)';

test('the system theme until the user picks one; the pick wins and is kept', async ({ page, mosquitto }) => {
  const app = new AppPage(page);
  const body = page.locator('body');
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open(mosquitto.wsUrl, '/publish');
  await app.expectConnected();
  await expect(body).toHaveCSS('background-color', DARK_BG);
  await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
  // The system turns light while the app is open: the app follows, and so does the toggle's name.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(body).toHaveCSS('background-color', LIGHT_BG);
  await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible();

  // Picked dark on a light system: dark, also after a reload.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(body).toHaveCSS('background-color', DARK_BG);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
  await expect(body).toHaveCSS('background-color', DARK_BG);

  // Picked light on a dark system: light.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(body).toHaveCSS('background-color', LIGHT_BG);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible();
  await expect(body).toHaveCSS('background-color', LIGHT_BG);
});
