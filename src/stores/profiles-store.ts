/**
 * Saved connection profiles (persisted in localStorage, versioned). Passwords are
 * persisted only for profiles with "Remember password"; otherwise they live in
 * memory for this tab only.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { MqttVersion } from '../mqtt/protocol';

export interface Profile {
  id: string;
  name: string;
  url: string;
  /** Empty means: generate a fresh ID for every tab (avoids two tabs kicking each other off). */
  clientId: string;
  username: string;
  password: string;
  rememberPassword: boolean;
  keepalive: number;
  clean: boolean;
  protocolVersion: MqttVersion;
  subscriptions: string[];
  willTopic: string;
  willPayload: string;
  willQos: 0 | 1 | 2;
  willRetain: boolean;
}

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
    id: `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`,
    name: partial.name ?? nameForUrl(url),
    url,
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

export const useProfilesStore = create<ProfilesState>()(
  persist(() => ({ profiles: [] as Profile[], activeId: null as string | null }), {
    name: 'switchyard.profiles',
    version: 1,
    partialize: (s) => ({
      activeId: s.activeId,
      profiles: s.profiles.map((p) => (p.rememberPassword ? p : { ...p, password: '' })),
    }),
    // Version 1 is the first schema; later versions add steps here.
    migrate: (persisted) => persisted as ProfilesState,
  }),
);

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

/**
 * The profile to use at start: `?broker=` wins (an existing profile with that URL,
 * or a new one), else the last used, else a first-start profile for the embedded broker.
 */
export function resolveStartProfile(search: string): Profile {
  const param = new URLSearchParams(search).get('broker');
  const s = useProfilesStore.getState();
  if (param) {
    const found = s.profiles.find((p) => p.url === param);
    if (found) {
      selectProfile(found.id);
      return found;
    }
    const p = newProfile({ url: param });
    saveProfile(p);
    return p;
  }
  const existing = activeProfile(s);
  if (existing) return existing;
  // The embedded broker (aedes) speaks MQTT 3.1.1 only.
  const p = newProfile({ name: 'Embedded broker', protocolVersion: 4 });
  saveProfile(p);
  return p;
}
