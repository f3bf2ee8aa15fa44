import { describe, expect, it } from 'vitest';
import type { DecodedPayload } from './decoded';
import type { MqttMessage } from './message';
import { messageReading, messageText, sparkplugKeepsLast } from './message-reading';

const bytes = (s: string) => new TextEncoder().encode(s);
const msg = (payload: Uint8Array, decoded?: DecodedPayload): MqttMessage => ({ topic: 't', payload, size: payload.length, qos: 0, retain: false, time: 1, ...(decoded ? { decoded } : {}) });
const sparkplug = (metrics: { name: string; value: number | string | boolean | null }[]): DecodedPayload => ({
  format: 'sparkplug',
  sparkplug: { messageType: 'DDATA', group: 'g', edgeNode: 'e', device: 'd', metrics: metrics.map((m) => ({ ...m, type: 'Double' })), notes: [] },
});
// Protobuf bytes that are not text: what a widget would have read before.
const binary = Uint8Array.from([0x08, 0x80, 0xd0, 0x95, 0xff, 0xbc, 0x31, 0x12, 0x0b]);

describe('widget readings from decoded payloads', () => {
  it('reads a Sparkplug B metric by name (quoted when it has spaces), not the bytes', () => {
    const m = msg(binary, sparkplug([{ name: 'Temperature', value: 71.5 }, { name: 'Burner On', value: true }, { name: 'Mode', value: 'auto' }]));
    expect(messageReading(m, 'Temperature')).toEqual({ value: 71.5, boolean: false });
    expect(messageReading(m, '["Burner On"]')).toEqual({ value: 1, boolean: true });
    expect(messageText(m, 'Mode')).toBe('auto');
    expect(messageText(m, '["Burner On"]')).toBe('true');
    expect(messageReading(m, 'Pressure')).toBeUndefined();
    expect(messageText(m, 'Pressure')).toBeUndefined();
    expect(sparkplugKeepsLast(m)).toBe(true);
  });

  it('reads MessagePack / CBOR values like JSON', () => {
    const m = msg(binary, { format: 'msgpack', value: { a: { b: [1, 2.5] } } });
    expect(messageReading(m, 'a.b[1]')).toEqual({ value: 2.5, boolean: false });
    expect(messageText(m, 'a')).toBe('{"b":[1,2.5]}');
    expect(sparkplugKeepsLast(m)).toBe(false);
  });

  it('reads the bytes as before when nothing was decoded, or the decoder refused them', () => {
    expect(messageReading(msg(bytes('{"t":21.5}')), 't')).toEqual({ value: 21.5, boolean: false });
    expect(messageText(msg(bytes('21.5')), '')).toBe('21.5');
    const refused = msg(bytes('{"t":3}'), { format: 'sparkplug', error: 'not valid Sparkplug B: …' });
    expect(messageReading(refused, 't')).toEqual({ value: 3, boolean: false });
    expect(sparkplugKeepsLast(refused)).toBe(false);
    expect(sparkplugKeepsLast(undefined)).toBe(false);
  });
});
