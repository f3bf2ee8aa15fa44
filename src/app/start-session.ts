/** Picks the start profile (?broker=, last used, or the embedded default) and connects. */
import { session } from '../mqtt/session';
import { resolveStartProfile } from '../stores/profiles-store';

declare global {
  interface Window {
    /** Read-only counters for the benchmark (`npm run bench`); not an API. */
    __switchyardStats?: () => { received: number; topics: number; coalesced: number };
  }
}

export function startSession(): void {
  const profile = resolveStartProfile(location.search);
  session.connect(profile);
  window.__switchyardStats = () => ({
    received: session.received,
    topics: session.trie.topicCount,
    coalesced: session.coalesced,
  });
}
