/**
 * Decodes one payload on the main thread, on request: the message the Message panel already
 * shows when the user picks a decoder in **Decode as** (the worker decodes the ones after it).
 * Never per message. The decoder's code is loaded on first use, as in the worker. Sparkplug B
 * here has no BIRTH to resolve aliases from, and tracks no seq: the decoded notes say so.
 */
import type { DecodedPayload, DecodeFormat } from '../../core/decoded';
import type { ProtoFile } from '../../core/protobuf-decoders';

export async function decodeOnce(
  format: DecodeFormat,
  topic: string,
  bytes: Uint8Array,
  protobuf?: { messageType?: string; files: readonly ProtoFile[] },
): Promise<DecodedPayload | undefined> {
  switch (format) {
    case 'sparkplug': {
      const { SparkplugDecoder } = await import('./sparkplug-decoder');
      return new SparkplugDecoder().decode(topic, bytes, true);
    }
    case 'protobuf':
      return (await import('./protobuf-once')).decodeProtobufOnce(protobuf?.files ?? [], protobuf?.messageType, bytes);
    case 'msgpack':
      return (await import('./msgpack-decoder')).decodeMsgpack(bytes);
    case 'cbor':
      return (await import('./cbor-decoder')).decodeCbor(bytes);
  }
}
