/**
 * MessagePack decoding in the MQTT worker with @msgpack/msgpack (the format's reference
 * implementation for JavaScript), loaded only when a topic filter is decoded as MessagePack.
 */
import { decode } from '@msgpack/msgpack';
import type { DecodedPayload } from '../../core/decoded';
import { toJsonLike } from './json-like';

export function decodeMsgpack(bytes: Uint8Array): DecodedPayload {
  try {
    return { format: 'msgpack', value: toJsonLike(decode(bytes)) };
  } catch (e) {
    return { format: 'msgpack', error: `not valid MessagePack: ${(e as Error)?.message || String(e)}` };
  }
}
