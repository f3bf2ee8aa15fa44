/**
 * What **Copy payload** puts on the clipboard: what the Message panel shows (issue 13) — a decoded
 * payload as its value's JSON text (a Sparkplug B message as `{ "<metric name>": value }`, as the
 * charts and the History's diff read it), else the payload's text, else its bytes as hex.
 */
import { decodedAsJson } from '../../core/decoded';
import type { MqttMessage } from '../../core/message';
import { decodePayload, toHex } from '../../core/payload';
import { isWanted, storedDecodings, wantedDecoding } from '../../mqtt/decoders/stored-decodings';
import { useDecodeAsStore } from '../../stores/decode-as-store';

export function payloadCopyText(m: MqttMessage, rules = useDecodeAsStore.getState().rules): string {
  // As DecodedView: the chosen decoder (decoded here if the worker did not), else the worker's decoding.
  const want = wantedDecoding(m.topic, rules, m.decoded);
  const d = want && (want.chosen || isWanted(m.decoded, want)) ? storedDecodings.decodingOf(m, want) : undefined;
  const json = decodedAsJson(d); // undefined: nothing decoded, or the decoder refused the payload
  if (json !== undefined) return JSON.stringify(json, null, 2);
  return decodePayload(m.payload).text ?? toHex(m.payload);
}
