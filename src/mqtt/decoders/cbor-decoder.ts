/**
 * CBOR decoding in the MQTT worker with cbor-x (fast, maintained, no eval on decode), loaded
 * only when a topic filter is decoded as CBOR.
 */
import { Decoder } from 'cbor-x';
import type { DecodedPayload } from '../../core/decoded';
import { toJsonLike } from './json-like';

// Maps as objects only when keys are text (toJsonLike handles the rest); no structured records.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

export function decodeCbor(bytes: Uint8Array): DecodedPayload {
  try {
    return { format: 'cbor', value: toJsonLike(decoder.decode(bytes)) };
  } catch (e) {
    return { format: 'cbor', error: `not valid CBOR: ${(e as Error)?.message || String(e)}` };
  }
}
