import { describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { packetTooLarge, publishPacketSize, type PublishShape } from './packet-size';

/** The oracle: mqtt-packet's own encoding of the same PUBLISH. */
function encoded(p: PublishShape): number {
  return mqttPacket.generate(
    {
      cmd: 'publish',
      topic: p.topic,
      payload: Buffer.alloc(p.payloadLength, 0x61),
      qos: p.qos,
      retain: false,
      dup: false,
      messageId: p.qos > 0 ? 7 : undefined,
      properties: (p.properties?.correlationData
        ? { ...p.properties, correlationData: Buffer.from(p.properties.correlationData) }
        : p.properties) as never,
    } as mqttPacket.IPublishPacket,
    { protocolVersion: p.protocolVersion },
  ).length;
}

describe('publishPacketSize', () => {
  const cases: PublishShape[] = [
    { topic: 'a', payloadLength: 0, qos: 0, protocolVersion: 4 },
    { topic: 'plant/line1/temp', payloadLength: 100, qos: 1, protocolVersion: 4 },
    { topic: 'plant/line1/temp', payloadLength: 126, qos: 0, protocolVersion: 5 },
    { topic: 'ä/ö', payloadLength: 20_000, qos: 2, protocolVersion: 5 },
    { topic: 't', payloadLength: 3_000_000, qos: 1, protocolVersion: 5 },
    {
      topic: 'props',
      payloadLength: 10,
      qos: 1,
      protocolVersion: 5,
      properties: {
        contentType: 'application/json',
        payloadFormatIndicator: true,
        messageExpiryInterval: 60,
        responseTopic: 'reply/here',
        correlationData: new Uint8Array([1, 2, 3]),
        userProperties: { a: 'b', list: ['x', 'yy'] },
      },
    },
  ];
  it.each(cases)('matches the encoded size: %o', (c) => {
    expect(publishPacketSize(c)).toBe(encoded(c));
  });
});

describe('packetTooLarge', () => {
  it('refuses above the limit only', () => {
    expect(packetTooLarge(1000, 1000)).toBeUndefined();
    expect(packetTooLarge(1000, undefined)).toBeUndefined();
    expect(packetTooLarge(1001, 1000)).toMatch(/1,001 bytes.*at most 1,000.*Nothing was sent/);
  });
});
