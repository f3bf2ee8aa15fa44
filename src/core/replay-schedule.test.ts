import { describe, expect, it } from 'vitest';
import type { RecordedMessage } from './recording-chunk';
import { dueOffset, replayPublish, replayQos, replayRetain, topicRefusal, validatePrefix } from './replay-schedule';

const bytes = (s: string) => new TextEncoder().encode(s);
const msg = (time: number, topic: string, extra: Partial<RecordedMessage> = {}): RecordedMessage => ({ time, topic, qos: 0, retain: false, payload: bytes('x'), ...extra });

describe('dueOffset', () => {
  it('is the recorded time since the first message divided by the speed', () => {
    expect(dueOffset(1000, 1000, 1)).toBe(0);
    expect(dueOffset(1350, 1000, 1)).toBe(350);
    expect(dueOffset(1350, 1000, 10)).toBe(35);
    expect(dueOffset(61_000, 1000, 100)).toBe(600);
  });
  it('is 0 as fast as possible, and for a message recorded before the first', () => {
    expect(dueOffset(99_000, 1000, 'max')).toBe(0);
    expect(dueOffset(900, 1000, 1)).toBe(0);
  });
  it('is fixed by the recording, so an hour at 1x is due at exactly an hour (no drift from summed gaps)', () => {
    let t = 1_700_000_000_000;
    const first = t;
    for (let i = 0; i < 36_000; i++) t += 100;
    expect(dueOffset(t, first, 1)).toBe(3_600_000);
  });
});

describe('prefix', () => {
  it('accepts an empty prefix and ordinary ones', () => {
    expect(validatePrefix('')).toBeNull();
    expect(validatePrefix('replay/')).toBeNull();
    expect(validatePrefix('test/')).toBeNull();
  });
  it('refuses wildcards, $ and NUL with a reason', () => {
    expect(validatePrefix('a/+/')).toMatch(/wildcards/);
    expect(validatePrefix('#')).toMatch(/wildcards/);
    expect(validatePrefix('$SYS/')).toMatch(/reserved/);
    expect(validatePrefix('a\u0000')).toMatch(/NUL/);
  });
  it('is added in front of the recorded topic (plant/ becomes test/plant/)', () => {
    expect(replayPublish(msg(0, 'plant/line1/temp'), { prefix: 'test/', qos: 'recorded', retain: 'recorded' }).topic).toBe('test/plant/line1/temp');
    expect(replayPublish(msg(0, 'plant/a'), { prefix: '', qos: 'recorded', retain: 'recorded' }).topic).toBe('plant/a');
  });
  it('refuses a resulting topic that cannot be published', () => {
    expect(topicRefusal('$SYS/broker/uptime')).toMatch(/reserved/);
    expect(topicRefusal('replay/a')).toBeNull();
  });
});

describe('QoS and retain choices', () => {
  it('keeps the recorded QoS or forces one', () => {
    expect(replayQos(2, 'recorded')).toBe(2);
    expect(replayQos(2, 0)).toBe(0);
    expect(replayQos(0, 1)).toBe(1);
  });
  it('keeps the recorded retain flag, or turns it off', () => {
    expect(replayRetain(true, 'recorded')).toBe(true);
    expect(replayRetain(false, 'recorded')).toBe(false);
    expect(replayRetain(true, 'off')).toBe(false);
  });
  it('sends the recorded payload bytes and MQTT 5 properties', () => {
    const payload = new Uint8Array([0, 255, 10, 13]);
    const properties = { userProperties: { a: ['1', '2'] }, contentType: 'application/octet-stream', correlationData: new Uint8Array([1, 2]) };
    const p = replayPublish(msg(0, 't', { payload, properties, qos: 1, retain: true }), { prefix: 'r/', qos: 'recorded', retain: 'off' });
    expect(p).toEqual({ topic: 'r/t', payload, qos: 1, retain: false, properties });
  });
});
