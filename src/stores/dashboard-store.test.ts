import { beforeEach, describe, expect, it } from 'vitest';
import {
  activeDashboard,
  addWidget,
  createDashboard,
  deleteDashboard,
  deleteWidget,
  findPlace,
  importDashboard,
  renameDashboard,
  selectDashboard,
  setLayout,
  uniqueName,
  updateWidget,
  useDashboardStore,
} from './dashboard-store';
import { defaultDashboard } from '../core/default-dashboard';
import type { Widget } from '../core/dashboard-schema';
import type { WidgetDraft } from '../core/ha-discovery';

const state = () => useDashboardStore.getState();
const home = () => state().dashboards.find((d) => d.id === 'home')!;
const plug: WidgetDraft = {
  type: 'switch',
  label: 'Plug',
  commandTopic: 'plug/set',
  stateTopic: 'plug/state',
  onPayload: 'on',
  offPayload: 'off',
  stateOn: '',
  stateOff: '',
  stateJsonPath: '',
  qos: 1,
  retain: false,
  availabilityTopic: '',
  availabilityOnline: 'online',
  availabilityOffline: 'offline',
  timeoutMs: 1500,
};

beforeEach(() => useDashboardStore.setState({ dashboards: [defaultDashboard()], activeId: 'home' }));

describe('dashboard store', () => {
  it('starts with the default dashboard wired to the simulator', () => {
    const d = activeDashboard(state())!;
    expect(d.name).toBe('Home');
    const labels = d.widgets.map((w) => `${w.type}:${w.label}`);
    expect(labels).toEqual(
      expect.arrayContaining([
        'switch:Office lamp',
        'switch:Kitchen light',
        'chart:Living room temperature',
        'gauge:Garden temperature',
        'gauge:Garden humidity',
        'gauge:Garden pressure',
        'slider:Sensor th-01 interval',
      ]),
    );
  });

  it('adds a validated widget at the first free spot, and refuses an invalid one', () => {
    const r = addWidget('home', plug);
    expect(r.ok).toBe(true);
    const w = home().widgets.find((x) => r.ok && x.id === r.id)!;
    expect(w).toMatchObject({ label: 'Plug', timeoutMs: 1500 });
    // Below the default layout's widgets (the grid is full up to row 11).
    expect(w.pos).toEqual({ x: 0, y: 11, w: 4, h: 2 });
    const before = home();
    const bad = addWidget('home', { ...plug, commandTopic: 'a/#' });
    expect(bad).toEqual({ ok: false, error: 'commandTopic: Wildcards + and # are not allowed in a publish topic' });
    expect(home()).toBe(before);
  });

  it('updates a widget in place (same id and position) and deletes it', () => {
    const r = addWidget('home', plug);
    if (!r.ok) throw new Error(r.error);
    const pos = home().widgets.find((w) => w.id === r.id)!.pos;
    expect(updateWidget('home', r.id, { ...plug, label: 'Desk plug' }).ok).toBe(true);
    expect(home().widgets.find((w) => w.id === r.id)).toMatchObject({ label: 'Desk plug', pos });
    expect(updateWidget('home', r.id, { ...plug, label: '' }).ok).toBe(false);
    expect(home().widgets.find((w) => w.id === r.id)?.label).toBe('Desk plug');
    deleteWidget('home', r.id);
    expect(home().widgets.some((w) => w.id === r.id)).toBe(false);
  });

  it('applies grid layouts, ignoring impossible positions', () => {
    setLayout('home', [
      { i: 'office-lamp', x: 9, y: 20, w: 3, h: 3 },
      { i: 'kitchen-light', x: 11, y: 0, w: 3, h: 2 },
      { i: 'nope', x: 0, y: 0, w: 1, h: 1 },
    ]);
    expect(home().widgets.find((w) => w.id === 'office-lamp')?.pos).toEqual({ x: 9, y: 20, w: 3, h: 3 });
    expect(home().widgets.find((w) => w.id === 'kitchen-light')?.pos).toEqual({ x: 4, y: 0, w: 4, h: 2 });
  });

  it('creates, renames, selects and deletes dashboards', () => {
    const r = createDashboard('Garage');
    expect(r.ok).toBe(true);
    expect(activeDashboard(state())?.name).toBe('Garage');
    expect(createDashboard('  ')).toEqual({ ok: false, error: 'Enter a name' });
    if (!r.ok) return;
    expect(renameDashboard(r.id, 'Home')).toEqual({ ok: false, error: 'Another dashboard is called Home' });
    expect(renameDashboard(r.id, 'Workshop').ok).toBe(true);
    selectDashboard('home');
    expect(activeDashboard(state())?.id).toBe('home');
    deleteDashboard('home');
    expect(state().dashboards.map((d) => d.name)).toEqual(['Workshop']);
    expect(state().activeId).toBe(r.id);
    deleteDashboard(r.id);
    expect(state()).toMatchObject({ dashboards: [], activeId: null });
  });

  it('imports a dashboard as a new one and opens it; a taken name gets a number', () => {
    const { name, widgets } = defaultDashboard();
    const r = importDashboard({ name, widgets });
    expect(r.ok).toBe(true);
    expect(activeDashboard(state())).toMatchObject({ name: 'Home (2)', widgets });
    expect(state().dashboards).toHaveLength(2);
    const bad = importDashboard({ name: 'x', widgets: [{ ...widgets[0], id: '' } as Widget] });
    expect(bad.ok).toBe(false);
    expect(state().dashboards).toHaveLength(2);
  });
});

describe('helpers', () => {
  it('uniqueName numbers taken names', () => {
    const ds = [{ id: 'a', name: 'X', widgets: [] }, { id: 'b', name: 'X (2)', widgets: [] }];
    expect(uniqueName('Y', ds)).toBe('Y');
    expect(uniqueName('X', ds)).toBe('X (3)');
    expect(uniqueName('X', ds, 'a')).toBe('X');
  });

  it('findPlace fills gaps before going below', () => {
    const at = (x: number, y: number, w: number, h: number) => ({ pos: { x, y, w, h } }) as Widget;
    expect(findPlace([], 3, 2)).toEqual({ x: 0, y: 0, w: 3, h: 2 });
    expect(findPlace([at(0, 0, 3, 2), at(6, 0, 6, 2)], 3, 2)).toEqual({ x: 3, y: 0, w: 3, h: 2 });
    expect(findPlace([at(0, 0, 12, 2)], 3, 2)).toEqual({ x: 0, y: 2, w: 3, h: 2 });
  });
});
