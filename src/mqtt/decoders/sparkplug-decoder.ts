/**
 * Sparkplug B decoding in the MQTT worker (loaded only when a message on `spBv1.0/…` arrives or a
 * filter is decoded as Sparkplug B; see decode-control.ts). The protobuf is read with
 * @bufbuild/protobuf (sparkplug-wire.ts: its BinaryReader by the field numbers of Eclipse Tahu's
 * sparkplug_b.proto, and for DataSet/Template the code generated ahead of time from it in gen/,
 * `npm run gen:proto`): no eval, so it runs under the app's CSP — unlike protobufjs, whose minimal
 * runtime evals at load (`@protobufjs/inquire`). The meaning (aliases, seq, datatypes) is
 * core/sparkplug.ts.
 *
 * Protobuf reads many byte strings as *some* message (a plain string's bytes can look like
 * fields no Sparkplug payload has): anything with unknown fields or with none of timestamp, seq
 * and metrics is refused with a reason, so a plain payload is never shown as `{}`.
 */
import type { DecodedPayload } from '../../core/decoded';
import { parseSparkplugTopic, SparkplugState, type RawPayload, type SparkplugTopic } from '../../core/sparkplug';
import { readPayloadWire } from './sparkplug-wire';

const NOT_SPARKPLUG = 'not valid Sparkplug B';
const MAX_TOPICS = 10_000;

/** The protobuf payload, or why it is not one. */
export function readSparkplugPayload(bytes: Uint8Array): RawPayload | string {
  if (bytes.length === 0) return `${NOT_SPARKPLUG}: the payload is empty`;
  const raw = readPayloadWire(bytes);
  if (typeof raw === 'string') return `${NOT_SPARKPLUG}: ${raw}`;
  if (raw.seq === undefined && raw.timestamp === undefined && raw.metrics.length === 0) return `${NOT_SPARKPLUG}: no timestamp, seq or metrics`;
  return raw;
}

/** One connection's Sparkplug decoder: keeps aliases and seq across messages (core/sparkplug.ts). */
export class SparkplugDecoder {
  private readonly state = new SparkplugState();
  /** Parsed topics (a device's DDATA topic comes back thousands of times); bounded, cleared when full. */
  private readonly topics = new Map<string, SparkplugTopic | null>();

  /**
   * `undefined`: not a Sparkplug B message topic (e.g. STATE, JSON in Sparkplug 3) — shown as usual.
   * `topicOverride`: the user chose Sparkplug B for a topic outside the namespace.
   */
  decode(topic: string, bytes: Uint8Array, forced = false): DecodedPayload | undefined {
    let parsed = this.topics.get(topic);
    if (parsed === undefined) {
      parsed = parseSparkplugTopic(topic);
      if (this.topics.size >= MAX_TOPICS) this.topics.clear();
      this.topics.set(topic, parsed);
    }
    const t: SparkplugTopic | null = parsed ?? (forced ? { group: '', messageType: 'DATA', edgeNode: topic } : null);
    if (!t) return undefined;
    const raw = readSparkplugPayload(bytes);
    if (typeof raw === 'string') return { format: 'sparkplug', error: raw };
    return { format: 'sparkplug', sparkplug: this.state.interpret(t, raw) };
  }
}
