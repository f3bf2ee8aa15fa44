/**
 * Decodes one payload on the main thread, on request: the message the Message panel already
 * shows when the user picks a decoder in **Decode as** (the worker decodes the ones after it),
 * and stored messages a view shows whose decoding was not kept (stored-decodings.ts). Never per
 * incoming message. The decoder's code is loaded on first use, as in the worker. Sparkplug B here
 * resolves aliases only from the BIRTH it is given, and tracks no seq: the decoded notes say so.
 */
import type { DecodedPayload, DecodeFormat } from '../../core/decoded';
import type { ProtoFile } from '../../core/protobuf-decoders';

/**
 * Sparkplug B: `forced` (default) decodes a topic outside the namespace as DATA (the user chose
 * Sparkplug B); `birth` is the topic's BIRTH message, decoded first for its aliases (a stored
 * DATA message of the History: stored-decodings.ts).
 */
export interface SparkplugOnce {
  forced?: boolean;
  birth?: { topic: string; payload: Uint8Array };
}

export async function decodeOnce(
  format: DecodeFormat,
  topic: string,
  bytes: Uint8Array,
  protobuf?: { messageType?: string; files: readonly ProtoFile[] },
  sparkplug: SparkplugOnce = {},
): Promise<DecodedPayload | undefined> {
  switch (format) {
    case 'sparkplug': {
      const { SparkplugDecoder } = await import('./sparkplug-decoder');
      const decoder = new SparkplugDecoder();
      // The BIRTH first, so the message's aliases get the names the worker gave them.
      if (sparkplug.birth) decoder.decode(sparkplug.birth.topic, sparkplug.birth.payload);
      const d = decoder.decode(topic, bytes, sparkplug.forced ?? true);
      // seq counted from that BIRTH says nothing about this message: the gap note (pushed last) goes.
      if (sparkplug.birth && d?.sparkplug?.missed !== undefined) {
        d.sparkplug.notes.pop();
        delete d.sparkplug.missed;
      }
      return d;
    }
    case 'protobuf':
      return (await import('./protobuf-once')).decodeProtobufOnce(protobuf?.files ?? [], protobuf?.messageType, bytes);
    case 'msgpack':
      return (await import('./msgpack-decoder')).decodeMsgpack(bytes);
    case 'cbor':
      return (await import('./cbor-decoder')).decodeCbor(bytes);
  }
}
