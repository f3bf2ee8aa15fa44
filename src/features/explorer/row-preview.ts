/**
 * What a tree row shows of its topic's newest message: the decoded reading when the worker decoded
 * it (Sparkplug B, MessagePack, CBOR, Protobuf; core/decoded-preview.ts), else the bytes' preview
 * (text or hex) as always. Computed only when a row on screen renders, never per message; a
 * decoding's preview is kept per message object (a row re-renders with the same newest message
 * many times), together with the Decode as rules it was made under.
 */
import type { MqttMessage } from '../../core/message';
import { previewText } from '../../core/payload';
import { storedDecodings, storedPreview, wantedDecoding } from '../../mqtt/decoders/stored-decodings';
import type { DecodeAsRule } from '../../stores/decode-as-store';

const memo = new WeakMap<MqttMessage, { rules: readonly DecodeAsRule[]; maxChars: number; version: number; text: string }>();

export function rowPreview(m: MqttMessage, rules: readonly DecodeAsRule[], maxChars = 80): string {
  if (!m.decoded && rules.length === 0) return previewText(m.payload, maxChars); // plain payloads: as before
  const version = storedDecodings.version;
  const hit = memo.get(m);
  if (hit && hit.rules === rules && hit.maxChars === maxChars && hit.version === version) return hit.text;
  // As the Message panel: the decoder chosen for the topic (the newest message decoded here once
  // when it arrived before the choice: stored-decodings.ts), under Auto the worker's decoding;
  // Text / JSON / Hex chosen for the topic (a Sparkplug topic is still decoded) show the bytes.
  const want = wantedDecoding(m.topic, rules, m.decoded);
  const text = storedPreview(m, want, maxChars, want?.chosen === true);
  memo.set(m, { rules, maxChars, version, text });
  return text;
}
