/**
 * The bookkeeping behind useEnsureSubscribed, free of React: topics or filters that views and
 * widgets need, subscribed on their own only where no granted filter covers them.
 *
 * After every (re)connect nothing is subscribed until the worker has reported what the broker
 * holds for the profile ('subscribed', which it always sends after a CONNACK, also when a kept
 * session needed nothing new). Guessing earlier — on a timer, with an empty granted list — is
 * what subscribed widget topics a second time under `#`, so that MQTT 5 delivered them twice.
 */
import { matchesFilter } from '../core/topic-filter';
import type { SessionState } from '../stores/session-store';

export interface ExtraSubscriptionDeps {
  subscribe(filters: string[]): Promise<{ ok: boolean }>;
  unsubscribe(filters: string[]): Promise<unknown>;
  getState(): SessionState;
  /** zustand's subscribe: (state, previous) on every change. */
  onChange(fn: (s: SessionState, prev: SessionState) => void): () => void;
}

/**
 * Filters (or topics) in `wantedFilters` that no granted filter covers. A wanted filter counts
 * as covered when a granted filter matches it read as a topic (`#` covers `a/+`, but not `$SYS/#`).
 */
export function uncoveredTopics(wantedFilters: Iterable<string>, filters: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of wantedFilters) if (!filters.some((f) => matchesFilter(f, t))) out.push(t);
  return out;
}

export class ExtraSubscriptions {
  private readonly wanted = new Map<string, number>();
  private readonly extra = new Set<string>();
  private started = false;
  /** Connected, but the profile's own subscriptions are not answered yet. */
  private awaitingGranted = false;

  constructor(private readonly deps: ExtraSubscriptionDeps) {}

  /** While the returned release function is not called, the broker delivers these. */
  want(filters: readonly string[]): () => void {
    this.start();
    for (const t of filters) this.wanted.set(t, (this.wanted.get(t) ?? 0) + 1);
    this.sync();
    return () => {
      for (const t of filters) {
        const n = (this.wanted.get(t) ?? 1) - 1;
        if (n <= 0) this.wanted.delete(t);
        else this.wanted.set(t, n);
      }
      this.sync();
    };
  }

  private granted(): string[] {
    return this.deps
      .getState()
      .subscriptions.filter((r) => r.code < 128)
      .map((r) => r.filter);
  }

  private sync(): void {
    if (this.deps.getState().state !== 'connected' || this.awaitingGranted) return;
    const missing = uncoveredTopics(this.wanted.keys(), this.granted()).filter((t) => !this.extra.has(t));
    if (missing.length > 0) {
      for (const t of missing) this.extra.add(t);
      void this.deps.subscribe(missing).then((r) => {
        if (!r.ok) for (const t of missing) this.extra.delete(t);
      });
    }
    const unused = [...this.extra].filter((t) => !this.wanted.has(t));
    if (unused.length > 0) {
      for (const t of unused) this.extra.delete(t);
      void this.deps.unsubscribe(unused);
    }
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    // Mounted while already connected: the granted list in the store is current.
    this.deps.onChange((s, prev) => {
      const up = s.state === 'connected';
      if (up && prev.state !== 'connected') {
        // A new connection: what was subscribed extra is the worker's to reconcile; wait for
        // its report of what the broker holds before adding anything.
        this.extra.clear();
        this.awaitingGranted = true;
      } else if (up && s.subscriptions !== prev.subscriptions) {
        this.awaitingGranted = false;
        this.sync();
      }
    });
  }
}
