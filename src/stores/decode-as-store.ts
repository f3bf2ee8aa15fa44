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
import { byPrecedence, compareSpecificity, type ProtoMapping } from '../core/protobuf-decoders';
import { persistOptions, type PersistSpec } from './persisted';
import { STORE_KEYS } from './store-keys';

export interface DecodeAsRule {
  filter: string;
  choice: DecodeChoice;
  /** Protobuf: the fully qualified message type (from the uploaded .proto files). */
  messageType?: string;
}

export interface DecodeAsState {
  /**
   * Exact topics and topic filters (Apply to). Which one decides a topic: the exact topic's, else
   * the most specific matching filter — the protobuf mappings' order (compareSpecificity), under
   * which an exact topic always comes first. Stored order does not matter.
   */
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

/** The choice for a topic: its deciding rule's (decodeAsRuleFor), else Auto. */
export function decodeChoiceFor(topic: string, rules: readonly DecodeAsRule[] = useDecodeAsStore.getState().rules): DecodeChoice {
  return decodeAsRuleFor(topic, rules)?.choice ?? 'auto';
}

/** The Decode as rule that decides a topic: the exact topic's, else the most specific matching filter. */
export function decodeAsRuleFor(topic: string, rules: readonly DecodeAsRule[] = useDecodeAsStore.getState().rules): DecodeAsRule | undefined {
  let best: DecodeAsRule | undefined;
  for (const r of rules) if (matchesFilter(r.filter, topic) && (!best || compareSpecificity(r.filter, best.filter) < 0)) best = r;
  return best;
}

/** The rules in the order they are tried (most specific first, as the protobuf mappings). */
export function decodeAsByPrecedence(rules: readonly DecodeAsRule[]): DecodeAsRule[] {
  return rules.slice().sort((x, y) => compareSpecificity(x.filter, y.filter));
}

/** Forgets the rule of `filter`. */
export function removeDecodeRule(filter: string): void {
  const rules = useDecodeAsStore.getState().rules;
  if (rules.some((r) => r.filter === filter)) useDecodeAsStore.setState({ rules: rules.filter((r) => r.filter !== filter) });
}

/** Apply to: the rule of `from` now applies to `to` (same choice and message type; a rule of `to` is replaced). */
export function moveDecodeRule(from: string, to: string): void {
  const rules = useDecodeAsStore.getState().rules;
  const rule = rules.find((r) => r.filter === from);
  if (!rule || from === to) return;
  useDecodeAsStore.setState({ rules: [{ ...rule, filter: to }, ...rules.filter((r) => r.filter !== from && r.filter !== to)] });
}

/** Remembers `choice` for `filter` (Auto forgets it); Protobuf with its message type. */
export function setDecodeChoice(filter: string, choice: DecodeChoice, messageType?: string): void {
  const rest = useDecodeAsStore.getState().rules.filter((r) => r.filter !== filter);
  const rule: DecodeAsRule = choice === 'protobuf' && messageType ? { filter, choice, messageType } : { filter, choice };
  useDecodeAsStore.setState({ rules: choice === 'auto' ? rest : [rule, ...rest] });
}

/**
 * What the worker decodes, in order of precedence: the Decode as rules (exact topics, then the
 * most specific filter first), then the
 * protobuf mappings, most specific filter first (core/protobuf-decoders.ts). Text, JSON and Hex
 * are views of the bytes: the worker decodes nothing for them (a `null` rule, so a protobuf
 * mapping does not apply to that topic either), but it decodes `spBv1.0/…` as Sparkplug B
 * regardless, so seq and aliases stay tracked while a topic is viewed as text.
 */
export function workerDecodeRules(rules: readonly DecodeAsRule[], mappings: readonly ProtoMapping[] = []): DecodeRule[] {
  const out: DecodeRule[] = [];
  // A Text / JSON / Hex rule matters to the worker only when something it would shadow exists.
  const shadows = mappings.length > 0 || rules.some((r) => isDecodeFormat(r.choice));
  for (const r of decodeAsByPrecedence(rules)) {
    if (r.choice === 'protobuf') out.push({ filter: r.filter, format: 'protobuf', ...(r.messageType ? { messageType: r.messageType } : {}) });
    else if (isDecodeFormat(r.choice)) out.push({ filter: r.filter, format: r.choice });
    else if (shadows) out.push({ filter: r.filter, format: null });
  }
  for (const m of byPrecedence(mappings)) out.push({ filter: m.filter, format: 'protobuf', messageType: m.messageType });
  return out;
}
