/**
 * Views and widgets that need topics the profile's subscriptions do not cover (a
 * dashboard widget's topic, the Broker view's $SYS/#) ask for them here. A filter
 * that no granted filter covers is subscribed to on its own while something needs
 * it (and again after each reconnect), and unsubscribed when nothing does any more.
 * With the default `#` nothing extra is subscribed for ordinary topics.
 */
import { useEffect } from 'react';
import { session } from '../mqtt/session';
import { useSessionStore } from '../stores/session-store';
import { matchesFilter, validateFilter } from '../core/topic-filter';

const wanted = new Map<string, number>();
const extra = new Set<string>();
let started = false;
/** After (re)connecting, until the broker answered the profile's own subscriptions. */
let awaitingSubscriptions = false;
let fallback: ReturnType<typeof setTimeout> | undefined;
/** Profiles without subscriptions get no SUBACK to wait for. */
const SUBACK_FALLBACK_MS = 2000;

function granted(): string[] {
  return useSessionStore
    .getState()
    .subscriptions.filter((r) => r.code < 128)
    .map((r) => r.filter);
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

function sync(): void {
  if (useSessionStore.getState().state !== 'connected' || awaitingSubscriptions) return;
  const missing = uncoveredTopics(wanted.keys(), granted()).filter((t) => !extra.has(t));
  if (missing.length > 0) {
    for (const t of missing) extra.add(t);
    void session.subscribe(missing).then((r) => {
      if (!r.ok) for (const t of missing) extra.delete(t);
    });
  }
  const unused = [...extra].filter((t) => !wanted.has(t));
  if (unused.length > 0) {
    for (const t of unused) extra.delete(t);
    void session.unsubscribe(unused);
  }
}

function start(): void {
  if (started) return;
  started = true;
  useSessionStore.subscribe((s, prev) => {
    const up = s.state === 'connected';
    if (up && prev.state !== 'connected') {
      // Subscribing before the profile's own SUBACK would duplicate what `#` brings anyway.
      extra.clear();
      awaitingSubscriptions = true;
      if (fallback) clearTimeout(fallback);
      fallback = setTimeout(() => {
        awaitingSubscriptions = false;
        sync();
      }, SUBACK_FALLBACK_MS);
    } else if (up && s.subscriptions !== prev.subscriptions) {
      awaitingSubscriptions = false;
      if (fallback) clearTimeout(fallback);
      sync();
    }
  });
}

/** While mounted, the broker delivers these topics or filters (empty and invalid ones are skipped). */
export function useEnsureSubscribed(filters: readonly string[]): void {
  const key = filters.filter((t) => t !== '' && validateFilter(t) === null).join('\u0000');
  useEffect(() => {
    if (!key) return;
    start();
    const list = key.split('\u0000');
    for (const t of list) wanted.set(t, (wanted.get(t) ?? 0) + 1);
    sync();
    return () => {
      for (const t of list) {
        const n = (wanted.get(t) ?? 1) - 1;
        if (n <= 0) wanted.delete(t);
        else wanted.set(t, n);
      }
      sync();
    };
  }, [key]);
}
