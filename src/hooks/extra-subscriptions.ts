/**
 * The bookkeeping behind useEnsureSubscribed, free of React: topics or filters that views and
 * widgets need, subscribed on their own only where no granted filter covers them.
 *
 * After every (re)connect nothing is subscribed until the worker has reported what the broker
 * holds for the profile ('subscribed', which it always sends after a CONNACK, also when a kept
 * session needed nothing new). Guessing earlier — on a timer, with an empty granted list — is
 * what subscribed widget topics a second time under `#`, so that MQTT 5 delivered them twice.
 *
 * Releases take effect a moment later (after the current task's microtasks), so a filter released
 * and wanted again at once — React StrictMode's effect replay on `npm start`, or one view handing
 * over to the next — causes no UNSUBSCRIBE/SUBSCRIBE churn. And operations on one filter go out one
 * after the other, each after the broker answered the previous one: a broker that handles a batch
 * of packets concurrently (aedes does) turned SUBSCRIBE, UNSUBSCRIBE, SUBSCRIBE into
 * "not subscribed", and the Broker view waited for $SYS statistics that never came.
 */
import { matchesFilter } from '../core/topic-filter';
import type { SessionState } from '../stores/session-store';

export interface ExtraSubscriptionDeps {
  subscribe(filters: string[]): Promise<{ ok: boolean }>;
  unsubscribe(filters: string[]): Promise<unknown>;
  getState(): SessionState;
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
  /** Connected, but the profile's own subscriptions are not answered yet. */
  private awaitingGranted = false;
  /** Filter → the last operation sent (or queued) for it, until the broker answered it. */
  private readonly busy = new Map<string, Promise<unknown>>();
  private syncQueued = false;

  constructor(private readonly deps: ExtraSubscriptionDeps) {}

  /** While the returned release function is not called, the broker delivers these. */
  want(filters: readonly string[]): () => void {
    for (const t of filters) this.wanted.set(t, (this.wanted.get(t) ?? 0) + 1);
    this.sync();
    return () => {
      for (const t of filters) {
        const n = (this.wanted.get(t) ?? 1) - 1;
        if (n <= 0) this.wanted.delete(t);
        else this.wanted.set(t, n);
      }
      this.syncSoon();
    };
  }

  private syncSoon(): void {
    if (this.syncQueued) return;
    this.syncQueued = true;
    queueMicrotask(() => {
      this.syncQueued = false;
      this.sync();
    });
  }

  /** Sends `op` for these filters once the broker answered what was sent for them before. */
  private inOrder<T>(filters: readonly string[], op: () => Promise<T>, then: (r: T) => void = () => {}): void {
    const before = filters.flatMap((f) => this.busy.get(f) ?? []);
    const sent = before.length === 0 ? op() : Promise.all(before).then(op);
    const done: Promise<unknown> = sent.then(then, () => {});
    for (const f of filters) this.busy.set(f, done);
    void done.then(() => {
      for (const f of filters) if (this.busy.get(f) === done) this.busy.delete(f);
    });
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
      this.inOrder(missing, () => this.deps.subscribe(missing), (r) => {
        if (!r.ok) for (const t of missing) this.extra.delete(t);
      });
    }
    const unused = [...this.extra].filter((t) => !this.wanted.has(t));
    if (unused.length > 0) {
      for (const t of unused) this.extra.delete(t);
      this.inOrder(unused, () => this.deps.unsubscribe(unused));
    }
  }

  /** Every change of the session's state (wired in src/app/live.ts). */
  sessionChanged(s: SessionState, prev: SessionState): void {
    const up = s.state === 'connected';
    if (up && prev.state !== 'connected') {
      // A new connection: what was subscribed extra is the worker's to reconcile; wait for
      // its report of what the broker holds before adding anything.
      this.extra.clear();
      this.busy.clear(); // what was in flight belonged to the old connection
      this.awaitingGranted = true;
    } else if (up && s.subscriptions !== prev.subscriptions) {
      this.awaitingGranted = false;
      this.sync();
    }
  }
}
