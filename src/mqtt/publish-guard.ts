/**
 * What the connected broker would refuse, checked before a publish leaves the page: a packet
 * above its Maximum Packet Size (an MQTT 5 broker drops the connection for it) and a retained
 * publish where Retain Available is 0 (a protocol error that also ends the connection).
 */
import { packetTooLarge, publishPacketSize } from '../core/packet-size';
import { maxPublishQos, qosUnavailableReason, RETAIN_UNAVAILABLE_REASON, retainUnavailable, type BrokerCapabilities } from './capabilities';
import type { MessageProperties } from '../core/message';

export interface GuardedPublish {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1 | 2;
  retain: boolean;
  properties?: MessageProperties;
}

/** Why this publish must not be sent to a broker with these capabilities, or undefined. */
export function publishRefusal(req: GuardedPublish, caps: BrokerCapabilities | undefined): string | undefined {
  if (!caps) return undefined;
  if (req.retain && retainUnavailable(caps)) return `${RETAIN_UNAVAILABLE_REASON} Nothing was sent.`;
  const maxQos = maxPublishQos(caps);
  if (req.qos > maxQos) return `${qosUnavailableReason(maxQos)} Nothing was sent.`;
  if (caps.maximumPacketSize === undefined) return undefined;
  const size = publishPacketSize({
    topic: req.topic,
    payloadLength: req.payload.length,
    qos: req.qos,
    protocolVersion: caps.protocolVersion,
    properties: req.properties,
  });
  return packetTooLarge(size, caps.maximumPacketSize);
}
