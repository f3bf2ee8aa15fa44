/**
 * CBOR decoding in the MQTT worker with cbor-x (fast, maintained), loaded only when a topic filter
 * is decoded as CBOR. Its `decode-no-eval` build: the default one probes `new Function('')` when
 * loaded and compiles readers for repeated record structures, which a CSP without 'unsafe-eval'
 * refuses (and reports).
 */
import { Decoder } from 'cbor-x/decode-no-eval';
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
