/**
 * Views and widgets that need topics the profile's subscriptions do not cover (a
 * dashboard widget's topic, the Broker view's $SYS/#) ask for them here. A filter
 * that no granted filter covers is subscribed to on its own while something needs
 * it (and again after each reconnect), and unsubscribed when nothing does any more.
 * With the default `#` nothing extra is subscribed for ordinary topics.
 * The bookkeeping lives in extra-subscriptions.ts; src/app/live.ts hands it the session's changes.
 */
import { useEffect } from 'react';
import { session } from '../mqtt/session';
import { useSessionStore } from '../stores/session-store';
import { validateFilter } from '../core/topic-filter';
import { ExtraSubscriptions } from './extra-subscriptions';

export const extraSubscriptions = new ExtraSubscriptions({
  subscribe: (filters) => session.subscribe(filters),
  unsubscribe: (filters) => session.unsubscribe(filters),
  getState: () => useSessionStore.getState(),
});

/** While mounted, the broker delivers these topics or filters (empty and invalid ones are skipped). */
export function useEnsureSubscribed(filters: readonly string[]): void {
  const key = filters.filter((t) => t !== '' && validateFilter(t) === null).join('\u0000');
  useEffect(() => {
    if (!key) return;
    return extraSubscriptions.want(key.split('\u0000'));
  }, [key]);
}
