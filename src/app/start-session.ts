/** Starts the live wiring (live.ts), then picks the start profile (?broker=, last used, or the embedded default) and connects. */
import { session } from '../mqtt/session';
import { resolveStartProfile } from '../stores/profiles-store';
import { useSessionStore } from '../stores/session-store';
import { hasCredentials } from '../lib/broker-url';
import { installLeaveGuard } from '../lib/leave-guard';
import { startLive } from './live';

declare global {
  interface Window {
    /** Read-only counters for the benchmark (`npm run bench`); not an API. */
    __switchyardStats?: () => { received: number; topics: number; coalesced: number };
  }
}

export function startSession(): void {
  installLeaveGuard();
  startLive(session);
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
