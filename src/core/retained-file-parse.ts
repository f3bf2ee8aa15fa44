/**
 * Reading a retained-messages export file (retained-file.ts has the format and the writer):
 * only Import needs this, so zod's full API stays off the first load.
 */
// First: zod runs jitless before any schema is used (the CSP allows no eval; scripts/csp.js).
import './zod-config';
import { z } from 'zod';
import { fromBase64 } from './payload';
import { validatePublishTopic } from './topic-filter';
import type { MessageProperties } from './message';
import { copyUserProps, type UserProperties } from './user-properties';
import { RETAINED_FILE_FORMAT, RETAINED_FILE_VERSION, type RetainedEntry } from './retained-file';

/**
 * Own names only, kept in a null-prototype record: z.record would copy into a plain object,
 * where a user property named `__proto__` silently disappears.
 */
const isUserPropValue = (x: unknown) => typeof x === 'string' || (Array.isArray(x) && x.every((s) => typeof s === 'string'));
const userProps = z
  .custom<UserProperties>(
    (v) =>
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.getOwnPropertyNames(v).every((k) => isUserPropValue((v as Record<string, unknown>)[k])),
    { message: 'user properties must map names to text (or lists of text)' },
  )
  .transform((v) => copyUserProps(v));

const propertiesSchema = z
  .object({
    contentType: z.string().optional(),
    payloadFormatIndicator: z.boolean().optional(),
    messageExpiryInterval: z.number().int().nonnegative().optional(),
    responseTopic: z.string().optional(),
    correlationData: z.string().optional(),
    userProperties: userProps.optional(),
  })
  .strict();

const entrySchema = z
  .object({
    topic: z.string().min(1),
    payload: z.string(),
    qos: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    properties: propertiesSchema.optional(),
  })
  .strict();

const fileSchema = z.object({
  format: z.literal(RETAINED_FILE_FORMAT),
  version: z.literal(RETAINED_FILE_VERSION),
  exportedAt: z.string().optional(),
  broker: z.string().optional(),
  messages: z.array(entrySchema),
});

export type ParseResult = { ok: true; entries: RetainedEntry[] } | { ok: false; error: string };

/** Parses and checks an export file. Any problem rejects the whole file, with a message saying where. */
export function parseRetainedFile(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not a JSON file: ${(e as Error).message}` };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: `Not a Switchyard retained-messages file${where}: ${issue.message}` };
  }
  const entries: RetainedEntry[] = [];
  for (const [i, m] of parsed.data.messages.entries()) {
    const topicError = validatePublishTopic(m.topic);
    if (topicError) return { ok: false, error: `Message ${i + 1} (${m.topic}): ${topicError}` };
    if (m.topic.startsWith('$')) return { ok: false, error: `Message ${i + 1} (${m.topic}): topics starting with $ belong to the broker.` };
    const payload = fromBase64(m.payload);
    if (payload.error !== undefined) return { ok: false, error: `Message ${i + 1} (${m.topic}): payload is not valid base64: ${payload.error}` };
    if (payload.bytes.length === 0) return { ok: false, error: `Message ${i + 1} (${m.topic}): an empty payload would delete a retained message, not restore one.` };
    const entry: RetainedEntry = { topic: m.topic, payload: payload.bytes, qos: m.qos };
    if (m.properties) {
      const { correlationData, ...rest } = m.properties;
      const props: MessageProperties = { ...rest };
      if (correlationData !== undefined) {
        const cd = fromBase64(correlationData);
        if (cd.error !== undefined) return { ok: false, error: `Message ${i + 1} (${m.topic}): correlation data is not valid base64.` };
        props.correlationData = cd.bytes;
      }
      entry.properties = props;
    }
    entries.push(entry);
  }
  return { ok: true, entries };
}
