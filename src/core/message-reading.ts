/**
 * What a dashboard widget (gauge, value) reads from a topic's newest message: its decoding when
 * there is one (the one the Explorer shows: features/dashboard/shown-decoding.ts) (core/decoded.ts `decodedAsJson`: Sparkplug B as `{ "<metric name>":
 * value }` with aliases resolved from the latest BIRTH, MessagePack / CBOR values as JSON), else
 * the bytes as text / JSON, as before. So a gauge on a device's DDATA topic with the field
 * `Temperature` keeps working across rebirths that give the metric another alias.
 *
 * Sparkplug B reports by exception: a DDATA carries only the metrics that changed, so the newest
 * message may lack the widget's metric. `sparkplugKeepsLast` tells the widget to keep showing
 * the value it read last rather than "no data".
 */
import { decodedAsJson } from './decoded';
import type { MqttMessage } from './message';
import { extractText } from './switch-payload';
import { extractReading, getPath, parsePath, readingFromValue, type Reading } from './value-extract';

/** The decoded value at `field` ('' = all of it), `undefined` when the message has no decoding or no such field. */
function decodedAt(m: MqttMessage, field: string): { found: boolean; value?: unknown } {
  const json = decodedAsJson(m.decoded);
  if (json === undefined) return { found: false };
  const trimmed = field.trim();
  if (trimmed === '') return { found: true, value: json };
  const path = parsePath(trimmed);
  return { found: true, value: path ? getPath(json, path) : undefined };
}

/** A number for a gauge: from the decoded value if the worker decoded the payload, else from the bytes. */
export function messageReading(m: MqttMessage, field: string): Reading | undefined {
  const d = decodedAt(m, field);
  if (d.found) return readingFromValue(d.value);
  return extractReading(m.payload, field);
}

/** Text for a value widget: a decoded string as it is, other decoded values as JSON; else from the bytes. */
export function messageText(m: MqttMessage, field: string): string | undefined {
  const d = decodedAt(m, field);
  if (!d.found) return extractText(m.payload, field);
  if (d.value === undefined) return undefined;
  return typeof d.value === 'string' ? d.value : JSON.stringify(d.value);
}

/** True when a widget should keep its last value: the newest message is Sparkplug B (which sends only what changed). */
export function sparkplugKeepsLast(m: MqttMessage | undefined): boolean {
  return m?.decoded?.sparkplug !== undefined;
}
