/**
 * Payloads decoded in the MQTT worker (issue 13): what the worker hands the main thread beside
 * the original bytes (which are always kept, always viewable as hex). Plain, structured-clone
 * data only. A decoder that fails leaves `error` ("not valid Sparkplug B: …") and the views fall
 * back to the normal text / JSON / hex view of the bytes with that reason.
 */

/** Formats the worker decodes. Text, JSON and hex are views of the bytes (core/payload.ts), not decoders. */
export type DecodeFormat = 'sparkplug' | 'protobuf' | 'msgpack' | 'cbor';

/** What the Message panel's **Decode as** offers: `auto` = Sparkplug B on `spBv1.0/…`, else text / JSON / hex. */
export type DecodeChoice = 'auto' | 'text' | 'json' | 'hex' | DecodeFormat;

export const DECODE_CHOICES: readonly { choice: DecodeChoice; label: string }[] = [
  { choice: 'auto', label: 'Auto' },
  { choice: 'text', label: 'Text' },
  { choice: 'json', label: 'JSON' },
  { choice: 'hex', label: 'Hex' },
  { choice: 'sparkplug', label: 'Sparkplug B' },
  { choice: 'protobuf', label: 'Protobuf' },
  { choice: 'msgpack', label: 'MessagePack' },
  { choice: 'cbor', label: 'CBOR' },
];

export const FORMAT_LABEL: Record<DecodeFormat, string> = { sparkplug: 'Sparkplug B', protobuf: 'Protobuf', msgpack: 'MessagePack', cbor: 'CBOR' };

export function isDecodeFormat(s: unknown): s is DecodeFormat {
  return s === 'sparkplug' || s === 'protobuf' || s === 'msgpack' || s === 'cbor';
}

/** A decoded value as JSON would hold it (MessagePack / CBOR maps, arrays, numbers, text). */
export type JsonLike = null | boolean | number | string | JsonLike[] | { [key: string]: JsonLike };

/** One Sparkplug B metric, ready to show (and to chart: `value` is a number for numeric types). */
export interface SparkplugMetric {
  /** From the metric, or from the most recent BIRTH through its alias; '' when unknown. */
  name: string;
  alias?: number;
  /** The Sparkplug datatype's name (Int32, Float, String, …), from the metric or its BIRTH. */
  type: string;
  /** Numbers for numeric types, text for strings / UUIDs / bytes (hex) / what this slice does not unpack. */
  value: number | string | boolean | null;
  /** ms since epoch; absent when it is the payload's (SparkplugInfo.timestamp) or the metric has none. */
  timestamp?: number;
  /** This metric carried only an alias that the last BIRTH did not name. */
  unresolved?: true;
  historical?: true;
  transient?: true;
}

export interface SparkplugInfo {
  /** NBIRTH, DDATA, … (from the topic). */
  messageType: string;
  group: string;
  edgeNode: string;
  device?: string;
  seq?: number;
  timestamp?: number;
  uuid?: string;
  metrics: SparkplugMetric[];
  /** Messages missed before this one by this edge node's `seq` (0–255, wrapping). */
  missed?: number;
  /** What the user should know: a seq gap, aliases without a BIRTH. */
  notes: string[];
}

export interface DecodedPayload {
  format: DecodeFormat;
  /** Why the bytes are not this format; the views show the bytes as usual with this reason. */
  error?: string;
  /** MessagePack / CBOR / Protobuf: the value, shown like JSON. */
  value?: JsonLike;
  /** Protobuf: the message type it was decoded as (`factory.Reading`). */
  messageType?: string;
  /** Protobuf: what the user should know (fields the schema does not name). */
  notes?: string[];
  sparkplug?: SparkplugInfo;
}

/**
 * Decode as rules for the worker: the first rule whose filter matches a topic wins. `null`: no
 * decoder from the rules (a Text / JSON / Hex choice that overrides a protobuf mapping; Sparkplug
 * B on `spBv1.0/…` still applies).
 */
export interface DecodeRule {
  filter: string;
  format: DecodeFormat | null;
  /** Protobuf: the fully qualified message type. */
  messageType?: string;
}

/**
 * A decoded payload as JSON for charts and JSON-path readers (core/value-extract.ts): MessagePack
 * and CBOR values as they are; Sparkplug B as `{ "<metric name>": value }` (names resolved from the
 * BIRTH, so a path such as `Pressure` or `["Node Control/Rebirth"]` keeps working across rebirths).
 * `undefined` when there is nothing decoded (or the decoder refused the payload).
 */
export function decodedAsJson(d: DecodedPayload | undefined): JsonLike | undefined {
  if (!d || d.error) return undefined;
  if (d.sparkplug) {
    const out: { [name: string]: JsonLike } = Object.create(null);
    for (const m of d.sparkplug.metrics) if (m.name) out[m.name] = m.value;
    return out;
  }
  return d.value;
}
