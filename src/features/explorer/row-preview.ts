/**
 * What a tree row shows of its topic's newest message: the decoded reading when the worker decoded
 * it (Sparkplug B, MessagePack, CBOR, Protobuf; core/decoded-preview.ts), else the bytes' preview
 * (text or hex) as always. Computed only when a row on screen renders, never per message; a
 * decoding's preview is kept per message object (a row re-renders with the same newest message
 * many times), together with the Decode as rules it was made under.
 */
import type { MqttMessage } from '../../core/message';
import { previewText } from '../../core/payload';
import { decodedPreview } from '../../core/decoded-preview';
import { decodeChoiceFor, type DecodeAsRule } from '../../stores/decode-as-store';

const memo = new WeakMap<MqttMessage, { rules: readonly DecodeAsRule[]; maxChars: number; text: string }>();

export function rowPreview(m: MqttMessage, rules: readonly DecodeAsRule[], maxChars = 80): string {
  const d = m.decoded;
  if (!d || d.error) return previewText(m.payload, maxChars); // plain payloads: as before
  const hit = memo.get(m);
  if (hit && hit.rules === rules && hit.maxChars === maxChars) return hit.text;
  // As the Message panel: Text / JSON / Hex chosen for the topic (a Sparkplug topic is still
  // decoded), or another decoder chosen since this message arrived, show the bytes.
  const choice = decodeChoiceFor(m.topic, rules);
  const text = (choice === 'auto' || choice === d.format ? decodedPreview(d, maxChars) : undefined) ?? previewText(m.payload, maxChars);
  memo.set(m, { rules, maxChars, text });
  return text;
}
