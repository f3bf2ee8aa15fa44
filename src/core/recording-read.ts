/**
 * Reading a recording file (format: recording-format.ts, docs/recording-format.md). Two passes,
 * so Import can refuse a broken file before it stores anything:
 *
 *   const check = await checkRecording(file.stream());       // reads everything, keeps nothing
 *   if (!check.ok) show(check.error);                         // "line 1,234: payload is not base64 …"
 *   else for await (const batch of readRecording(file.stream(), { batchSize: 1000 })) store(batch);
 *
 * `checkRecording` validates every line and returns the header, the message count, the time range
 * and whether times are in order; or the FIRST problem (`{ ok: false, line, error }`). It holds
 * one chunk of the file at a time. `readRecording` yields validated messages in batches, in file
 * order; on a problem it throws a RecordingFormatError (recording-lines.ts) with the same message.
 *
 * Times need not be in order: messages keep file order here, and the time index
 * (recording-index.ts) sorts them. Every line is checked with zod/mini schemas, then the values
 * zod cannot judge: topic names (MQTT rules: no wildcards, no NUL, at most 65,535 UTF-8 bytes,
 * well-formed UTF-16), base64. Unknown fields are ignored (a newer writer may add optional ones).
 */
// First: zod runs jitless before any schema is used (the CSP allows no eval; scripts/csp.js).
import './zod-config';
import * as z from 'zod/mini';
import { decodeBase64 } from './base64';
import type { MessageProperties } from './message';
import { estimateMessageBytes } from './recording-chunk';
import { RECORDING_FORMAT, RECORDING_VERSION, type RecordedMessage, type RecordingHeader } from './recording-format';
import { readLines, RecordingFormatError, type ByteSource, type Line, type LineOptions } from './recording-lines';
import { validatePublishTopic } from './topic-filter';
import { userPropsFromPairs } from './user-properties';

/** zod 4 numbers are finite: no NaN, no Infinity. */
const epochMs = (what: string) => z.number(`${what} must be a number (ms since epoch)`);

const headerSchema = z.object({
  name: z.optional(z.string('name must be text')),
  broker: z.optional(z.string('broker must be text')),
  start: z.optional(epochMs('start')),
  end: z.optional(epochMs('end')),
  messages: z.optional(z.int('messages must be a whole number').check(z.nonnegative('messages must not be negative'))),
  filters: z.optional(z.array(z.string('filters must be a list of text'), 'filters must be a list of text')),
  app: z.optional(z.string('app must be text')),
});

const USER_PROPS = 'properties.userProperties must be a list of [name, value] pairs of text';
const propertiesSchema = z.object(
  {
    contentType: z.optional(z.string('properties.contentType must be text')),
    payloadFormatIndicator: z.optional(z.boolean('properties.payloadFormatIndicator must be true or false')),
    messageExpiryInterval: z.optional(z.uint32('properties.messageExpiryInterval must be a whole number of seconds (0 to 4,294,967,295)')),
    responseTopic: z.optional(z.string('properties.responseTopic must be text')),
    correlationData: z.optional(z.string('properties.correlationData must be base64 text')),
    userProperties: z.optional(z.array(z.tuple([z.string(USER_PROPS), z.string(USER_PROPS)], USER_PROPS), USER_PROPS)),
  },
  'properties must be an object',
);

const lineSchema = z.object(
  {
    time: epochMs('time'),
    topic: z.string('topic must be text'),
    qos: z.literal([0, 1, 2], 'qos must be 0, 1 or 2'),
    retain: z.boolean('retain must be true or false'),
    payload: z.string('payload must be base64 text'),
    properties: z.optional(propertiesSchema),
  },
  'a message line must be a JSON object',
);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(line: number, reason: string): never {
  throw new RecordingFormatError(line, reason);
}

function parseJson(line: Line, what: string): unknown {
  try {
    return JSON.parse(line.text);
  } catch {
    return fail(line.number, what);
  }
}

/** The header from line 1 (or the first line, however numbered). */
export function parseHeaderLine(line: Line): RecordingHeader {
  const raw = parseJson(line, 'not a Switchyard recording (the first line is not JSON)');
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || (raw as { format?: unknown }).format !== RECORDING_FORMAT) {
    return fail(line.number, 'not a Switchyard recording');
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== RECORDING_VERSION) {
    const v = typeof version === 'number' ? String(version) : JSON.stringify(version ?? null);
    const reason = `unsupported version ${v} (this app reads version ${RECORDING_VERSION})`;
    throw new RecordingFormatError(line.number, reason, reason);
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) return fail(line.number, `header: ${parsed.error.issues[0].message}`);
  return { format: RECORDING_FORMAT, version: RECORDING_VERSION, ...dropUndefined(parsed.data) };
}

/** One message line, checked and decoded. Throws RecordingFormatError naming the line. */
export function parseMessageLine(line: Line): RecordedMessage {
  const raw = parseJson(line, 'not JSON');
  const parsed = lineSchema.safeParse(raw);
  if (!parsed.success) return fail(line.number, parsed.error.issues[0].message);
  const { time, topic, qos, retain, payload, properties } = parsed.data;
  const topicError = validatePublishTopic(topic) ?? (LONE_SURROGATE.test(topic) ? 'Topic is not well-formed Unicode' : null);
  if (topicError) return fail(line.number, `topic is not a valid MQTT topic name: ${topicError}`);
  const bytes = decodeBase64(payload);
  if (bytes.error !== undefined) return fail(line.number, `payload is not base64 (${bytes.error})`);
  const m: RecordedMessage = { time, topic, qos, retain, payload: bytes.bytes };
  if (properties) {
    const { correlationData, userProperties, ...rest } = properties;
    const p: MessageProperties = dropUndefined(rest);
    if (correlationData !== undefined) {
      const cd = decodeBase64(correlationData);
      if (cd.error !== undefined) return fail(line.number, `properties.correlationData is not base64 (${cd.error})`);
      p.correlationData = cd.bytes;
    }
    if (userProperties?.length) p.userProperties = userPropsFromPairs(userProperties);
    if (Object.keys(p).length) m.properties = p;
  }
  return m;
}

function dropUndefined<T extends object>(o: T): T {
  const out = {} as T;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export interface ReadOptions extends LineOptions {
  /** Messages per batch `readRecording` yields (default 1,000). */
  batchSize?: number;
}

/** Every message line of `source`, checked, in file order, in batches. */
export async function* readRecording(source: ByteSource, options: ReadOptions = {}): AsyncGenerator<RecordedMessage[], void, undefined> {
  const size = Math.max(1, options.batchSize ?? 1000);
  let batch: RecordedMessage[] = [];
  const counted = { header: undefined as RecordingHeader | undefined, count: 0, lastLine: 0 };
  for await (const lines of readLines(source, options)) {
    for (const line of lines) {
      const m = take(line, counted);
      if (!m) continue;
      batch.push(m);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  finish(counted);
  if (batch.length) yield batch;
}

/** What `checkRecording` found in a valid file. */
export interface RecordingSummary {
  ok: true;
  header: RecordingHeader;
  /** Message lines. */
  messages: number;
  /** Earliest and latest message time (ms since epoch); null without messages. */
  firstTime: number | null;
  lastTime: number | null;
  /** True when every message's time is at or after the one before it. */
  inOrder: boolean;
  /** Sum of the payload sizes, bytes. */
  payloadBytes: number;
  /** About what the messages take once stored (recording-chunk.ts estimateMessageBytes, as the recorder's size cap counts). */
  storedBytes: number;
}

export type RecordingCheck = RecordingSummary | { ok: false; line: number; error: string };

/**
 * Reads and checks the whole file without keeping it; the first problem found ends the check.
 * Errors from the source itself (a file that cannot be read) are thrown, not returned.
 */
export async function checkRecording(source: ByteSource, options: LineOptions = {}): Promise<RecordingCheck> {
  const counted = { header: undefined as RecordingHeader | undefined, count: 0, lastLine: 0 };
  let first = Infinity;
  let last = -Infinity;
  let prev = -Infinity;
  let inOrder = true;
  let payloadBytes = 0;
  let storedBytes = 0;
  try {
    for await (const lines of readLines(source, options)) {
      for (const line of lines) {
        const m = take(line, counted);
        if (!m) continue;
        if (m.time < prev) inOrder = false;
        prev = m.time;
        if (m.time < first) first = m.time;
        if (m.time > last) last = m.time;
        payloadBytes += m.payload.length;
        storedBytes += estimateMessageBytes(m);
      }
    }
    finish(counted);
  } catch (e) {
    if (e instanceof RecordingFormatError) return { ok: false, line: e.line, error: e.message };
    throw e;
  }
  const header = counted.header as RecordingHeader;
  const any = counted.count > 0;
  return { ok: true, header, messages: counted.count, firstTime: any ? first : null, lastTime: any ? last : null, inOrder, payloadBytes, storedBytes };
}

interface Counted {
  header: RecordingHeader | undefined;
  count: number;
  lastLine: number;
}

/** The message on `line`, or undefined for the header and blank lines. */
function take(line: Line, c: Counted): RecordedMessage | undefined {
  c.lastLine = line.number;
  if (line.text.trim() === '') return undefined;
  if (!c.header) {
    c.header = parseHeaderLine(line);
    return undefined;
  }
  const m = parseMessageLine(line);
  c.count++;
  return m;
}

function finish(c: Counted): void {
  if (!c.header) fail(c.lastLine === 0 ? 0 : 1, c.lastLine === 0 ? 'the file is empty (not a Switchyard recording)' : 'not a Switchyard recording (no header line)');
  const said = c.header.messages;
  if (said !== undefined && said !== c.count) {
    fail(
      c.lastLine + 1,
      `the header says ${said.toLocaleString('en-US')} messages but the file holds ${c.count.toLocaleString('en-US')} (${c.count < said ? 'truncated?' : 'damaged?'})`,
    );
  }
}
