/**
 * Sparkplug B decoding in the MQTT worker (loaded only when a message on `spBv1.0/…` arrives or a
 * filter is decoded as Sparkplug B; see decode-control.ts). The protobuf is read by
 * @bufbuild/protobuf with code generated ahead of time from Eclipse Tahu's sparkplug_b.proto
 * (gen/, `npm run gen:proto`): no eval, so it runs under the app's CSP — unlike protobufjs, whose
 * minimal runtime evals at load (`@protobufjs/inquire`). The meaning (aliases, seq, datatypes) is
 * core/sparkplug.ts.
 *
 * Protobuf reads many byte strings as *some* message (a plain string's bytes can look like
 * fields no Sparkplug payload has): anything with unknown fields or with none of timestamp, seq
 * and metrics is refused with a reason, so a plain payload is never shown as `{}`.
 */
import { fromBinary } from '@bufbuild/protobuf';
import type { DecodedPayload } from '../../core/decoded';
import { parseSparkplugTopic, SparkplugState, type RawMetric, type RawPayload, type RawValue, type SparkplugTopic } from '../../core/sparkplug';
import { PayloadSchema, type Payload_Metric } from './gen/sparkplug_b_pb';

/**
 * Whether a proto2 field was in the bytes: @bufbuild/protobuf keeps unset proto2 fields' defaults
 * on the prototype and sets present ones on the message itself (what its isFieldSet() checks
 * through reflection, several times slower per field).
 */
const has = (m: object, field: string) => Object.hasOwn(m, field);

const NOT_SPARKPLUG = 'not valid Sparkplug B';

function rawValue(v: Payload_Metric['value']): RawValue {
  switch (v.case) {
    case 'datasetValue':
      return { case: 'datasetValue', columns: v.value.columns.length, rows: v.value.rows.length };
    case 'templateValue':
      return { case: 'templateValue', metrics: v.value.metrics.length };
    case 'extensionValue':
      return { case: 'extensionValue' };
    case undefined:
      return { case: undefined };
    default:
      return v as RawValue;
  }
}

function rawMetric(m: Payload_Metric): RawMetric {
  const out: RawMetric = { value: rawValue(m.value) };
  if (has(m, 'name')) out.name = m.name;
  if (has(m, 'alias')) out.alias = m.alias;
  if (has(m, 'timestamp')) out.timestamp = m.timestamp;
  if (has(m, 'datatype')) out.datatype = m.datatype;
  if (m.isNull) out.isNull = true;
  if (m.isHistorical) out.isHistorical = true;
  if (m.isTransient) out.isTransient = true;
  return out;
}

/** The protobuf payload, or why it is not one. */
export function readSparkplugPayload(bytes: Uint8Array): RawPayload | string {
  if (bytes.length === 0) return `${NOT_SPARKPLUG}: the payload is empty`;
  let p;
  try {
    p = fromBinary(PayloadSchema, bytes);
  } catch (e) {
    return `${NOT_SPARKPLUG}: ${(e as Error)?.message || String(e)}`;
  }
  const unknown = p.$unknown?.[0] ?? p.metrics.find((m) => m.$unknown?.length)?.$unknown?.[0];
  if (unknown) return `${NOT_SPARKPLUG}: field ${unknown.no} is not part of the Sparkplug B schema`;
  const seqSet = has(p, 'seq');
  const tsSet = has(p, 'timestamp');
  if (!seqSet && !tsSet && p.metrics.length === 0) return `${NOT_SPARKPLUG}: no timestamp, seq or metrics`;
  const out: RawPayload = { metrics: p.metrics.map(rawMetric) };
  if (tsSet) out.timestamp = p.timestamp;
  if (seqSet) out.seq = p.seq;
  if (has(p, 'uuid')) out.uuid = p.uuid;
  return out;
}

/** One connection's Sparkplug decoder: keeps aliases and seq across messages (core/sparkplug.ts). */
export class SparkplugDecoder {
  private readonly state = new SparkplugState();

  /**
   * `undefined`: not a Sparkplug B message topic (e.g. STATE, JSON in Sparkplug 3) — shown as usual.
   * `topicOverride`: the user chose Sparkplug B for a topic outside the namespace.
   */
  decode(topic: string, bytes: Uint8Array, forced = false): DecodedPayload | undefined {
    const t: SparkplugTopic | null = parseSparkplugTopic(topic) ?? (forced ? { group: '', messageType: 'DATA', edgeNode: topic } : null);
    if (!t) return undefined;
    const raw = readSparkplugPayload(bytes);
    if (typeof raw === 'string') return { format: 'sparkplug', error: raw };
    return { format: 'sparkplug', sparkplug: this.state.interpret(t, raw) };
  }
}
