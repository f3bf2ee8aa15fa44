/**
 * The message a dashboard widget reads, decoded as the Explorer shows it (issue 13). The worker
 * decodes each message as it arrives, under the Decode as rules of that moment; a choice made
 * later (Decode as MessagePack on a topic whose newest message is still bytes) or undone (Auto
 * again, the newest message still carrying the MessagePack decoding) reaches the worker only for
 * the next message. The Message panel, the History and the tree row switch at once
 * (mqtt/decoders/stored-decodings.ts); a gauge or value widget on the same topic now does too,
 * instead of showing the bytes' reading (or the stale decoding) until the topic's next message.
 */
import type { DecodedPayload } from '../../core/decoded';
import type { MqttMessage } from '../../core/message';
import { isWanted, sparkplugBirthTopic, storedDecodings, wantedDecoding, type WantedDecoding } from '../../mqtt/decoders/stored-decodings';
import type { DecodeAsRule } from '../../stores/decode-as-store';

type DecodingOf = (m: MqttMessage, want: WantedDecoding, birth?: MqttMessage) => DecodedPayload | undefined;

const shown = new WeakMap<MqttMessage, MqttMessage>();

/**
 * `m` with the decoding the Explorer shows for it under `rules`: the chosen decoder's (made here
 * when the worker's is another or none: `undefined` until it is ready), under Auto the worker's
 * own (Sparkplug B, a protobuf mapping), none for Text / JSON / Hex or a decoding left from a
 * choice since undone. `m` itself when that is its own decoding; else one copy per message and
 * decoding, so a widget sees the same object from render to render.
 */
export function withShownDecoding(
  m: MqttMessage,
  rules: readonly DecodeAsRule[],
  birthOf: (topic: string) => MqttMessage | undefined = () => undefined,
  decodingOf: DecodingOf = (msg, want, birth) => storedDecodings.decodingOf(msg, want, birth),
): MqttMessage {
  const byRules = wantedDecoding(m.topic, rules, m.decoded);
  const want = byRules && (byRules.chosen || isWanted(m.decoded, byRules)) ? byRules : undefined;
  let d: DecodedPayload | undefined;
  if (want) {
    const birthTopic = want.format === 'sparkplug' ? sparkplugBirthTopic(m.topic) : undefined;
    d = decodingOf(m, want, birthTopic !== undefined ? birthOf(birthTopic) : undefined);
    if (d?.error) d = undefined; // a payload the decoder refused: the bytes, as the Explorer shows
  }
  if (d === m.decoded) return m;
  const seen = shown.get(m);
  if (seen && seen.decoded === d) return seen;
  const { decoded: _workers, ...rest } = m;
  const copy: MqttMessage = d ? { ...rest, decoded: d } : rest;
  shown.set(m, copy);
  return copy;
}
