/**
 * Saved connection profiles (persisted in localStorage, versioned). Passwords are
 * persisted only for profiles with "Remember password"; otherwise they live in
 * memory for this tab only.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { newId } from '../core/ids';
import { profileUrls, type Profile } from '../core/connection';

export { profileUrls, type Profile };
import { hasCredentials, validateBrokerUrl } from '../lib/broker-url';
import { persistOptions, type PersistSpec } from './persisted';
import { STORE_KEYS } from './store-keys';


export interface ProfilesState {
  profiles: Profile[];
  activeId: string | null;
}

export function defaultBrokerUrl(): string {
  const fromEnv = import.meta.env.VITE_SWITCHYARD_BROKER_URL as string | undefined;
  if (fromEnv) return fromEnv;
  const host = typeof location !== 'undefined' && location.hostname ? location.hostname : 'localhost';
  return `ws://${host}:9001`;
}

export function newProfile(partial: Partial<Profile> = {}): Profile {
  const url = partial.url ?? defaultBrokerUrl();
  return {
    id: newId('p'),
    name: partial.name ?? nameForUrl(url),
    url,
    moreUrls: [],
    clientId: '',
    username: '',
    password: '',
    rememberPassword: false,
    keepalive: 30,
    clean: true,
    protocolVersion: 5,
    subscriptions: ['#'],
    willTopic: '',
    willPayload: '',
    willQos: 0,
    willRetain: false,
    ...partial,
  };
}

export function nameForUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.host || url;
  } catch {
    return url;
  }
}

export const PROFILES_PERSIST: PersistSpec<ProfilesState> = {
  key: STORE_KEYS.profiles,
  what: 'saved connections',
  // Version 1 is the first schema; later versions add steps to `migrations`.
  version: 1,
  migrations: {},
  // Checked by profilesLoader (start-schemas.ts), loaded only when something is stored.
};

export const useProfilesStore = create<ProfilesState>()(
  persist(() => ({ profiles: [] as Profile[], activeId: null as string | null }), {
    ...persistOptions<ProfilesState, ProfilesState>(PROFILES_PERSIST),
    partialize: (s) => ({
      activeId: s.activeId,
      profiles: s.profiles.map((p) => (p.rememberPassword ? p : { ...p, password: '' })),
    }),
  }),
);

/** Every broker URL of a profile, the first one first. */
export const activeProfile = (s: ProfilesState): Profile | undefined =>
  s.profiles.find((p) => p.id === s.activeId) ?? s.profiles[0];

export function saveProfile(p: Profile): void {
  useProfilesStore.setState((s) => {
    const exists = s.profiles.some((x) => x.id === p.id);
    return { profiles: exists ? s.profiles.map((x) => (x.id === p.id ? p : x)) : [...s.profiles, p], activeId: p.id };
  });
}

export function selectProfile(id: string): void {
  useProfilesStore.setState({ activeId: id });
}

export function renameProfile(id: string, name: string): void {
  useProfilesStore.setState((s) => ({ profiles: s.profiles.map((p) => (p.id === id ? { ...p, name } : p)) }));
}

export function deleteProfile(id: string): void {
  useProfilesStore.setState((s) => {
    const profiles = s.profiles.filter((p) => p.id !== id);
    return { profiles, activeId: s.activeId === id ? (profiles[0]?.id ?? null) : s.activeId };
  });
}

export type StartProfile = { profile: Profile; error?: undefined } | { profile?: undefined; error: string };

/**
 * The profile to use at start: `?broker=` wins (an existing profile with that URL,
 * or a new one), else the last used, else a first-start profile for the embedded broker.
 * A `?broker=` that is not a usable WebSocket URL, or that carries credentials, is
 * refused with the reason and nothing is saved.
 */
export function resolveStartProfile(search: string): StartProfile {
  const param = new URLSearchParams(search).get('broker');
  const s = useProfilesStore.getState();
  if (param !== null) {
    if (hasCredentials(param)) {
      return {
        error:
          'The link’s broker URL contains a user name or password. Switchyard never takes credentials from a link: nothing was saved or sent. Open Connections and enter them in Username and Password.',
      };
    }
    const bad = validateBrokerUrl(param);
    if (bad) {
      const shown = param.length > 200 ? `${param.slice(0, 200)}…` : param;
      return { error: `The link’s broker URL “${shown}” cannot be used. ${bad} Nothing was saved.` };
    }
    const found = s.profiles.find((p) => p.url === param);
    if (found) {
      selectProfile(found.id);
      return { profile: found };
    }
    const p = newProfile({ url: param });
    saveProfile(p);
    return { profile: p };
  }
  const existing = activeProfile(s);
  if (existing) return { profile: existing };
  // The embedded broker (aedes) speaks MQTT 3.1.1 only.
  const p = newProfile({ name: 'Embedded broker', protocolVersion: 4 });
  saveProfile(p);
  return { profile: p };
}
