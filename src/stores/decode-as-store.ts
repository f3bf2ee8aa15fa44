/**
 * Decode as, per topic filter (issue 13): what the user chose in the Message panel (Text, JSON,
 * Hex — views of the bytes — or Sparkplug B, MessagePack, CBOR — decoded in the worker),
 * persisted as `switchyard.decoders` and checked like the other start stores (decodeAsLoader in
 * start-schemas.ts). app/live.ts sends the decoding rules to the worker.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { isDecodeFormat, type DecodeChoice, type DecodeRule } from '../core/decoded';
import { matchesFilter } from '../core/topic-filter';
import { persistOptions, type PersistSpec } from './persisted';
import { STORE_KEYS } from './store-keys';

export interface DecodeAsRule {
  filter: string;
  choice: DecodeChoice;
}

export interface DecodeAsState {
  /** Most specific first is the user's business: the first rule whose filter matches wins. */
  rules: DecodeAsRule[];
}

export const DECODE_AS_PERSIST: PersistSpec<DecodeAsState> = {
  key: STORE_KEYS.decoders,
  what: 'Decode as choices',
  version: 1,
  migrations: {},
  // Checked by decodeAsLoader (start-schemas.ts), loaded only when something is stored.
};

export const useDecodeAsStore = create<DecodeAsState>()(
  persist((): DecodeAsState => ({ rules: [] }), persistOptions<DecodeAsState, DecodeAsState>(DECODE_AS_PERSIST)),
);

/** The choice for a topic: its first matching rule's, else Auto. */
export function decodeChoiceFor(topic: string, rules: readonly DecodeAsRule[] = useDecodeAsStore.getState().rules): DecodeChoice {
  return rules.find((r) => matchesFilter(r.filter, topic))?.choice ?? 'auto';
}

/** Remembers `choice` for `filter` (Auto forgets it). */
export function setDecodeChoice(filter: string, choice: DecodeChoice): void {
  const rest = useDecodeAsStore.getState().rules.filter((r) => r.filter !== filter);
  useDecodeAsStore.setState({ rules: choice === 'auto' ? rest : [{ filter, choice }, ...rest] });
}

/**
 * What the worker decodes: the rules that choose a decoder. Text, JSON and Hex are views of the
 * bytes and need nothing from the worker (which decodes `spBv1.0/…` as Sparkplug B regardless, so
 * seq and aliases stay tracked while a topic is viewed as text).
 */
export function workerDecodeRules(rules: readonly DecodeAsRule[]): DecodeRule[] {
  const out: DecodeRule[] = [];
  for (const r of rules) if (isDecodeFormat(r.choice)) out.push({ filter: r.filter, format: r.choice });
  return out;
}
