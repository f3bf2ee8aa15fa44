import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_SCHEMA_VERSION,
  loadStoredDashboards,
  migrate,
  parseDashboardFile,
  serializeDashboard,
  type Migration,
} from './dashboard-migrations';
import { defaultDashboard } from './default-dashboard';

describe('migrate', () => {
  // A made-up history to exercise the runner: v1 had `title`, v2 renamed it `name`, v3 added `widgets`.
  const steps: Record<number, Migration> = {
    1: (d) => {
      const { title, ...rest } = d as { title: string };
      return { ...rest, name: title };
    },
    2: (d) => ({ ...(d as object), widgets: [] }),
  };

  it('applies every step from the old version to the current one, in order', () => {
    expect(migrate({ title: 'Old' }, 1, 3, steps)).toEqual({ ok: true, data: { name: 'Old', widgets: [] } });
    expect(migrate({ name: 'Mid' }, 2, 3, steps)).toEqual({ ok: true, data: { name: 'Mid', widgets: [] } });
  });

  it('passes current data through untouched', () => {
    const data = { name: 'Now', widgets: [] };
    expect(migrate(data, 3, 3, steps)).toEqual({ ok: true, data });
  });

  it('refuses data from a newer version instead of guessing', () => {
    const r = migrate({}, 4, 3, steps);
    expect(r).toEqual({ ok: false, error: 'Made by a newer Switchyard (format version 4); this one reads versions up to 3' });
  });

  it('refuses unknown versions, missing steps and failing steps', () => {
    expect(migrate({}, 0, 3, steps).ok).toBe(false);
    expect(migrate({}, 1.5, 3, steps).ok).toBe(false);
    expect(migrate({}, 1, 3, { 2: steps[2] })).toEqual({ ok: false, error: 'No way to upgrade format version 1' });
    const boom = migrate(null, 1, 2, { 1: () => { throw new Error('bad shape'); } });
    expect(boom).toEqual({ ok: false, error: 'Upgrading from format version 1 failed: bad shape' });
  });

  it('the real table reaches the current version from version 1', () => {
    expect(migrate({ dashboards: [] }, 1).ok).toBe(true);
    expect(DASHBOARD_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
  });
});

describe('dashboard files', () => {
  it('export then import gives back the same dashboard, and the same text', () => {
    const { name, widgets } = defaultDashboard();
    const text = serializeDashboard({ name, widgets });
    const r = parseDashboardFile(text);
    expect(r).toEqual({ ok: true, dashboard: { name, widgets } });
    if (r.ok) expect(serializeDashboard(r.dashboard)).toBe(text);
  });

  it('fills defaults for fields an older or hand-written file leaves out', () => {
    const text = JSON.stringify({
      format: 'switchyard-dashboard',
      version: 1,
      dashboard: { name: 'Hand made', widgets: [{ id: 'a', type: 'switch', label: 'Plug', pos: { x: 0, y: 0, w: 3, h: 2 }, commandTopic: 'plug/set' }] },
    });
    const r = parseDashboardFile(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.dashboard.widgets[0]).toMatchObject({ onPayload: 'ON', timeoutMs: 5000 });
  });

  it.each([
    ['{ nope', /^This file is not JSON/],
    ['[]', /not a Switchyard dashboard file/],
    ['{"format":"other"}', /not a Switchyard dashboard file/],
    ['{"format":"switchyard-dashboard","dashboard":{}}', /does not say which format version/],
    ['{"format":"switchyard-dashboard","version":99,"dashboard":{}}', /newer Switchyard \(format version 99\)/],
    ['{"format":"switchyard-dashboard","version":1,"dashboard":{"name":"x","widgets":[{"type":"switch"}]}}', /^The dashboard in this file is not valid: widgets\[0\]/],
  ])('refuses %s', (text, message) => {
    const r = parseDashboardFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('stored dashboards', () => {
  it('keeps valid dashboards and drops only the broken widgets', () => {
    const good = defaultDashboard();
    const reports: string[] = [];
    const loaded = loadStoredDashboards(
      {
        dashboards: [{ ...good, widgets: [...good.widgets, { id: 'bad', type: 'switch', commandTopic: '#' }] }, 'junk', { id: 7 }],
        activeId: 'home',
      },
      1,
      (m) => reports.push(m),
    );
    expect(loaded?.dashboards).toEqual([good]);
    expect(loaded?.activeId).toBe('home');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('Dropped a stored widget');
  });

  it('falls back to the first dashboard when the active one is gone', () => {
    const loaded = loadStoredDashboards({ dashboards: [defaultDashboard()], activeId: 'gone' }, 1);
    expect(loaded?.activeId).toBe('home');
  });

  it('returns undefined for data it cannot read (newer version, not an object)', () => {
    expect(loadStoredDashboards({ dashboards: [] }, 99)).toBeUndefined();
    expect(loadStoredDashboards('x', 1)).toBeUndefined();
  });
});
