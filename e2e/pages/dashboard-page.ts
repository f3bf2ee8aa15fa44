// Page object for the Dashboard view: what a person clicks and reads, by role and name.
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';

export interface SwitchFields {
  label: string;
  command: string;
  state?: string;
  on?: string;
  off?: string;
  stateOn?: string;
  stateOff?: string;
  jsonPath?: string;
  timeoutMs?: number;
  availability?: string;
}

export class DashboardPage {
  constructor(readonly page: Page) {}

  switch(name: string): Locator {
    return this.page.getByRole('switch', { name, exact: true });
  }

  /** A widget's card: a region named by its label (a chart is a figure named by its title). */
  widget(label: string): Locator {
    return this.page
      .getByRole('region', { name: label, exact: true })
      .or(this.page.getByRole('figure', { name: label, exact: true }));
  }

  async newDashboard(name: string) {
    await this.page.getByRole('button', { name: 'New dashboard' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New dashboard' });
    await dialog.getByLabel('Dashboard name').fill(name);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(this.page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  }

  /** Add widget → pick the type, fill the label and the given fields (by their labels), Save. */
  async addWidget(type: string, label: string, fields: Record<string, string>) {
    await this.page.getByRole('button', { name: 'Add widget' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add widget' });
    await dialog.getByLabel('Widget type').selectOption({ label: type });
    await dialog.getByLabel('Label').fill(label);
    for (const [name, value] of Object.entries(fields)) await dialog.getByLabel(name, { exact: true }).fill(value);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(this.widget(label)).toBeVisible();
  }

  async addSwitch(s: SwitchFields) {
    const fields: Record<string, string> = { 'Command topic': s.command };
    if (s.state !== undefined) fields['State topic'] = s.state;
    if (s.on !== undefined) fields['On payload'] = s.on;
    if (s.off !== undefined) fields['Off payload'] = s.off;
    if (s.stateOn !== undefined) fields['State on value'] = s.stateOn;
    if (s.stateOff !== undefined) fields['State off value'] = s.stateOff;
    if (s.jsonPath !== undefined) fields['State JSON path'] = s.jsonPath;
    if (s.timeoutMs !== undefined) fields['Confirmation timeout (ms)'] = String(s.timeoutMs);
    if (s.availability !== undefined) fields['Availability topic'] = s.availability;
    await this.addWidget('Switch', s.label, fields);
  }

  async exportDashboard(): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export dashboard' }).click();
    const d = await download;
    return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
  }

  async importFile(name: string, text: string) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import dashboard' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  async deleteDashboard(name: string) {
    await this.page.getByRole('tab', { name, exact: true }).click();
    await this.page.getByRole('button', { name: 'Edit layout' }).click();
    await this.page.getByRole('button', { name: 'Delete dashboard' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Delete dashboard ${name}?` });
    await dialog.getByRole('button', { name: `Delete dashboard ${name}` }).click();
    await expect(dialog).toHaveCount(0);
  }

  /** What the browser has saved (the raw localStorage value). */
  storedDashboards(): Promise<string | null> {
    return this.page.evaluate(() => localStorage.getItem('switchyard.dashboards'));
  }

  /** Starts recording whether this switch ever reports aria-checked="true" (see everChecked). */
  async recordChecked(sw: Locator) {
    await sw.evaluate((el) => {
      const w = window as unknown as { __everChecked: boolean };
      w.__everChecked = el.getAttribute('aria-checked') === 'true';
      new MutationObserver(() => {
        if (el.getAttribute('aria-checked') === 'true') w.__everChecked = true;
      }).observe(el, { attributes: true, attributeFilter: ['aria-checked'] });
    });
  }

  everChecked(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { __everChecked: boolean }).__everChecked);
  }
}
