/** Picks the start profile (?broker=, last used, or the embedded default) and connects. */
import { session } from '../mqtt/session';
import { resolveStartProfile } from '../stores/profiles-store';
import { usePrefsStore } from '../stores/prefs-store';
import { initSeries } from '../hooks/use-series';

declare global {
  interface Window {
    /** Read-only counters for the benchmark (`npm run bench`); not an API. */
    __switchyardStats?: () => { received: number; topics: number; coalesced: number };
  }
}

export function startSession(): void {
  initSeries();
  session.trie.setHistoryLimit(usePrefsStore.getState().historyLimit);
  usePrefsStore.subscribe((p) => session.trie.setHistoryLimit(p.historyLimit));
  const profile = resolveStartProfile(location.search);
  session.connect(profile);
  window.__switchyardStats = () => ({
    received: session.received,
    topics: session.trie.topicCount,
    coalesced: session.coalesced,
  });
}
