/**
 * MQTT 5 publish properties as mqtt.js hands them over (Buffers, plain records), turned into
 * what crosses to the main thread: bytes as Uint8Array, user properties as a null-prototype
 * record (so names like `__proto__` or `constructor` stay data).
 */
import type { IPublishPacket } from 'mqtt';
import type { MessageProperties } from '../core/message';
import { copyUserProps } from '../core/user-properties';

export function toMessageProperties(p: IPublishPacket['properties']): MessageProperties | undefined {
  if (!p) return undefined;
  const out: MessageProperties = {};
  if (p.contentType !== undefined) out.contentType = p.contentType;
  if (p.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = p.payloadFormatIndicator;
  if (p.messageExpiryInterval !== undefined) out.messageExpiryInterval = p.messageExpiryInterval;
  if (p.responseTopic !== undefined) out.responseTopic = p.responseTopic;
  if (p.correlationData !== undefined) out.correlationData = new Uint8Array(p.correlationData);
  if (p.userProperties !== undefined) out.userProperties = copyUserProps(p.userProperties);
  return Object.keys(out).length ? out : undefined;
}
