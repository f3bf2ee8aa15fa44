/**
 * Versions of the dashboard data (persisted store and export files) and the
 * path between them. Every stored or imported dashboard names its version;
 * older data is upgraded one step at a time before the schema check, newer
 * data (from a later Switchyard) is refused rather than guessed at.
 *
 * Adding a version: bump DASHBOARD_SCHEMA_VERSION, add the step from the old
 * version to MIGRATIONS (it receives the old shape and returns the new one),
 * and a test with a real file of the old shape.
 */
import {
  dashboardContentSchema,
  dashboardSchema,
  describeIssues,
  widgetSchema,
  type Dashboard,
  type DashboardContent,
  type Widget,
} from './dashboard-schema';

export const DASHBOARD_SCHEMA_VERSION = 1;
export const DASHBOARD_FILE_FORMAT = 'switchyard-dashboard';

/** One step: data of version n in, data of version n + 1 out. */
export type Migration = (data: unknown) => unknown;

/** Steps keyed by the version they upgrade from. Version 1 is the first format. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrateResult = { ok: true; data: unknown } | { ok: false; error: string };

/** Upgrades `data` from version `from` to `to`, one step at a time. */
export function migrate(
  data: unknown,
  from: number,
  to: number = DASHBOARD_SCHEMA_VERSION,
  steps: Readonly<Record<number, Migration>> = MIGRATIONS,
): MigrateResult {
  if (!Number.isInteger(from) || from < 1) return { ok: false, error: `Unknown format version ${String(from)}` };
  if (from > to) {
    return {
      ok: false,
      error: `Made by a newer Switchyard (format version ${from}); this one reads versions up to ${to}`,
    };
  }
  let cur = data;
  for (let v = from; v < to; v++) {
    const step = steps[v];
    if (!step) return { ok: false, error: `No way to upgrade format version ${v}` };
    try {
      cur = step(cur);
    } catch (e) {
      return { ok: false, error: `Upgrading from format version ${v} failed: ${(e as Error).message}` };
    }
  }
  return { ok: true, data: cur };
}

/** What an export file holds. */
export interface DashboardFile {
  format: typeof DASHBOARD_FILE_FORMAT;
  version: number;
  dashboard: DashboardContent;
}

/**
 * The export file's text: keys in schema order (so the same dashboard always gives
 * the same bytes, and export → import → export is identical), two-space indent.
 */
export function serializeDashboard(d: DashboardContent): string {
  const parsed = dashboardContentSchema.safeParse({ name: d.name, widgets: d.widgets });
  const file: DashboardFile = {
    format: DASHBOARD_FILE_FORMAT,
    version: DASHBOARD_SCHEMA_VERSION,
    dashboard: parsed.success ? parsed.data : { name: d.name, widgets: d.widgets },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ParseResult = { ok: true; dashboard: DashboardContent } | { ok: false; error: string };

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** Reads an export file: JSON, format, version (migrating old ones), then the schema. */
export function parseDashboardFile(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `This file is not JSON (${(e as Error).message})` };
  }
  if (!isRecord(raw) || raw.format !== DASHBOARD_FILE_FORMAT) {
    return { ok: false, error: 'This is not a Switchyard dashboard file (no "format": "switchyard-dashboard")' };
  }
  if (typeof raw.version !== 'number') return { ok: false, error: 'The file does not say which format version it uses' };
  const migrated = migrate(raw.dashboard, raw.version);
  if (!migrated.ok) return migrated;
  const parsed = dashboardContentSchema.safeParse(migrated.data);
  if (!parsed.success) return { ok: false, error: `The dashboard in this file is not valid: ${describeIssues(parsed.error)}` };
  return { ok: true, dashboard: parsed.data };
}

export interface StoredDashboards {
  dashboards: Dashboard[];
  activeId: string | null;
}

/**
 * Persisted store data of `version` → current shape. Keeps whatever is valid:
 * a broken widget is dropped (and reported), not the whole dashboard.
 */
export function loadStoredDashboards(
  data: unknown,
  version: number,
  report: (msg: string) => void = () => {},
): StoredDashboards | undefined {
  const migrated = migrate(data, version);
  if (!migrated.ok) {
    report(migrated.error);
    return undefined;
  }
  const d = migrated.data;
  if (!isRecord(d) || !Array.isArray(d.dashboards)) return undefined;
  const dashboards: Dashboard[] = [];
  const ids = new Set<string>();
  for (const item of d.dashboards) {
    if (!isRecord(item) || typeof item.id !== 'string' || ids.has(item.id)) continue;
    const widgets: Widget[] = [];
    const widgetIds = new Set<string>();
    for (const w of Array.isArray(item.widgets) ? item.widgets : []) {
      const p = widgetSchema.safeParse(w);
      if (p.success && !widgetIds.has(p.data.id)) {
        widgets.push(p.data);
        widgetIds.add(p.data.id);
      } else report(`Dropped a stored widget that is not valid: ${p.success ? 'duplicate id' : describeIssues(p.error)}`);
    }
    const dash = dashboardSchema.safeParse({ id: item.id, name: item.name, widgets });
    if (!dash.success) {
      report(`Dropped a stored dashboard that is not valid: ${describeIssues(dash.error)}`);
      continue;
    }
    ids.add(item.id);
    dashboards.push(dash.data);
  }
  const activeId = typeof d.activeId === 'string' && ids.has(d.activeId) ? d.activeId : (dashboards[0]?.id ?? null);
  return { dashboards, activeId };
}
