/**
 * Remembers what each kept broker session (broker URL + client ID) was last subscribed to, so
 * that a reconnect with Clean start off can reconcile the session with the profile (see
 * subscription-plan.ts). Lives on the main thread because the worker has no localStorage; the
 * worker reports every change ('session-subscriptions' events) and gets the list back in the
 * connect request. Anything unreadable in storage counts as "unknown" (the worker then
 * subscribes every filter again), never as an error.
 */
import type { SubscriptionResult } from './protocol';

const KEY = 'switchyard.session-subscriptions';
/** Sessions remembered at most; the least recently updated go first. */
const MAX_SESSIONS = 20;
const MAX_FILTERS = 1000;

type Memory = Record<string, SubscriptionResult[]>;

const keyOf = (url: string, clientId: string) => `${clientId} @ ${url}`;

function read(): Memory {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return Object.create(null);
    const out: Memory = Object.create(null);
    for (const [k, v] of Object.entries(parsed)) {
      const list = valid(v);
      if (list) out[k] = list;
    }
    return out;
  } catch {
    return Object.create(null);
  }
}

function valid(v: unknown): SubscriptionResult[] | null {
  if (!Array.isArray(v) || v.length > MAX_FILTERS) return null;
  const out: SubscriptionResult[] = [];
  for (const r of v) {
    if (!r || typeof r !== 'object') return null;
    const { filter, code } = r as Record<string, unknown>;
    if (typeof filter !== 'string' || typeof code !== 'number' || !Number.isInteger(code)) return null;
    out.push({ filter, code });
  }
  return out;
}

/** What the session of this client ID on this broker was last subscribed to, if known. */
export function recallSessionSubscriptions(url: string, clientId: string): SubscriptionResult[] | undefined {
  return read()[keyOf(url, clientId)];
}

export function rememberSessionSubscriptions(url: string, clientId: string, list: SubscriptionResult[]): void {
  const memory = read();
  const key = keyOf(url, clientId);
  delete memory[key];
  memory[key] = list.slice(0, MAX_FILTERS);
  const keys = Object.keys(memory);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_SESSIONS))) delete memory[k];
  try {
    localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    // Storage full or refused: the next reconnect subscribes every filter again, which is safe.
  }
}
