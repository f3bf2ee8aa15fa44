/** User preferences that persist across reloads. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_HISTORY_LIMIT } from '../core/message';

export const MAX_HISTORY_LIMIT = 10_000;

interface PrefsState {
  /** Messages kept per topic in the explorer's history. */
  historyLimit: number;
}

export const usePrefsStore = create<PrefsState>()(
  persist(() => ({ historyLimit: DEFAULT_HISTORY_LIMIT }), { name: 'switchyard.prefs', version: 1 }),
);

/** Returns an error message for an invalid value, or null when saved. */
export function setHistoryLimit(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > MAX_HISTORY_LIMIT) {
    return `History size is a whole number from 1 to ${MAX_HISTORY_LIMIT.toLocaleString()}.`;
  }
  usePrefsStore.setState({ historyLimit: n });
  return null;
}
