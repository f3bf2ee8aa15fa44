import { describe, expect, it } from 'vitest';
import { newProfile } from '../../stores/profiles-store';
import { parseUrls } from './broker-urls-field';
import { validateProfile } from './validate-profile';
import { registerStartLoaders } from '../../stores/start-schemas';

// As main.tsx does when something is stored: the start stores' checks, registered before they read.
registerStartLoaders();

describe('several broker URLs', () => {
  it('one URL per line, blank lines and spaces left out', () => {
    expect(parseUrls(' ws://a:1/ws \n\n ws://b:2/ws\n')).toEqual(['ws://a:1/ws', 'ws://b:2/ws']);
  });
  it('each further URL is checked like the first, and the bad line is named', () => {
    expect(validateProfile(newProfile({ url: 'ws://a:1', moreUrls: ['ws://b:2'] })).url).toBeUndefined();
    expect(validateProfile(newProfile({ url: 'ws://a:1', moreUrls: ['ws://b:2', 'http://c:3'] })).url).toMatch(/^Line 3 \(“http:\/\/c:3”\): Use a WebSocket URL/);
    expect(validateProfile(newProfile({ url: 'ws://a:1', moreUrls: ['ws://user:pw@b:2'] })).url).toMatch(/^Line 2 .*credentials/);
  });
});

describe('stored profiles and moreUrls', () => {
  it('a profile saved before moreUrls existed loads with none; bad entries fall back to none', async () => {
    const { readStored } = await import('../../stores/persisted');
    const { PROFILES_PERSIST } = await import('../../stores/profiles-store');
    const { moreUrls: _drop, ...old } = { ...newProfile({ url: 'ws://a:1' }), id: 'old' };
    const stored = (profiles: unknown[]) => JSON.stringify({ state: { profiles, activeId: null }, version: 1 });
    const r = readStored(stored([old]), PROFILES_PERSIST);
    expect(r.kind).toBe('ok');
    expect(r.kind === 'ok' && r.state.profiles[0].moreUrls).toEqual([]);
    const kept = readStored(stored([{ ...old, moreUrls: ['ws://b:2'] }]), PROFILES_PERSIST);
    expect(kept.kind === 'ok' && kept.state.profiles[0].moreUrls).toEqual(['ws://b:2']);
    const bad = readStored(stored([{ ...old, moreUrls: 'ws://b:2' }]), PROFILES_PERSIST);
    expect(bad.kind === 'partial' && bad.state.profiles[0].moreUrls).toEqual([]);
  });
});
