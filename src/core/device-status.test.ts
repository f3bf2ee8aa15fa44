import { describe, expect, it } from 'vitest';
import { deviceStatusOf, isDeviceStatusTopic, readDeviceStatus } from './device-status';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('isDeviceStatusTopic', () => {
  it.each([
    ['sensors/th-1/status', true],
    ['homeassistant/sensor/x/availability', true],
    ['zigbee2mqtt/kitchen_plug/availability', true],
    ['tele/sonoff/LWT', true],
    ['shellies/shelly1-AB/online', true],
    ['homie/dev1/$state', true],
    ['devices/pump/connected', true],
    ['home/office/lamp/state', false],
    ['home/livingroom/temperature', false],
    ['status', true],
    ['a/statusx', false],
  ])('%s → %s', (topic, expected) => {
    expect(isDeviceStatusTopic(topic)).toBe(expected);
  });
});

describe('readDeviceStatus', () => {
  it.each([
    ['offline', 'offline'],
    ['Offline', 'offline'],
    [' OFFLINE\n', 'offline'],
    ['false', 'offline'],
    ['0', 'offline'],
    ['disconnected', 'offline'],
    ['dead', 'offline'],
    ['lost', 'offline'],
    ['{"state":"offline"}', 'offline'],
    ['{"online":false}', 'offline'],
    ['{"connected":0}', 'offline'],
    ['online', 'online'],
    ['Online', 'online'],
    ['true', 'online'],
    ['1', 'online'],
    ['ready', 'online'],
    ['{"state":"online"}', 'online'],
  ] as const)('%j → %s', (payload, expected) => {
    expect(readDeviceStatus(payload)).toBe(expected);
    expect(readDeviceStatus(bytes(payload))).toBe(expected);
  });

  it.each(['', 'on', 'off', '21.5', '{"temperature":3}', '[0]', '{bad json', 'x'.repeat(300), '{"state":{"nested":"offline"}}'])(
    'says nothing about %j',
    (payload) => {
      expect(readDeviceStatus(payload)).toBeUndefined();
    },
  );

  it('says nothing about binary bytes', () => {
    expect(readDeviceStatus(new Uint8Array([0xff, 0xfe, 0x00]))).toBeUndefined();
  });
});

describe('deviceStatusOf', () => {
  it('needs a status topic and a status payload', () => {
    expect(deviceStatusOf('sensors/th-1/status', bytes('offline'))).toBe('offline');
    expect(deviceStatusOf('sensors/th-1/temperature', bytes('0'))).toBeUndefined();
    expect(deviceStatusOf('home/office/lamp/state', bytes('off'))).toBeUndefined();
    expect(deviceStatusOf('tele/plug/LWT', 'Online')).toBe('online');
  });
});
