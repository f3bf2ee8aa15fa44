/** User preferences that persist across reloads. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT } from '../core/message';
import { persistOptions, type PersistSpec } from './persisted';
import { STORE_KEYS } from './store-keys';

export { MAX_HISTORY_LIMIT };

export interface PrefsState {
  /** Messages kept per topic in the explorer's history. */
  historyLimit: number;
}

export const PREFS_PERSIST: PersistSpec<PrefsState> = {
  key: STORE_KEYS.prefs,
  what: 'preferences',
  // Version 1 is the first schema; later versions add steps to `migrations`.
  version: 1,
  migrations: {},
  // Checked by prefsLoader (start-schemas.ts), loaded only when something is stored.
};

export const usePrefsStore = create<PrefsState>()(
  persist(() => ({ historyLimit: DEFAULT_HISTORY_LIMIT }), persistOptions<PrefsState, PrefsState>(PREFS_PERSIST)),
);

/** Returns an error message for an invalid value, or null when saved. */
export function setHistoryLimit(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > MAX_HISTORY_LIMIT) {
    return `History size is a whole number from 1 to ${MAX_HISTORY_LIMIT.toLocaleString()}.`;
  }
  usePrefsStore.setState({ historyLimit: n });
  return null;
}
