/**
 * The saved connections: adding, editing, selecting and deleting them, the first-start profile
 * for the embedded broker, `?broker=` links, and what survives a reload. Each test loads a
 * fresh store over its own in-memory localStorage, as a new page would.
 * (Hostile stored data and refused writes for every store: persisted.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './test-storage';
import { hasStoredData } from './has-stored-data';

const KEY = 'switchyard.profiles';
let ls: MemoryStorage;
const g = globalThis as { localStorage?: Storage };

/** A new page: the store module loaded afresh over what `ls` holds (its checks first, as main.tsx does). */
async function load() {
  vi.resetModules();
  if (hasStoredData()) (await import('./start-schemas')).registerStartLoaders();
  const store = await import('./profiles-store');
  const notices = await import('./storage-notices');
  return { ...store, notices: () => notices.useStorageNotices.getState().notices.map((n) => n.message) };
}

const stored = () => JSON.parse(ls.getItem(KEY) ?? 'null') as { state: { profiles: { id: string; name: string; url: string; password: string }[]; activeId: string | null } } | null;

beforeEach(() => {
  ls = new MemoryStorage();
  g.localStorage = ls;
  vi.stubEnv('VITE_SWITCHYARD_BROKER_URL', '');
});
afterEach(() => {
  delete g.localStorage;
  vi.unstubAllEnvs();
});

describe('saved connections', () => {
  it('adding one makes it the active one; editing it replaces it in place', async () => {
    const s = await load();
    const a = s.newProfile({ url: 'ws://plant-a:9001' });
    const b = s.newProfile({ url: 'wss://plant-b.example/mqtt', name: 'Plant B' });
    s.saveProfile(a);
    s.saveProfile(b);
    expect(a.name).toBe('plant-a:9001');
    expect(s.activeProfile(s.useProfilesStore.getState())?.name).toBe('Plant B');
    s.saveProfile({ ...a, keepalive: 60 });
    const st = s.useProfilesStore.getState();
    expect(st.profiles.map((p) => [p.name, p.keepalive])).toEqual([
      ['plant-a:9001', 60],
      ['Plant B', 30],
    ]);
    expect(st.activeId).toBe(a.id);
  });

  it('select and rename act on the one named, and are saved', async () => {
    const s = await load();
    const a = s.newProfile({ url: 'ws://a:9001' });
    const b = s.newProfile({ url: 'ws://b:9001' });
    s.saveProfile(a);
    s.saveProfile(b);
    s.selectProfile(a.id);
    s.renameProfile(b.id, 'Backup');
    expect(s.activeProfile(s.useProfilesStore.getState())?.id).toBe(a.id);
    expect(stored()?.state.activeId).toBe(a.id);
    expect(stored()?.state.profiles.map((p) => p.name)).toEqual(['a:9001', 'Backup']);
  });

  it('deleting the active one makes the first remaining one active; deleting another keeps the choice', async () => {
    const s = await load();
    const [a, b, c] = ['ws://a:1', 'ws://b:1', 'ws://c:1'].map((url) => s.newProfile({ url }));
    [a, b, c].forEach(s.saveProfile);
    s.deleteProfile(c.id);
    expect(s.useProfilesStore.getState().activeId).toBe(a.id);
    s.selectProfile(b.id);
    s.deleteProfile(a.id);
    expect(s.useProfilesStore.getState()).toMatchObject({ activeId: b.id, profiles: [{ id: b.id }] });
    s.deleteProfile(b.id);
    expect(s.useProfilesStore.getState()).toEqual({ profiles: [], activeId: null });
  });

  it('a password is saved only with Remember password; without it, it lasts for this tab only', async () => {
    const s = await load();
    const kept = s.newProfile({ url: 'ws://a:1', password: 'kept-secret', rememberPassword: true });
    const tabOnly = s.newProfile({ url: 'ws://b:1', password: 'tab-secret' });
    s.saveProfile(kept);
    s.saveProfile(tabOnly);
    expect(s.useProfilesStore.getState().profiles.map((p) => p.password)).toEqual(['kept-secret', 'tab-secret']);
    expect(stored()?.state.profiles.map((p) => p.password)).toEqual(['kept-secret', '']);
    expect(ls.getItem(KEY)).not.toContain('tab-secret');
  });

  it('every broker URL of a profile, the first one first', async () => {
    const s = await load();
    expect(s.profileUrls({ url: 'ws://n1:9001', moreUrls: ['ws://n2:9001', 'ws://n3:9001'] })).toEqual(['ws://n1:9001', 'ws://n2:9001', 'ws://n3:9001']);
    expect(s.profileUrls({ url: 'ws://only:9001', moreUrls: [] })).toEqual(['ws://only:9001']);
  });
});

describe('the profile to start with', () => {
  it('first start: a profile for the embedded broker, MQTT 3.1.1, saved and active', async () => {
    const s = await load();
    const start = s.resolveStartProfile('');
    expect(start.error).toBeUndefined();
    expect(start.profile).toMatchObject({ name: 'Embedded broker', url: 'ws://localhost:9001', protocolVersion: 4, subscriptions: ['#'] });
    expect(stored()?.state).toMatchObject({ activeId: start.profile!.id, profiles: [{ name: 'Embedded broker' }] });
  });

  it('first start with the dev server’s broker URL: the embedded profile uses it', async () => {
    vi.stubEnv('VITE_SWITCHYARD_BROKER_URL', 'ws://127.0.0.1:19001');
    const s = await load();
    expect(s.resolveStartProfile('').profile?.url).toBe('ws://127.0.0.1:19001');
  });

  it('later starts: the last used profile, and no new one', async () => {
    const s = await load();
    const a = s.newProfile({ url: 'ws://a:1' });
    const b = s.newProfile({ url: 'ws://b:1' });
    s.saveProfile(a);
    s.saveProfile(b);
    s.selectProfile(a.id);
    const again = await load();
    expect(again.resolveStartProfile('').profile?.id).toBe(a.id);
    expect(again.useProfilesStore.getState().profiles).toHaveLength(2);
  });

  it('?broker= with a new URL: a profile for it, saved and active, over the last used one', async () => {
    const s = await load();
    s.saveProfile(s.newProfile({ url: 'ws://old:1' }));
    const start = s.resolveStartProfile('?broker=wss%3A%2F%2Fbroker.example%3A8884%2Fmqtt');
    expect(start.profile).toMatchObject({ url: 'wss://broker.example:8884/mqtt', name: 'broker.example:8884', protocolVersion: 5 });
    expect(stored()?.state.profiles.map((p) => p.url)).toEqual(['ws://old:1', 'wss://broker.example:8884/mqtt']);
    expect(stored()?.state.activeId).toBe(start.profile!.id);
  });

  it('?broker= with the URL of a saved profile selects that one instead of adding another', async () => {
    const s = await load();
    const a = s.newProfile({ url: 'ws://a:1', name: 'Mine' });
    s.saveProfile(a);
    s.saveProfile(s.newProfile({ url: 'ws://b:1' }));
    const start = s.resolveStartProfile(`?broker=${encodeURIComponent('ws://a:1')}`);
    expect(start.profile?.name).toBe('Mine');
    expect(s.useProfilesStore.getState()).toMatchObject({ activeId: a.id });
    expect(s.useProfilesStore.getState().profiles).toHaveLength(2);
  });

  it.each([
    ['not a URL', 'broker', /The link’s broker URL “broker” cannot be used\. Enter a broker URL/],
    ['not WebSocket', 'mqtt://broker:1883', /cannot be used\. Use a WebSocket URL/],
    ['with credentials', 'ws://admin:hunter2@broker:9001', /never takes credentials from a link: nothing was saved or sent/],
  ])('?broker= %s is refused with the reason; the saved profiles and the choice stay as they were', async (_name, url, reason) => {
    const s = await load();
    const a = s.newProfile({ url: 'ws://a:1' });
    s.saveProfile(a);
    const before = ls.getItem(KEY);
    const start = s.resolveStartProfile(`?broker=${encodeURIComponent(url)}`);
    expect(start.profile).toBeUndefined();
    expect(start.error).toMatch(reason);
    expect(start.error).not.toContain('hunter2');
    expect(ls.getItem(KEY)).toBe(before);
  });
});

describe('after a reload', () => {
  it('the profiles and the active one are back as they were', async () => {
    const s = await load();
    const a = s.newProfile({ url: 'ws://a:1', moreUrls: ['ws://a2:1'], clean: false, willTopic: 'status/me', willRetain: true });
    s.saveProfile(a);
    s.saveProfile(s.newProfile({ url: 'ws://b:1' }));
    s.selectProfile(a.id);
    const again = await load();
    const st = again.useProfilesStore.getState();
    expect(st.activeId).toBe(a.id);
    expect(st.profiles[0]).toEqual(a);
    expect(again.notices()).toEqual([]);
  });

  it('a stored list with a broken entry keeps the valid profiles, copies the original to .unreadable and says so', async () => {
    const s = await load();
    const good = { ...s.newProfile({ url: 'ws://good:1', name: 'Good' }), id: 'good' };
    const raw = JSON.stringify({ state: { profiles: [good, { name: 'no id or url' }, 'junk'], activeId: 'good' }, version: 1 });
    ls.setItem(KEY, raw);
    const again = await load();
    expect(again.useProfilesStore.getState()).toEqual({ profiles: [good], activeId: 'good' });
    expect(ls.getItem(`${KEY}.unreadable`)).toBe(raw);
    expect(stored()?.state.profiles.map((p) => p.id)).toEqual(['good']);
    expect(again.notices()).toEqual([`Some of your saved connections could not be read and were left out or reset; a copy was kept as ${KEY}.unreadable.`]);
  });

  it('a page whose checks did not load uses nothing stored and overwrites nothing, and says so', async () => {
    const s = await load();
    s.saveProfile({ ...s.newProfile({ url: 'ws://kept:1', name: 'Kept' }), id: 'kept' });
    const raw = ls.getItem(KEY);
    vi.resetModules(); // a new page that skipped start-schemas.ts (main.tsx always loads it when anything is stored)
    const unchecked = await import('./profiles-store');
    const notices = await import('./storage-notices');
    expect(unchecked.useProfilesStore.getState().profiles).toEqual([]);
    unchecked.saveProfile(unchecked.newProfile({ url: 'ws://new:1' }));
    expect(ls.getItem(KEY)).toBe(raw);
    expect(notices.useStorageNotices.getState().notices.map((n) => n.message)).toEqual([
      'Your saved connections could not be checked in this tab: they are left as they are, and changes in this tab are not saved. Reload the page to use them.',
    ]);
  });

  it('an unreadable stored value is copied to .unreadable and the app starts with the embedded profile', async () => {
    ls.setItem(KEY, '{"state": [');
    const s = await load();
    expect(s.resolveStartProfile('').profile?.name).toBe('Embedded broker');
    expect(ls.getItem(`${KEY}.unreadable`)).toBe('{"state": [');
    expect(s.notices()).toEqual([`Your saved connections could not be read; a copy was kept as ${KEY}.unreadable.`]);
  });
});
