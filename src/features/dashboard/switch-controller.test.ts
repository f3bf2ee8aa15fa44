import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SwitchController, type Publisher } from './switch-controller';
import type { SwitchWidget } from '../../core/dashboard-schema';
import { switchPhase } from '../../core/switch-machine';
import type { MqttMessage } from '../../core/message';

const kitchen: SwitchWidget = {
  id: 'k',
  type: 'switch',
  label: 'Kitchen light',
  pos: { x: 0, y: 0, w: 4, h: 2 },
  commandTopic: 'home/kitchen/light/set',
  stateTopic: 'home/kitchen/light',
  onPayload: '{"state":"ON"}',
  offPayload: '{"state":"OFF"}',
  stateOn: 'ON',
  stateOff: 'OFF',
  stateJsonPath: 'state',
  qos: 1,
  retain: false,
  availabilityTopic: 'home/kitchen/status',
  availabilityOnline: 'online',
  availabilityOffline: 'offline',
  timeoutMs: 2000,
};

const msg = (topic: string, text: string, time = Date.now()): MqttMessage => {
  const payload = new TextEncoder().encode(text);
  return { topic, payload, size: payload.length, qos: 1, retain: true, time };
};

function fakeBroker() {
  const sent: { topic: string; text: string; qos: number; retain: boolean }[] = [];
  let answer: (r: { ok: boolean; error?: string }) => void = () => {};
  const publisher: Publisher = {
    publish: (req) => {
      sent.push({ topic: req.topic, text: new TextDecoder().decode(req.payload), qos: req.qos, retain: req.retain });
      return new Promise((resolve) => (answer = resolve));
    },
  };
  return { publisher, sent, ack: (r: { ok: boolean; error?: string } = { ok: true }) => answer(r) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SwitchController', () => {
  it('publishes the on payload, stays pending after the PUBACK, confirms on the device report', async () => {
    const broker = fakeBroker();
    const c = new SwitchController(kitchen, true, broker.publisher);
    const seen: number[] = [];
    c.subscribe(() => seen.push(c.version));
    c.onMessage(msg('home/kitchen/light', '{"state":"OFF","brightness":180}'));
    expect(c.snapshot.value).toBe(false);
    c.toggle();
    expect(broker.sent).toEqual([{ topic: 'home/kitchen/light/set', text: '{"state":"ON"}', qos: 1, retain: false }]);
    expect(switchPhase(c.snapshot)).toBe('pending');
    c.toggle(); // a second click while pending sends nothing
    expect(broker.sent).toHaveLength(1);
    broker.ack();
    await vi.advanceTimersByTimeAsync(10);
    expect(c.snapshot.value).toBe(false);
    c.onMessage(msg('home/kitchen/light', '{"state":"ON","brightness":180}'));
    expect(switchPhase(c.snapshot)).toBe('confirmed');
    expect(c.snapshot.value).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('times out at the configured timeout and keeps the last confirmed value', async () => {
    const broker = fakeBroker();
    const c = new SwitchController(kitchen, true, broker.publisher);
    c.onMessage(msg('home/kitchen/light', '{"state":"OFF"}'));
    c.toggle();
    broker.ack();
    await vi.advanceTimersByTimeAsync(1999);
    expect(c.snapshot.pending).toBeDefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(c.snapshot.pending).toBeUndefined();
    expect(c.snapshot.value).toBe(false);
    expect(c.snapshot.notice?.text).toBe('The device did not answer within 2 s');
  });

  it('a refused publish ends the wait with the reason', async () => {
    const broker = fakeBroker();
    const c = new SwitchController(kitchen, true, broker.publisher);
    c.toggle();
    broker.ack({ ok: false, error: 'Not connected: nothing was sent.' });
    await vi.advanceTimersByTimeAsync(0);
    expect(c.snapshot.pending).toBeUndefined();
    expect(c.snapshot.notice?.kind).toBe('publish-failed');
  });

  it('sends nothing while offline or unavailable', () => {
    const broker = fakeBroker();
    const offline = new SwitchController(kitchen, false, broker.publisher);
    offline.toggle();
    const unavailable = new SwitchController(kitchen, true, broker.publisher);
    unavailable.onMessage(msg('home/kitchen/status', 'offline'));
    expect(switchPhase(unavailable.snapshot)).toBe('unavailable');
    unavailable.toggle();
    expect(broker.sent).toHaveLength(0);
  });

  it('without a state topic it is optimistic: shows what the broker accepted', async () => {
    const broker = fakeBroker();
    const c = new SwitchController({ ...kitchen, stateTopic: '' }, true, broker.publisher);
    c.toggle();
    broker.ack();
    await vi.advanceTimersByTimeAsync(0);
    expect(switchPhase(c.snapshot)).toBe('optimistic');
    expect(c.snapshot.value).toBe(true);
  });

  it('stops notifying and timing after dispose', async () => {
    const broker = fakeBroker();
    const c = new SwitchController(kitchen, true, broker.publisher);
    const fn = vi.fn();
    c.subscribe(fn);
    c.toggle();
    fn.mockClear();
    c.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fn).not.toHaveBeenCalled();
  });
});
