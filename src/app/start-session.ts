/** Picks the start profile (?broker=, last used, or the embedded default) and connects. */
import { session } from '../mqtt/session';
import { resolveStartProfile } from '../stores/profiles-store';
import { usePrefsStore } from '../stores/prefs-store';
import { initSeries } from '../hooks/use-series';
import { useSessionStore } from '../stores/session-store';
import { hasCredentials } from '../lib/broker-url';
import { installLeaveGuard } from '../lib/leave-guard';

declare global {
  interface Window {
    /** Read-only counters for the benchmark (`npm run bench`); not an API. */
    __switchyardStats?: () => { received: number; topics: number; coalesced: number };
  }
}

export function startSession(): void {
  installLeaveGuard();
  initSeries();
  session.trie.setHistoryLimit(usePrefsStore.getState().historyLimit);
  usePrefsStore.subscribe((p) => session.trie.setHistoryLimit(p.historyLimit));
  const start = resolveStartProfile(location.search);
  if (start.profile) session.connect(start.profile);
  else refuseStartLink(start.error);
  window.__switchyardStats = () => ({
    received: session.received,
    topics: session.trie.topicCount,
    coalesced: session.coalesced,
  });
}

/** A `?broker=` that cannot be used: say why in the status, connect nowhere, keep no credentials in the address bar. */
function refuseStartLink(reason: string): void {
  useSessionStore.setState({ state: 'error', reason, retryAt: undefined, subscriptions: [] });
  const params = new URLSearchParams(location.search);
  if (hasCredentials(params.get('broker') ?? '')) {
    params.delete('broker');
    const q = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${q ? `?${q}` : ''}${location.hash}`);
  }
}
