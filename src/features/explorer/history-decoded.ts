/**
 * The History's entries decoded (issue 13): each entry of a topic whose payloads are decoded
 * (Sparkplug B, MessagePack, CBOR, Protobuf) is previewed and diffed by its decoded value, as the
 * Message panel shows the newest one; the bytes stay viewable (history-entry.tsx). The entries the
 * worker decoded while the History was on screen keep its decoding (mqtt/decoded-retention.ts);
 * older ones are decoded here once, when shown (mqtt/decoders/stored-decodings.ts) — a Sparkplug
 * B DATA entry after its topic's BIRTH, so its metrics get their names.
 */
import type { DecodedPayload, JsonLike, SparkplugMetric } from '../../core/decoded';
import { decodedAsJson } from '../../core/decoded';
import type { MqttMessage } from '../../core/message';
import type { TopicNode } from '../../core/topic-node';
import type { TopicTrie } from '../../core/topic-trie';
import { isWanted, sparkplugBirthTopic, storedDecodings, wantedDecoding, type WantedDecoding } from '../../mqtt/decoders/stored-decodings';
import { decodedPreview, shortestFloat32 } from '../../core/decoded-preview';
import { previewText } from '../../core/payload';
import type { DecodeAsRule } from '../../stores/decode-as-store';

/** How a topic's History entries are decoded: the wanted decoding, and the BIRTH for Sparkplug B aliases. */
export interface HistoryDecoding {
  want?: WantedDecoding;
  birth?: MqttMessage;
}

export function historyDecoding(trie: TopicTrie, node: TopicNode, rules: readonly DecodeAsRule[]): HistoryDecoding {
  const want = wantedDecoding(node.topic, rules, node.last?.decoded);
  // As the Message panel (decoded-view.tsx): under Auto only when the worker decoded the newest
  // message (an open recording's messages carry no decodings: its History stays as its panel).
  if (!want || (!want.chosen && !isWanted(node.last?.decoded, want))) return {};
  if (want.format !== 'sparkplug') return { want };
  const birthTopic = sparkplugBirthTopic(node.topic);
  return { want, birth: birthTopic !== undefined ? trie.get(birthTopic)?.last : undefined };
}

/** The entry's decoded value (undefined: not decoded, not yet, or refused: the bytes are shown). */
export function entryDecoded(m: MqttMessage, h: HistoryDecoding): DecodedPayload | undefined {
  if (!h.want) return undefined;
  const d = storedDecodings.decodingOf(m, h.want, h.birth);
  return d && !d.error ? d : undefined;
}

const previews = new WeakMap<MqttMessage, { d: DecodedPayload | undefined; maxChars: number; text: string }>();

/** One line for the History list: the decoded reading (as the tree row), else the bytes' text or hex. */
export function entryPreview(m: MqttMessage, h: HistoryDecoding, maxChars: number): string {
  const d = entryDecoded(m, h);
  const hit = previews.get(m);
  if (hit && hit.d === d && hit.maxChars === maxChars) return hit.text;
  const text = (d && decodedPreview(d, maxChars)) ?? previewText(m.payload, maxChars);
  previews.set(m, { d, maxChars, text });
  return text;
}

const asJson = new WeakMap<DecodedPayload, Uint8Array>();

/**
 * What the History's diff compares: a decoded entry as the JSON of its value (a Sparkplug B
 * payload as `{ "<metric name>": value }`, as the charts read it), so the changes are listed by
 * field or metric; else the bytes.
 */
export function diffBytes(m: MqttMessage, d: DecodedPayload | undefined): Uint8Array {
  const json = decodedAsJson(d);
  if (!d || json === undefined) return m.payload;
  let bytes = asJson.get(d);
  if (!bytes) asJson.set(d, (bytes = new TextEncoder().encode(JSON.stringify(d.sparkplug ? shortFloats(d.sparkplug.metrics, json) : json))));
  return bytes;
}

/** A Sparkplug Float as sent (21.3, not 21.299999237060547), as the previews show it (decodedAsJson makes a new object). */
function shortFloats(metrics: readonly SparkplugMetric[], json: JsonLike): JsonLike {
  const out = json as { [name: string]: JsonLike };
  for (const m of metrics) if (m.name && m.type === 'Float' && typeof m.value === 'number' && out[m.name] === m.value) out[m.name] = Number(shortestFloat32(m.value));
  return out;
}
