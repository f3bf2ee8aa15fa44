/**
 * Protobuf on the main thread, on request only (decode-once.ts: the message the Message panel
 * already shows when the user picks a type): one decoder kept, so the same set of files is
 * compiled once, not per click.
 */
import type { DecodedPayload } from '../../core/decoded';
import type { ProtoFile } from '../../core/protobuf-decoders';
import { ProtobufDecoder } from './protobuf-decoder';

const decoder = new ProtobufDecoder();

export function decodeProtobufOnce(files: readonly ProtoFile[], messageType: string | undefined, bytes: Uint8Array): DecodedPayload {
  return decoder.decode(files, messageType, bytes);
}
