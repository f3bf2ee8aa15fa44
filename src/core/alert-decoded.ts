/**
 * What an alert rule reads of a payload the MQTT worker decoded (issue 13; the rules run after the
 * decoders, mqtt/worker-host.ts): the decoded value as JSON (core/decoded.ts `decodedAsJson`), so a
 * rule's JSON path reads a MessagePack / CBOR / Protobuf field, and on a Sparkplug B topic names a
 * metric (`Temperature`, `["Node Control/Rebirth"]`: the name the worker resolved from the latest
 * BIRTH's aliases). A payload the decoder refused is read from its bytes as before (alert-engine.ts).
 *
 * Sparkplug B reports by exception: a DATA message may lack the rule's metric. That is
 * METRIC_ABSENT, which the engine ignores once the metric was read on that topic, and explains as
 * "JSON path did not match" until then (a misspelt name is "JSON path never matched").
 */
import type { DecodedPayload, JsonLike } from './decoded';
import { getPath, readingFromValue, type PathSegment, type Reading } from './value-extract';

export const METRIC_ABSENT = 'metric not in this message';
export const SPARKPLUG_NEEDS_PATH = 'sparkplug B payload needs a metric name as JSON path';

export type DecodedRead = { reading: Reading; reason?: undefined } | { reading?: undefined; reason: string };
export type DecodedText = { text: string; reason?: undefined } | { text?: undefined; reason: string };

/**
 * The value at `path`, the whole value when `whole`, or why there is none. `json` is
 * `decodedAsJson(d)`, made once per message by the caller.
 */
function valueAt(d: DecodedPayload, json: JsonLike | undefined, whole: boolean, path: PathSegment[] | undefined): { value: JsonLike } | { reason: string } {
  if (whole) return d.sparkplug ? { reason: SPARKPLUG_NEEDS_PATH } : json === undefined ? { reason: 'payload is empty' } : { value: json };
  const v = json !== undefined && path ? getPath(json, path) : undefined;
  if (v === undefined) return { reason: d.sparkplug ? METRIC_ABSENT : 'JSON path did not match' };
  return { value: v as JsonLike };
}

/** A number for a threshold rule (`field` '' = the whole value). */
export function readDecoded(d: DecodedPayload, json: JsonLike | undefined, field: string, path: PathSegment[] | undefined): DecodedRead {
  const at = valueAt(d, json, field === '', path);
  if ('reason' in at) return at;
  const reading = readingFromValue(at.value);
  if (reading) return { reading };
  return { reason: field === '' ? 'payload is not a number' : 'value at the JSON path is not a number' };
}

/** Text for an Equals rule (no path = the whole value): a decoded string as it is, other values as JSON. */
export function decodedText(d: DecodedPayload, json: JsonLike | undefined, path: PathSegment[] | undefined): DecodedText {
  const at = valueAt(d, json, !path, path);
  if ('reason' in at) return at;
  return { text: typeof at.value === 'string' ? at.value : JSON.stringify(at.value) };
}
