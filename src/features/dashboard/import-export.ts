/** Export a dashboard as a JSON file; read an import file (validated before anything changes). */
import type { DashboardContent } from '../../core/dashboard-schema';
import { parseDashboardFile, serializeDashboard } from '../../core/dashboard-migrations';
import { markImported } from '../../core/widget-trust';

/** A read import file; `unconfirmed` are its widgets that command broker topics ($…) and will ask first. */
export type ImportResult = { ok: true; dashboard: DashboardContent; unconfirmed: number } | { ok: false; error: string };

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export function exportFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'dashboard'}.switchyard-dashboard.json`;
}

export function downloadDashboard(d: DashboardContent): void {
  const blob = new Blob([serializeDashboard(d)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(d.name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function readDashboardFile(file: File): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, error: `The file is too large (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB)` };
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, error: `The file could not be read (${(e as Error).message})` };
  }
  const parsed = parseDashboardFile(text);
  if (!parsed.ok) return parsed;
  // A file is someone else's word: widgets that command the broker's own topics ask first.
  const { content, unconfirmed } = markImported(parsed.dashboard);
  return { ok: true, dashboard: content, unconfirmed: unconfirmed.length };
}
