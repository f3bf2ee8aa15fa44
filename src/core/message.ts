/**
 * One MQTT message as the models keep it. Produced by the ingest pipeline
 * (src/mqtt) from what the worker hands over; consumed by the topic trie,
 * history, and views. Payload bytes are untrusted: views render them as text.
 */
import type { DecodedPayload } from './decoded';

export interface MessageProperties {
  contentType?: string;
  payloadFormatIndicator?: boolean;
  messageExpiryInterval?: number;
  responseTopic?: string;
  /** Correlation data bytes. */
  correlationData?: Uint8Array;
  userProperties?: Record<string, string | string[]>;
}

export interface MqttMessage {
  topic: string;
  /** Payload bytes kept (at most PAYLOAD_KEEP_LIMIT; see `size` for the original length). */
  payload: Uint8Array;
  /** Original payload length in bytes; larger than payload.length when truncated. */
  size: number;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** Time received, ms since epoch. */
  time: number;
  properties?: MessageProperties;
  /** What the worker's decoder made of the payload (Sparkplug B, MessagePack, CBOR; core/decoded.ts). */
  decoded?: DecodedPayload;
}

/** Largest payload kept in full per message (bytes). Bigger payloads are truncated, with `size` kept. */
export const PAYLOAD_KEEP_LIMIT = 1024 * 1024;

/** Bytes of each payload kept in a topic's history (the newest message keeps up to PAYLOAD_KEEP_LIMIT). */
export const HISTORY_PAYLOAD_LIMIT = 16 * 1024;

/** Default number of messages of history kept per topic. */
export const DEFAULT_HISTORY_LIMIT = 100;

/** Most messages of history the user may keep per topic (Preferences). */
export const MAX_HISTORY_LIMIT = 10_000;

export function isTruncated(m: MqttMessage): boolean {
  return m.size > m.payload.length;
}
