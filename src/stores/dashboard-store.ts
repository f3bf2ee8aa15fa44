/**
 * Dashboards and their widget configurations (persisted in localStorage with a
 * schema version and a migration path; see core/dashboard-migrations.ts).
 * Low-rate state only: what each widget shows and where. Live values live in
 * the session's models; switch states in the dashboard feature's runtime.
 *
 * First start (nothing saved under the key yet) begins with the default
 * dashboard wired to the device simulator, whichever broker the app opens with.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { newId } from '../core/ids';
import {
  GRID_COLS,
  WIDGET_TYPES,
  dashboardContentSchema,
  describeIssues,
  widgetSchema,
  type Dashboard,
  type DashboardContent,
  type Widget,
  type WidgetPosition,
} from '../core/dashboard-schema';
import { DASHBOARD_SCHEMA_VERSION, MIGRATIONS, loadStoredDashboards, type StoredDashboards } from '../core/dashboard-migrations';
import { persistOptions, type PersistSpec } from './persisted';
import { defaultDashboard } from '../core/default-dashboard';
import type { WidgetDraft } from '../core/ha-discovery';

export const DASHBOARDS_STORAGE_KEY = 'switchyard.dashboards';
/** Where unreadable stored data is copied before anything could overwrite it. */
export const DASHBOARDS_BACKUP_KEY = 'switchyard.dashboards.unreadable';

export type DashboardState = StoredDashboards;

export type SaveResult = { ok: true; id: string } | { ok: false; error: string };

const warn = (msg: string) => console.warn(`[dashboards] ${msg}`);

export const DASHBOARDS_PERSIST: PersistSpec<DashboardState> = {
  key: DASHBOARDS_STORAGE_KEY,
  what: 'dashboards',
  version: DASHBOARD_SCHEMA_VERSION,
  migrations: MIGRATIONS,
  load: (data) => {
    let partial = false;
    const loaded = loadStoredDashboards(data, DASHBOARD_SCHEMA_VERSION, (msg) => {
      partial = true;
      warn(msg);
    });
    return loaded && { state: loaded, partial };
  },
};

export const useDashboardStore = create<DashboardState>()(
  persist((): DashboardState => ({ dashboards: [defaultDashboard()], activeId: 'home' }), {
    ...persistOptions<DashboardState, DashboardState>(DASHBOARDS_PERSIST),
    partialize: (s) => ({ dashboards: s.dashboards, activeId: s.activeId }),
  }),
);

export const activeDashboard = (s: DashboardState): Dashboard | undefined =>
  s.dashboards.find((d) => d.id === s.activeId) ?? s.dashboards[0];

function updateDashboard(id: string, fn: (d: Dashboard) => Dashboard): void {
  useDashboardStore.setState((s) => ({ dashboards: s.dashboards.map((d) => (d.id === id ? fn(d) : d)) }));
}

/** A name not used by another dashboard: `name`, else `name (2)`, `name (3)`… */
export function uniqueName(name: string, dashboards: readonly Dashboard[], exceptId?: string): string {
  const taken = new Set(dashboards.filter((d) => d.id !== exceptId).map((d) => d.name));
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
}

export function validateDashboardName(name: string): string | undefined {
  const t = name.trim();
  if (!t) return 'Enter a name';
  if (t.length > 80) return 'Keep the name under 80 characters';
  return undefined;
}

export function selectDashboard(id: string): void {
  useDashboardStore.setState({ activeId: id });
}

export function createDashboard(name: string): SaveResult {
  const error = validateDashboardName(name);
  if (error) return { ok: false, error };
  const id = newId('dash');
  useDashboardStore.setState((s) => ({
    dashboards: [...s.dashboards, { id, name: uniqueName(name.trim(), s.dashboards), widgets: [] }],
    activeId: id,
  }));
  return { ok: true, id };
}

export function renameDashboard(id: string, name: string): SaveResult {
  const error = validateDashboardName(name);
  if (error) return { ok: false, error };
  const taken = useDashboardStore.getState().dashboards.some((d) => d.id !== id && d.name === name.trim());
  if (taken) return { ok: false, error: `Another dashboard is called ${name.trim()}` };
  updateDashboard(id, (d) => ({ ...d, name: name.trim() }));
  return { ok: true, id };
}

export function deleteDashboard(id: string): void {
  useDashboardStore.setState((s) => {
    const index = s.dashboards.findIndex((d) => d.id === id);
    const dashboards = s.dashboards.filter((d) => d.id !== id);
    const activeId = s.activeId === id ? (dashboards[Math.max(0, index - 1)]?.id ?? null) : s.activeId;
    return { dashboards, activeId };
  });
}

const overlaps = (a: WidgetPosition, b: WidgetPosition) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The first free spot for a w×h widget, scanning rows top to bottom, left to right. */
export function findPlace(widgets: readonly Widget[], w: number, h: number): WidgetPosition {
  const width = Math.min(w, GRID_COLS);
  const bottom = widgets.reduce((m, x) => Math.max(m, x.pos.y + x.pos.h), 0);
  for (let y = 0; y <= bottom; y++) {
    for (let x = 0; x + width <= GRID_COLS; x++) {
      const pos = { x, y, w: width, h };
      if (!widgets.some((o) => overlaps(o.pos, pos))) return pos;
    }
  }
  return { x: 0, y: bottom, w: width, h };
}

/** Validates and adds a widget at the first free spot; returns its id or why not. */
export function addWidget(dashboardId: string, draft: WidgetDraft): SaveResult {
  const dash = useDashboardStore.getState().dashboards.find((d) => d.id === dashboardId);
  if (!dash) return { ok: false, error: 'That dashboard no longer exists' };
  const size = WIDGET_TYPES.find((t) => t.type === draft.type)?.size ?? { w: 3, h: 2 };
  const id = newId('w');
  const parsed = widgetSchema.safeParse({ ...draft, id, pos: findPlace(dash.widgets, size.w, size.h) });
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  updateDashboard(dashboardId, (d) => ({ ...d, widgets: [...d.widgets, parsed.data] }));
  return { ok: true, id };
}

/** Validates and replaces a widget's configuration (its id and place stay). */
export function updateWidget(dashboardId: string, widgetId: string, draft: WidgetDraft): SaveResult {
  const dash = useDashboardStore.getState().dashboards.find((d) => d.id === dashboardId);
  const old = dash?.widgets.find((w) => w.id === widgetId);
  if (!dash || !old) return { ok: false, error: 'That widget no longer exists' };
  const parsed = widgetSchema.safeParse({ ...draft, id: widgetId, pos: old.pos });
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  updateDashboard(dashboardId, (d) => ({ ...d, widgets: d.widgets.map((w) => (w.id === widgetId ? parsed.data : w)) }));
  return { ok: true, id: widgetId };
}

export function deleteWidget(dashboardId: string, widgetId: string): void {
  updateDashboard(dashboardId, (d) => ({ ...d, widgets: d.widgets.filter((w) => w.id !== widgetId) }));
}

/** Applies positions from the grid (drag/resize); unknown ids and bad numbers are ignored. */
export function setLayout(dashboardId: string, items: readonly ({ i: string } & WidgetPosition)[]): void {
  const byId = new Map(items.map((it) => [it.i, it]));
  const before = useDashboardStore.getState().dashboards.find((d) => d.id === dashboardId);
  if (!before) return;
  const after = ((d: Dashboard): Dashboard => {
    let changed = false;
    const widgets = d.widgets.map((w) => {
      const it = byId.get(w.id);
      if (!it) return w;
      const pos = { x: it.x, y: it.y, w: it.w, h: it.h };
      if (pos.x === w.pos.x && pos.y === w.pos.y && pos.w === w.pos.w && pos.h === w.pos.h) return w;
      const ok = [pos.x, pos.y, pos.w, pos.h].every(Number.isInteger) && pos.w >= 1 && pos.h >= 1 && pos.x + pos.w <= GRID_COLS;
      if (!ok) return w;
      changed = true;
      return { ...w, pos };
    });
    return changed ? { ...d, widgets } : d;
  })(before);
  // The grid reports its layout often; only a real move or resize is saved.
  if (after !== before) updateDashboard(dashboardId, () => after);
}

/** Adds an imported (already validated) dashboard and opens it; a taken name gets a number. */
export function importDashboard(content: DashboardContent): SaveResult {
  const parsed = dashboardContentSchema.safeParse(content);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const id = newId('dash');
  useDashboardStore.setState((s) => ({
    dashboards: [...s.dashboards, { id, name: uniqueName(parsed.data.name, s.dashboards), widgets: parsed.data.widgets }],
    activeId: id,
  }));
  return { ok: true, id };
}
