/**
 * What to subscribe and unsubscribe after a CONNACK. Without a session the broker holds nothing:
 * subscribe every filter of the profile. With a session present (Clean start off) the broker
 * kept what this client ID was subscribed to: subscribe only what the profile has and the
 * session lacks, unsubscribe what the profile no longer has, and keep the rest as it is (a
 * second SUBSCRIBE would replay every retained message). `known` is what the session was last
 * subscribed to, remembered by the main thread (see session-memory.ts); without it we cannot
 * know, so every filter is subscribed again (an identical SUBSCRIBE replaces, never adds).
 */
import type { SubscriptionResult } from './protocol';

export interface SubscriptionPlan {
  subscribe: string[];
  unsubscribe: string[];
  /** Filters the session already holds and the profile still wants, with the QoS once granted. */
  kept: SubscriptionResult[];
}

export function planSubscriptions(
  wanted: readonly string[],
  sessionPresent: boolean,
  known: readonly SubscriptionResult[] | undefined,
): SubscriptionPlan {
  const unique = [...new Set(wanted)];
  if (!sessionPresent || !known) return { subscribe: unique, unsubscribe: [], kept: [] };
  const held = new Map<string, number>();
  for (const r of known) if (r.code < 128) held.set(r.filter, r.code);
  const want = new Set(unique);
  return {
    subscribe: unique.filter((f) => !held.has(f)),
    unsubscribe: [...held.keys()].filter((f) => !want.has(f)),
    kept: unique.filter((f) => held.has(f)).map((filter) => ({ filter, code: held.get(filter)! })),
  };
}

/** The granted list to show: the profile's filters in its order, kept ones and fresh answers alike. */
export function grantedList(
  wanted: readonly string[],
  kept: readonly SubscriptionResult[],
  answered: readonly SubscriptionResult[],
): SubscriptionResult[] {
  const by = new Map<string, SubscriptionResult>();
  for (const r of kept) by.set(r.filter, r);
  for (const r of answered) by.set(r.filter, r);
  const out: SubscriptionResult[] = [];
  for (const f of new Set(wanted)) {
    const r = by.get(f);
    if (r) out.push(r);
  }
  return out;
}
