/**
 * What the chart pickers offer for a topic: whether its payload charts as a
 * number, and which numeric JSON fields its recent messages carried. Read
 * from the topic trie on demand (when a dialog opens or the topic changes): the session's, or
 * an open recording's (time travel).
 */
import { session } from '../../mqtt/session';
import { isTruncated, type MqttMessage } from '../../core/message';
import { storedPreview, wantedDecoding } from '../../mqtt/decoders/stored-decodings';
import { useDecodeAsStore } from '../../stores/decode-as-store';
import { isChartable, numericFields, numericFieldsOf } from '../../core/value-extract';
import { decodedAsJson } from '../../core/decoded';
import type { TopicTrie } from '../../core/topic-trie';

export interface TopicFieldInfo {
  /** A message was received on exactly this topic. */
  seen: boolean;
  /** Some recent payload is itself a number, a number with a unit, or on/off. */
  wholeChartable: boolean;
  /** Numeric JSON fields seen in recent messages, newest message's order first. */
  fields: string[];
  /** One-line preview of the last payload. */
  preview?: string;
}

const RECENT = 20;
/** Suggestions look only at small payloads, so opening the dialog stays instant with many topics. */
const SUGGEST_MAX_BYTES = 16 * 1024;

function recent(topic: string, trie: TopicTrie): MqttMessage[] {
  const node = trie.get(topic);
  if (!node?.last) return [];
  const all = node.hasHistory ? node.history.toArray() : [node.last];
  return all.slice(-RECENT).reverse();
}

export function topicFieldInfo(topic: string, trie: TopicTrie = session.trie): TopicFieldInfo {
  if (!topic) return { seen: false, wholeChartable: false, fields: [] };
  const messages = recent(topic, trie).filter((m) => !isTruncated(m));
  const fields = new Set<string>();
  let wholeChartable = false;
  for (const m of messages) {
    if (!wholeChartable && isChartable(m.payload)) wholeChartable = true;
    const decoded = decodedAsJson(m.decoded); // the worker's Sparkplug B / MessagePack / CBOR decoding
    for (const f of decoded !== undefined ? numericFieldsOf(decoded) : numericFields(m.payload)) fields.add(f);
  }
  const last = trie.get(topic)?.last;
  return {
    seen: last !== undefined,
    wholeChartable,
    fields: [...fields],
    // Decoded as the Explorer shows it (Sparkplug B metrics, MessagePack / CBOR / Protobuf as JSON text), else text / hex.
    preview: last ? storedPreview(last, wantedDecoding(topic, useDecodeAsStore.getState().rules, last.decoded), 80, false) : undefined,
  };
}

/** A numeric field in the worker's decoding (Sparkplug B metrics, MessagePack / CBOR / Protobuf), else in the JSON bytes. */
function hasNumericField(m: MqttMessage): boolean {
  const decoded = decodedAsJson(m.decoded);
  return (decoded !== undefined ? numericFieldsOf(decoded, { maxFields: 1 }) : numericFields(m.payload, { maxFields: 1 })).length > 0;
}

/** Topics whose last payload can be charted (a number or JSON with numeric fields), in tree order. */
export function chartableTopics(limit = 200, maxVisited = 5000, trie: TopicTrie = session.trie): string[] {
  const out: string[] = [];
  const stack = [trie.root];
  let visited = 0;
  while (stack.length > 0 && out.length < limit && visited < maxVisited) {
    const node = stack.pop()!;
    visited++;
    const last = node.last;
    if (last && last.payload.length <= SUGGEST_MAX_BYTES && (isChartable(last.payload) || hasNumericField(last))) {
      out.push(node.topic);
    }
    const kids = node.sortedChildren();
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}
