/**
 * The recording export format (`switchyard-recording`, version 1): what Export writes and Import
 * reads. The full specification, for anyone writing or reading these files elsewhere, is
 * docs/recording-format.md. In short: JSON Lines (UTF-8, each line ends with LF), a header line
 * first, then one line per message in recording order; payloads and correlation data in base64.
 *
 * This module is the writer and the shared types; the reader (zod schemas, line splitting,
 * validation) is recording-read.ts, so exporting never loads zod.
 *
 * Writing is a stream: `encodeRecording(header, batches)` pulls message batches from an (async)
 * iterable — e.g. one IndexedDB chunk at a time — and yields text pieces of about `pieceChars`
 * characters, never the whole file; `recordingByteStream` is the same as a pull-based
 * ReadableStream<Uint8Array> (back-pressure: the next batch is read only when the consumer asks).
 *
 *   const stream = recordingByteStream({ name, broker, start, messages }, chunksFromDb());
 *   await stream.pipeTo(fileHandleWritable);   // or new Response(stream) for a download
 */
import { encodeBase64 } from './base64';
import type { MessageProperties } from './message';
import { userPropsToPairs } from './user-properties';

export const RECORDING_FORMAT = 'switchyard-recording';
export const RECORDING_VERSION = 1;

/** One recorded message: everything the broker delivered, the payload byte for byte. */
export interface RecordedMessage {
  /** Receive time, ms since epoch. */
  time: number;
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** The exact payload bytes (never truncated). */
  payload: Uint8Array;
  /** MQTT 5 properties, when the message had any. */
  properties?: MessageProperties;
}

/**
 * The header line's fields besides `format` and `version` (all optional in the file; a reader
 * ignores fields it does not know).
 */
export interface RecordingHeaderFields {
  /** The recording's name as the user gave it. */
  name?: string;
  /** The broker URL it was recorded from. */
  broker?: string;
  /** When recording started / stopped, ms since epoch. */
  start?: number;
  end?: number;
  /** How many message lines follow. When present, a reader refuses a file with a different count. */
  messages?: number;
  /** The topic filters recorded. */
  filters?: string[];
  /** What wrote the file, e.g. "Switchyard 0.1.0". */
  app?: string;
}

export interface RecordingHeader extends RecordingHeaderFields {
  format: typeof RECORDING_FORMAT;
  version: typeof RECORDING_VERSION;
}

/** Async or plain iterable. */
export type AnyIterable<T> = AsyncIterable<T> | Iterable<T>;

/** The header line, LF included. Fields that are undefined are left out. */
export function encodeHeaderLine(fields: RecordingHeaderFields): string {
  const header: RecordingHeader = { format: RECORDING_FORMAT, version: RECORDING_VERSION };
  const { name, broker, start, end, messages, filters, app } = fields;
  Object.assign(header, { name, broker, start, end, messages, filters, app });
  return JSON.stringify(header) + '\n';
}

/** MQTT 5 properties as they appear in a line, or undefined when there are none. */
export function propertiesToLine(p: MessageProperties | undefined): Record<string, unknown> | undefined {
  if (!p) return undefined;
  const out: Record<string, unknown> = {};
  if (p.contentType !== undefined) out.contentType = p.contentType;
  if (p.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = p.payloadFormatIndicator;
  if (p.messageExpiryInterval !== undefined) out.messageExpiryInterval = p.messageExpiryInterval;
  if (p.responseTopic !== undefined) out.responseTopic = p.responseTopic;
  if (p.correlationData !== undefined) out.correlationData = encodeBase64(p.correlationData);
  const pairs = userPropsToPairs(p.userProperties);
  if (pairs.length) out.userProperties = pairs;
  return Object.keys(out).length ? out : undefined;
}

/** One message line, LF included. */
export function encodeMessageLine(m: RecordedMessage): string {
  if (!Number.isFinite(m.time)) throw new RangeError(`Message on ${m.topic} has no valid time (${m.time}).`);
  if (m.qos !== 0 && m.qos !== 1 && m.qos !== 2) throw new RangeError(`Message on ${m.topic} has QoS ${String(m.qos)}.`);
  // Same as JSON.stringify of { time, topic, qos, retain, payload, properties }, a third faster.
  let line = `{"time":${m.time},"topic":${JSON.stringify(m.topic)},"qos":${m.qos},"retain":${m.retain ? 'true' : 'false'},"payload":"${encodeBase64(m.payload)}"`;
  const properties = m.properties && propertiesToLine(m.properties);
  if (properties) line += `,"properties":${JSON.stringify(properties)}`;
  return line + '}\n';
}

export interface EncodeOptions {
  /**
   * A piece is yielded once it holds at least this many characters (default 256 Ki). A piece is
   * at most this plus one line, so memory stays bounded whatever the batch sizes.
   */
  pieceChars?: number;
}

/**
 * The whole file as text pieces: the header line, then the messages of `batches` in order. Reads
 * the next batch only when the consumer asks for the next piece. A batch may be empty.
 */
export async function* encodeRecording(
  header: RecordingHeaderFields,
  batches: AnyIterable<readonly RecordedMessage[]>,
  options: EncodeOptions = {},
): AsyncGenerator<string, void, undefined> {
  const target = options.pieceChars ?? 256 * 1024;
  let piece = encodeHeaderLine(header);
  for await (const batch of batches) {
    for (const m of batch) {
      piece += encodeMessageLine(m);
      if (piece.length >= target) {
        yield piece;
        piece = '';
      }
    }
  }
  if (piece.length) yield piece;
}

/** `encodeRecording` as UTF-8 bytes in a pull-based ReadableStream (one piece per pull). */
export function recordingByteStream(
  header: RecordingHeaderFields,
  batches: AnyIterable<readonly RecordedMessage[]>,
  options: EncodeOptions = {},
): ReadableStream<Uint8Array> {
  const pieces = encodeRecording(header, batches, options);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await pieces.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await pieces.return();
      },
    },
    { highWaterMark: 1 },
  );
}
