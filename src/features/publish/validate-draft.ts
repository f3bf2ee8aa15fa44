/**
 * Turns the Publish form's draft into exactly what goes on the wire, or says,
 * per field, why it cannot go out. Pure: no React, no connection.
 */
import { encodePayload } from '../../core/payload-encode';
import { MAX_TOPIC_BYTES, utf8ByteLength, validatePublishTopic } from '../../core/topic-filter';
import type { MessageProperties } from '../../core/message';
import { publishRefusal } from '../../mqtt/publish-guard';
import { maxPublishQos, retainUnavailable, type BrokerCapabilities } from '../../mqtt/capabilities';
import { userPropsFromPairs } from '../../core/user-properties';
import type { PublishRequest } from '../../core/connection';
import { countProperties, type DraftProperties, type PublishDraft } from '../../stores/publish-store';

export type DraftField =
  | 'topic'
  | 'payload'
  | 'properties'
  | 'contentType'
  | 'messageExpiryInterval'
  | 'responseTopic'
  | 'correlationData'
  | 'userProperties';

export type DraftErrors = Partial<Record<DraftField, string>>;

export type BuildResult = { request: PublishRequest; errors?: undefined } | { request?: undefined; errors: DraftErrors };

export interface BuildContext {
  /** Protocol of the connection (last known); properties need 5. Undefined: not known yet. */
  protocolVersion?: 4 | 5;
  /** What the connected broker announced (MQTT 5 CONNACK): retain and packet size limits. */
  capabilities?: BrokerCapabilities;
}

/** Largest Message Expiry Interval (a four-byte integer, seconds). */
const MAX_EXPIRY = 0xffffffff;
const encoder = new TextEncoder();

/** A topic that starts with `$` is reserved for brokers ($SYS, ...): publishing there needs a confirmation. */
export function isReservedTopic(topic: string): boolean {
  return topic.startsWith('$');
}

/** Builds the publish request, or returns every field's error at once. */
export function buildPublish(draft: PublishDraft, ctx: BuildContext = {}): BuildResult {
  const errors: DraftErrors = {};
  const topicError = validatePublishTopic(draft.topic);
  if (topicError) errors.topic = topicError;
  const encoded = encodePayload(draft.payload, draft.format);
  if (encoded.error !== undefined) errors.payload = encoded.error;
  const props = buildProperties(draft.properties, errors);
  if (props && ctx.protocolVersion === 4) {
    errors.properties =
      'This connection uses MQTT 3.1.1, which has no properties: clear them, or connect with MQTT 5 to send them.';
  }
  if (Object.keys(errors).length > 0) return { errors };
  // Where the broker has no retain, the Retain box is off and disabled: the request follows it.
  const retain = draft.retain && !retainUnavailable(ctx.capabilities);
  // Likewise the QoS radios above the broker's Maximum QoS are disabled: the highest allowed is used.
  const qos = Math.min(draft.qos, maxPublishQos(ctx.capabilities)) as 0 | 1 | 2;
  const request: PublishRequest = { topic: draft.topic, payload: encoded.bytes!, qos, retain };
  if (props) request.properties = props;
  const refused = publishRefusal(request, ctx.capabilities);
  if (refused) return { errors: { payload: refused } };
  return { request };
}

/** The request that clears the retained message on the draft's topic (empty payload, retain). */
export function buildClearRetained(draft: PublishDraft): BuildResult {
  const topicError = validatePublishTopic(draft.topic);
  if (topicError) return { errors: { topic: topicError } };
  return { request: { topic: draft.topic, payload: new Uint8Array(0), qos: draft.qos, retain: true } };
}

/** MQTT 5 properties from the form; undefined when none are filled in. Errors go into `errors`. */
function buildProperties(p: DraftProperties, errors: DraftErrors): MessageProperties | undefined {
  if (countProperties(p) === 0) return undefined;
  const out: MessageProperties = {};
  if (p.contentType) {
    const e = stringTooLong(p.contentType, 'Content type');
    if (e) errors.contentType = e;
    out.contentType = p.contentType;
  }
  if (p.payloadFormatIndicator) out.payloadFormatIndicator = true;
  const expiry = p.messageExpiryInterval.trim();
  if (expiry) {
    const n = /^\d+$/.test(expiry) ? Number(expiry) : NaN;
    if (!Number.isSafeInteger(n) || n > MAX_EXPIRY) {
      errors.messageExpiryInterval = `Message expiry interval must be a whole number of seconds from 0 to ${MAX_EXPIRY}`;
    } else out.messageExpiryInterval = n;
  }
  if (p.responseTopic) {
    const e = validatePublishTopic(p.responseTopic);
    if (e) errors.responseTopic = `Response topic: ${e.replace(/^Topic/, 'the topic')}`;
    out.responseTopic = p.responseTopic;
  }
  if (p.correlationData) {
    const bytes = encoder.encode(p.correlationData);
    if (bytes.length > MAX_TOPIC_BYTES) errors.correlationData = `Correlation data is too long: at most ${MAX_TOPIC_BYTES} bytes`;
    out.correlationData = bytes;
  }
  const rows = p.userProperties.filter((r) => r.key || r.value);
  if (rows.length > 0) {
    const pairs: [string, string][] = [];
    for (const [i, r] of p.userProperties.entries()) {
      if (!r.key && !r.value) continue;
      if (!r.key) {
        errors.userProperties = `User property ${i + 1} needs a name`;
        break;
      }
      const e = stringTooLong(r.key, `User property ${i + 1} name`) ?? stringTooLong(r.value, `User property ${i + 1} value`);
      if (e) {
        errors.userProperties = e;
        break;
      }
      pairs.push([r.key, r.value]);
    }
    // The same name may appear several times (MQTT 5 keeps every pair, in order); any name,
    // `constructor` and `__proto__` included, is plain data in a null-prototype record.
    out.userProperties = userPropsFromPairs(pairs);
  }
  return out;
}

function stringTooLong(s: string, what: string): string | undefined {
  if (s.includes('\u0000')) return `${what} must not contain the NUL character`;
  const n = utf8ByteLength(s);
  return n > MAX_TOPIC_BYTES ? `${what} is too long: ${n} bytes, at most ${MAX_TOPIC_BYTES}` : undefined;
}

/** Byte count and kind line under the payload ("5 bytes"), or undefined when it does not encode. */
export function payloadSize(draft: PublishDraft): number | undefined {
  return encodePayload(draft.payload, draft.format).bytes?.length;
}
