/**
 * The size of an MQTT PUBLISH packet on the wire, to refuse before sending what a broker's
 * Maximum Packet Size (MQTT 5 CONNACK) would reject (the broker then drops the connection).
 */
import type { MessageProperties } from './message';

export interface PublishShape {
  topic: string;
  payloadLength: number;
  qos: 0 | 1 | 2;
  protocolVersion: 4 | 5;
  properties?: MessageProperties;
}

const utf8 = (s: string) => new TextEncoder().encode(s).length;
const varintSize = (n: number) => (n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4);

function propertiesLength(p: PublishShape['properties']): number {
  if (!p) return 0;
  let n = 0;
  if (p.payloadFormatIndicator !== undefined) n += 2;
  if (p.messageExpiryInterval !== undefined) n += 5;
  if (p.contentType !== undefined) n += 3 + utf8(p.contentType);
  if (p.responseTopic !== undefined) n += 3 + utf8(p.responseTopic);
  if (p.correlationData !== undefined) n += 3 + p.correlationData.length;
  for (const [k, v] of Object.entries(p.userProperties ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) n += 5 + utf8(k) + utf8(one);
  }
  return n;
}

/** Bytes of the whole PUBLISH packet: fixed header, topic, packet id, properties, payload. */
export function publishPacketSize(p: PublishShape): number {
  let rest = 2 + utf8(p.topic) + (p.qos > 0 ? 2 : 0) + p.payloadLength;
  if (p.protocolVersion === 5) {
    const props = propertiesLength(p.properties);
    rest += varintSize(props) + props;
  }
  return 1 + varintSize(rest) + rest;
}

/** Why a publish of `size` bytes cannot go to a broker whose Maximum Packet Size is `max`, or undefined. */
export function packetTooLarge(size: number, max: number | undefined): string | undefined {
  if (max === undefined || size <= max) return undefined;
  return `Too large for this broker: the message would be ${size.toLocaleString('en')} bytes on the wire, and the broker accepts at most ${max.toLocaleString('en')} (Maximum Packet Size). Nothing was sent.`;
}
