/** User preferences that persist across reloads. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import * as z from 'zod/mini';
import { DEFAULT_HISTORY_LIMIT } from '../core/message';
import { lenient, persistOptions, schemaLoader, type PersistSpec } from './persisted';

export const MAX_HISTORY_LIMIT = 10_000;

export interface PrefsState {
  /** Messages kept per topic in the explorer's history. */
  historyLimit: number;
}

export const PREFS_PERSIST: PersistSpec<PrefsState> = {
  key: 'switchyard.prefs',
  what: 'preferences',
  // Version 1 is the first schema; later versions add steps to `migrations`.
  version: 1,
  migrations: {},
  load: schemaLoader<PrefsState>(
    z.object({ historyLimit: lenient(z.int().check(z.minimum(1), z.maximum(MAX_HISTORY_LIMIT)), DEFAULT_HISTORY_LIMIT) }),
  ),
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
