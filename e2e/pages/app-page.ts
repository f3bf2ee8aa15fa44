// Page object: the things a person looks at and clicks, found by role and name (UI contract).
import { expect, type Locator, type Page } from '@playwright/test';

/** Fields of the Connection form a test sets; those not given keep the profile's values. */
export interface ProfileFields {
  clientId?: string;
  clean?: boolean;
  subscriptions?: string;
  version?: '3.1.1' | '5';
}

export class AppPage {
  constructor(readonly page: Page) {}

  async open(brokerUrl?: string, path = '/explorer') {
    await this.page.goto(brokerUrl ? `${path}?broker=${encodeURIComponent(brokerUrl)}` : path);
  }

  get status(): Locator {
    return this.page.getByRole('status', { name: 'Connection status' });
  }

  async expectConnected(timeout = 10_000) {
    await expect(this.status).toHaveText(/^Connected/, { timeout });
  }

  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Topics' });
  }

  /** A tree item by its level name, optionally below a given parent path (e.g. ['home', 'office']). */
  treeItem(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** Expands the levels of a path one by one, the way a keyboard user does (select, ArrowRight). */
  async expandPath(levels: string[]) {
    for (const level of levels) {
      const item = this.treeItem(level).first();
      await expect(item).toBeVisible();
      if ((await item.getAttribute('aria-expanded')) === 'true') continue;
      await item.click();
      await item.press('ArrowRight');
      await expect(item).toHaveAttribute('aria-expanded', 'true');
    }
  }

  /**
   * Expands a topic's path and selects it; returns the Message panel once it shows that topic.
   * Where several branches hold the same name (DBIRTH/edge1/pump, DDATA/edge1/pump), the first is
   * the one on the path (siblings are sorted); the panel's heading says which topic opened.
   */
  async openTopic(levels: string[]): Promise<Locator> {
    await this.expandPath(levels.slice(0, -1));
    await this.treeItem(levels.at(-1)!).first().click();
    const message = this.page.getByRole('region', { name: 'Message' });
    await expect(message.getByRole('heading', { level: 2 })).toHaveText(levels.join('/'));
    return message;
  }

  async openConnections(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Connections' }).click();
    const form = this.page.getByRole('form', { name: 'Connection' });
    await expect(form).toBeVisible();
    return form;
  }

  /** Connections → fill what is given → Connect, and wait for Connected. */
  async connectWith(fields: ProfileFields) {
    const form = await this.openConnections();
    if (fields.clientId !== undefined) await form.getByLabel('Client ID').fill(fields.clientId);
    if (fields.clean !== undefined) await form.getByLabel('Clean start').setChecked(fields.clean);
    if (fields.subscriptions !== undefined) await form.getByLabel('Subscriptions').fill(fields.subscriptions);
    if (fields.version !== undefined) await form.getByLabel('MQTT version').selectOption(fields.version);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await this.expectConnected();
  }

  /** On the Alerts view: Import rules, choosing a file `name` holding `text` in the file dialog. */
  async importAlertRules(name: string, text: string) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import rules' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }
}
