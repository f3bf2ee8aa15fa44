/**
 * Every persisted store against hostile or broken localStorage: the app state
 * stays usable, what is valid is kept, unreadable data is copied to
 * `<key>.unreadable` before anything overwrites it, the user is told once,
 * nothing reaches Object.prototype, and a storage that refuses writes never
 * breaks the app.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeProfile, newProfile, PROFILES_PERSIST, resolveStartProfile, saveProfile, useProfilesStore } from './profiles-store';
import { MAX_HISTORY_LIMIT, PREFS_PERSIST, usePrefsStore } from './prefs-store';
import { countProperties, emptyDraft, PUBLISH_PERSIST, usePublishStore } from './publish-store';
import { CHARTS_PERSIST, trackedSeries, useChartsStore } from './charts-store';
import { activeDashboard, DASHBOARDS_PERSIST, useDashboardStore } from './dashboard-store';
import { defaultDashboard } from '../core/default-dashboard';
import { ALERTS_PERSIST, useAlertRulesStore } from './alert-rules-store';
import { readStored, type PersistSpec } from './persisted';
import { resetStorageNotices, useStorageNotices } from './storage-notices';
import { MemoryStorage } from './test-storage';
import { registerStartLoaders } from './start-schemas';

// As main.tsx does when something is stored: the start stores' checks, registered before they read.
registerStartLoaders();

let ls: MemoryStorage;
const g = globalThis as { localStorage?: Storage };

beforeEach(async () => {
  ls = new MemoryStorage();
  g.localStorage = ls;
  // Each test starts from empty storage, as a fresh page would.
  for (const store of [useProfilesStore, usePrefsStore, usePublishStore, useChartsStore, useDashboardStore, useAlertRulesStore]) await store.persist.rehydrate();
  resetStorageNotices();
});
afterEach(() => {
  delete g.localStorage;
});

const notices = () => useStorageNotices.getState().notices.map((n) => n.message);

interface Case {
  name: string;
  spec: PersistSpec<unknown>;
  what: string;
  reset: () => void;
  rehydrate: () => Promise<void> | void;
  /** Uses the state the way the app does; throws if it is not usable. */
  use: () => void;
  /** Readable data with some bad parts, and what must survive of it. */
  partlyBad: { raw: unknown; kept: () => void };
  /** A valid stored value (round trip: read without any notice). */
  valid: unknown;
}

const goodProfile = { ...newProfile({ url: 'ws://broker.example:9001', name: 'Plant' }), id: 'p1' };

const cases: Case[] = [
  {
    name: 'switchyard.profiles',
    spec: PROFILES_PERSIST as PersistSpec<unknown>,
    what: 'saved connections',
    reset: () => useProfilesStore.setState({ profiles: [], activeId: null }),
    rehydrate: () => useProfilesStore.persist.rehydrate(),
    use: () => {
      const s = useProfilesStore.getState();
      activeProfile(s);
      expect(Array.isArray(s.profiles)).toBe(true);
      for (const p of s.profiles) expect(typeof p.url).toBe('string');
    },
    partlyBad: {
      raw: {
        profiles: [goodProfile, null, { id: 'p2' }, { ...goodProfile, id: 'p3', keepalive: 'soon', subscriptions: 'all' }, 7],
        activeId: 'p3',
      },
      kept: () => {
        const s = useProfilesStore.getState();
        expect(s.profiles.map((p) => p.id)).toEqual(['p1', 'p3']);
        expect(s.profiles[1]).toMatchObject({ keepalive: 30, subscriptions: ['#'], url: goodProfile.url });
        expect(s.activeId).toBe('p3');
      },
    },
    valid: { profiles: [goodProfile], activeId: 'p1' },
  },
  {
    name: 'switchyard.prefs',
    spec: PREFS_PERSIST as PersistSpec<unknown>,
    what: 'preferences',
    reset: () => usePrefsStore.setState({ historyLimit: 100 }),
    rehydrate: () => usePrefsStore.persist.rehydrate(),
    use: () => {
      const n = usePrefsStore.getState().historyLimit;
      expect(Number.isInteger(n) && n >= 1 && n <= MAX_HISTORY_LIMIT).toBe(true);
    },
    partlyBad: { raw: { historyLimit: 1e8 }, kept: () => expect(usePrefsStore.getState().historyLimit).toBe(100) },
    valid: { historyLimit: 250 },
  },
  {
    name: 'switchyard.publish',
    spec: PUBLISH_PERSIST as PersistSpec<unknown>,
    what: 'publish form, history and templates',
    reset: () => usePublishStore.setState({ draft: emptyDraft(), history: [], templates: [], queued: [] }),
    rehydrate: () => usePublishStore.persist.rehydrate(),
    use: () => {
      const s = usePublishStore.getState();
      countProperties(s.draft.properties);
      s.history.forEach((h) => countProperties(h.properties));
      s.templates.forEach((t) => t.name.trim());
    },
    partlyBad: {
      raw: {
        draft: { ...emptyDraft(), topic: 'keep/me', qos: 7, properties: { userProperties: [{ key: 'a', value: 'b' }, null] } },
        history: [{ ...emptyDraft(), id: 'h1', time: 1, topic: 'old' }, { id: 'h2' }],
        templates: 'none',
      },
      kept: () => {
        const s = usePublishStore.getState();
        expect(s.draft.topic).toBe('keep/me');
        expect(s.draft.qos).toBe(0);
        expect(s.draft.properties.userProperties).toEqual([{ key: 'a', value: 'b' }]);
        expect(s.history.map((h) => h.id)).toEqual(['h1']);
        expect(s.templates).toEqual([]);
      },
    },
    valid: { draft: { ...emptyDraft(), topic: 't' }, history: [], templates: [] },
  },
  {
    name: 'switchyard.charts',
    spec: CHARTS_PERSIST as PersistSpec<unknown>,
    what: 'charts',
    reset: () => useChartsStore.setState({ charts: [] }),
    rehydrate: () => useChartsStore.persist.rehydrate(),
    use: () => trackedSeries(),
    partlyBad: {
      raw: {
        charts: [
          { id: 'c1', title: 'T', window: '5m', series: [{ id: 's1', topic: 'a/b', field: '', color: 0 }, { topic: 'x/#' }] },
          { title: 'no id' },
        ],
      },
      kept: () => expect(useChartsStore.getState().charts.map((c) => [c.id, c.series.length])).toEqual([['c1', 1]]),
    },
    valid: { charts: [{ id: 'c1', title: 'T', window: '5m', series: [{ id: 's1', topic: 'a/b', field: '', color: 0 }] }] },
  },
  {
    name: 'switchyard.alerts',
    spec: ALERTS_PERSIST as PersistSpec<unknown>,
    what: 'alert rules',
    reset: () => useAlertRulesStore.setState({ rules: [], notify: false }),
    rehydrate: () => useAlertRulesStore.persist.rehydrate(),
    use: () => useAlertRulesStore.getState().rules.forEach((r) => r.filter.split('/')),
    partlyBad: {
      raw: {
        rules: [
          { id: 'a1', filter: 'plant/+/temp', condition: 'above', value: 30, hysteresis: 2, enabled: true },
          { id: 'a2', filter: 'a/#/b', condition: 'above', value: 1, enabled: true },
          { id: 'a3', filter: 'x', condition: 'above', value: '30', enabled: true },
          { id: 'a1', filter: 'dup', condition: 'silent', seconds: 5, enabled: true },
          null,
        ],
        notify: 'yes',
      },
      kept: () => {
        expect(useAlertRulesStore.getState().rules.map((r) => r.id)).toEqual(['a1']);
        expect(useAlertRulesStore.getState().notify).toBe(false);
      },
    },
    valid: { rules: [{ id: 'a1', filter: 'plant/+/temp', condition: 'above', value: 30, enabled: true }], notify: true },
  },
  {
    name: 'switchyard.dashboards',
    spec: DASHBOARDS_PERSIST as PersistSpec<unknown>,
    what: 'dashboards',
    reset: () => useDashboardStore.setState({ dashboards: [defaultDashboard()], activeId: 'home' }),
    rehydrate: () => useDashboardStore.persist.rehydrate(),
    use: () => {
      const d = activeDashboard(useDashboardStore.getState());
      d?.widgets.forEach((w) => w.pos.x);
    },
    partlyBad: {
      raw: { dashboards: [{ ...defaultDashboard(), widgets: [...defaultDashboard().widgets, { type: 'switch' }] }, 5], activeId: 'home' },
      kept: () => {
        const d = activeDashboard(useDashboardStore.getState())!;
        expect(d.id).toBe('home');
        expect(d.widgets.length).toBe(defaultDashboard().widgets.length);
      },
    },
    valid: { dashboards: [defaultDashboard()], activeId: 'home' },
  },
];

const wrap = (state: unknown, version = 1) => JSON.stringify({ state, version });

const unreadableValues: [string, string][] = [
  ['{}', '{}'],
  ['[null]', '[null]'],
  ['not json{', 'not json{'],
  ['null state', wrap(null)],
  ['array state', wrap([null])],
  ['string version', JSON.stringify({ state: {}, version: '1' })],
  ['newer version', wrap({}, 99)],
  ['__proto__ at the top', '{"__proto__":{"polluted":1}}'],
  ['__proto__ as the state', '{"state":{"__proto__":{"polluted":1}},"version":1,"__proto__":{"polluted":1}}'],
];

describe.each(cases)('$name', (c) => {
  beforeEach(() => c.reset());

  it.each(unreadableValues)('%s: the app still works, a copy is kept, the user is told once', async (_label, raw) => {
    ls.setItem(c.name, raw);
    await c.rehydrate();
    c.use();
    expect(ls.getItem(`${c.name}.unreadable`)).toBe(raw);
    // Nothing usable: removed. Stores whose every field has a default keep an object's defaults instead.
    const now = ls.getItem(c.name);
    if (now !== null) expect(readStored(now, c.spec).kind).toBe('ok');
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatch(/could not be read(; | and were left out or reset; )a copy was kept as /);
    expect(notices()[0]).toContain(`Your ${c.what} could not be read`.slice(5));
    expect(notices()[0]).toContain(`a copy was kept as ${c.name}.unreadable.`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Told once: reading again (nothing stored now) adds nothing.
    await c.rehydrate();
    expect(notices()).toHaveLength(1);
  });

  it('wrong types inside: keeps what is valid, copies the original, stores the cleaned data', async () => {
    const raw = wrap(c.partlyBad.raw);
    ls.setItem(c.name, raw);
    await c.rehydrate();
    c.use();
    c.partlyBad.kept();
    expect(ls.getItem(`${c.name}.unreadable`)).toBe(raw);
    expect(notices()[0]).toBe(`Some of your ${c.what} could not be read and were left out or reset; a copy was kept as ${c.name}.unreadable.`);
    // The cleaned data is stored: the next load reads it without a word.
    expect(readStored(ls.getItem(c.name), c.spec).kind).toBe('ok');
  });

  it('__proto__ keys inside are dropped and pollute nothing', async () => {
    const withProto = JSON.stringify(c.valid).replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},');
    const raw = `{"state":${withProto},"version":${c.spec.version}}`;
    ls.setItem(c.name, raw);
    await c.rehydrate();
    c.use();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a different unreadable copy already kept is not overwritten', async () => {
    ls.setItem(`${c.name}.unreadable`, 'older copy');
    ls.setItem(c.name, 'not json{');
    await c.rehydrate();
    expect(ls.getItem(`${c.name}.unreadable`)).toBe('older copy');
    expect(ls.getItem(`${c.name}.unreadable.2`)).toBe('not json{');
    expect(notices()[0]).toContain(`a copy was kept as ${c.name}.unreadable.2`);
  });

  it('valid data is read as it was, without a notice', async () => {
    ls.setItem(c.name, wrap(c.valid, c.spec.version));
    await c.rehydrate();
    c.use();
    expect(notices()).toEqual([]);
    expect(ls.getItem(`${c.name}.unreadable`)).toBeNull();
  });

  it('no room even for the copy: the stored data is never overwritten, and the user is told', async () => {
    ls.setItem(c.name, 'not json{');
    ls.failWrites = true;
    await c.rehydrate();
    c.use();
    expect(notices()[0]).toMatch(/could not be read, and the browser had no room for a copy/);
    ls.failWrites = false;
    // Changes in this tab are not written over the original.
    c.reset();
    expect(ls.getItem(c.name)).toBe('not json{');
  });
});

describe('a storage that throws on write', () => {
  it('saving a profile keeps it in memory and tells the user once what was not saved', () => {
    ls.failWrites = true;
    useProfilesStore.setState({ profiles: [], activeId: null });
    const p = newProfile({ url: 'ws://127.0.0.1:1884' });
    expect(() => saveProfile(p)).not.toThrow();
    expect(() => saveProfile({ ...p, name: 'again' })).not.toThrow();
    expect(activeProfile(useProfilesStore.getState())?.name).toBe('again');
    expect(notices()).toEqual([
      'Your saved connections could not be saved: the browser’s storage for this site is full. Changes last only until this tab is closed.',
    ]);
  });

  it('?broker= still resolves a profile to connect with', () => {
    ls.failWrites = true;
    useProfilesStore.setState({ profiles: [], activeId: null });
    const start = resolveStartProfile('?broker=ws%3A%2F%2F127.0.0.1%3A1884');
    expect(start.profile?.url).toBe('ws://127.0.0.1:1884');
  });

  it('every store writes without throwing', () => {
    ls.failWrites = true;
    expect(() => usePrefsStore.setState({ historyLimit: 5 })).not.toThrow();
    expect(() => useChartsStore.setState({ charts: [] })).not.toThrow();
    expect(() => useDashboardStore.setState({ activeId: 'home' })).not.toThrow();
    expect(() => usePublishStore.setState({ draft: emptyDraft() })).not.toThrow();
    expect(notices()).toEqual(expect.arrayContaining([expect.stringMatching(/^Your preferences could not be saved/)]));
  });
});

describe('?broker= over unreadable profiles', () => {
  it('keeps a copy before the new profile is saved', async () => {
    useProfilesStore.setState({ profiles: [], activeId: null });
    ls.setItem('switchyard.profiles', '{"state":{"profiles":null},"version":1}');
    await useProfilesStore.persist.rehydrate();
    const start = resolveStartProfile('?broker=ws%3A%2F%2F127.0.0.1%3A1884');
    expect(start.profile?.url).toBe('ws://127.0.0.1:1884');
    expect(ls.getItem('switchyard.profiles.unreadable')).toBe('{"state":{"profiles":null},"version":1}');
    expect(JSON.parse(ls.getItem('switchyard.profiles')!).state.profiles).toHaveLength(1);
  });
});

describe('?broker= deep links', () => {
  it.each([
    ['foo', /cannot be used\. Enter a broker URL/],
    ['http://example.com', /cannot be used\. Use a WebSocket URL/],
    ['ws://user:secret@example.com:9001', /never takes credentials from a link/],
    ['ws://:secret@example.com', /never takes credentials from a link/],
  ])('%s is refused with a reason and nothing is saved', (url, reason) => {
    useProfilesStore.setState({ profiles: [], activeId: null });
    const start = resolveStartProfile(`?broker=${encodeURIComponent(url)}`);
    expect(start.profile).toBeUndefined();
    expect(start.error).toMatch(reason);
    expect(start.error).not.toContain('secret');
    expect(useProfilesStore.getState().profiles).toEqual([]);
    expect(JSON.parse(ls.getItem('switchyard.profiles') ?? '{"state":{"profiles":[]}}').state.profiles).toEqual([]);
  });
});

describe('migrations', () => {
  it('upgrades step by step from an older version before the schema check', () => {
    const spec: PersistSpec<{ n: number }> = {
      key: 'k',
      what: 'things',
      version: 3,
      migrations: { 1: (d) => ({ count: (d as { c: number }).c }), 2: (d) => ({ n: (d as { count: number }).count }) },
      load: (d) => (typeof (d as { n?: unknown }).n === 'number' ? { state: d as { n: number }, partial: false } : undefined),
    };
    expect(readStored(wrap({ c: 4 }, 1), spec)).toEqual({ kind: 'ok', state: { n: 4 } });
    expect(readStored(wrap({ c: 4 }, 0), spec).kind).toBe('unreadable');
    expect(readStored(wrap({ n: 1 }, 4), spec).kind).toBe('unreadable');
  });
});
