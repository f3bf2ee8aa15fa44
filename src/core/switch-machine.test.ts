import { describe, expect, it } from 'vitest';
import {
  canCommand,
  initialSwitch,
  nextTarget,
  reduceSwitch,
  switchPhase,
  type SwitchEvent,
  type SwitchSnapshot,
} from './switch-machine';

const run = (s: SwitchSnapshot, ...events: SwitchEvent[]) => events.reduce(reduceSwitch, s);
const connected = () => initialSwitch('state', true);
const on = (time = 1): SwitchEvent => ({ type: 'state', value: true, time });
const off = (time = 1): SwitchEvent => ({ type: 'state', value: false, time });
const click = (target: boolean, time = 100, timeoutMs = 5000): SwitchEvent => ({ type: 'command', target, time, timeoutMs });

describe('switch machine (state topic)', () => {
  it('starts unknown (value undefined, aria-checked false) and a state message confirms', () => {
    const s = connected();
    expect(switchPhase(s)).toBe('unknown');
    expect(s.value).toBeUndefined();
    const c = run(s, on());
    expect(switchPhase(c)).toBe('confirmed');
    expect(c.value).toBe(true);
  });

  it('a click makes it pending without changing the value; the device report confirms', () => {
    const s = run(connected(), off(), click(true));
    expect(switchPhase(s)).toBe('pending');
    expect(s.value).toBe(false);
    expect(canCommand(s)).toBe(false);
    // The broker acknowledged the command: still the device's word that counts.
    const acked = reduceSwitch(s, { type: 'published', ok: true, time: 120 });
    expect(acked.value).toBe(false);
    expect(switchPhase(acked)).toBe('pending');
    const done = reduceSwitch(acked, on(300));
    expect(switchPhase(done)).toBe('confirmed');
    expect(done.value).toBe(true);
    expect(done.pending).toBeUndefined();
  });

  it('a report of the old value keeps it pending; the target value ends it', () => {
    const s = run(connected(), off(), click(true), off(200));
    expect(switchPhase(s)).toBe('pending');
    expect(s.value).toBe(false);
    expect(switchPhase(reduceSwitch(s, on(300)))).toBe('confirmed');
  });

  it('times out: back to the last confirmed value, with a notice', () => {
    const s = run(connected(), off(), click(true, 1000, 2000));
    expect(reduceSwitch(s, { type: 'tick', time: 2999 }).pending).toBeDefined();
    const t = reduceSwitch(s, { type: 'tick', time: 3000 });
    expect(switchPhase(t)).toBe('confirmed');
    expect(t.value).toBe(false);
    expect(t.notice).toMatchObject({ kind: 'timeout', text: 'The device did not answer within 2 s' });
    // A later state message clears the notice.
    expect(reduceSwitch(t, on(4000)).notice).toBeUndefined();
  });

  it('a timeout with the value unknown stays unknown (never a false "on")', () => {
    const t = run(connected(), click(true, 0, 500), { type: 'tick', time: 600 });
    expect(t.value).toBeUndefined();
    expect(switchPhase(t)).toBe('unknown');
    expect(t.notice?.kind).toBe('timeout');
  });

  it('a failed publish ends the pending state with the reason', () => {
    const s = run(connected(), off(), click(true), { type: 'published', ok: false, error: 'Not connected', time: 101 });
    expect(s.pending).toBeUndefined();
    expect(s.value).toBe(false);
    expect(s.notice).toMatchObject({ kind: 'publish-failed', text: 'Not sent: Not connected' });
  });

  it('offline: disabled, commands ignored, a pending command is dropped (nothing queued)', () => {
    const s = run(connected(), on(), click(false), { type: 'connection', connected: false, time: 200 });
    expect(switchPhase(s)).toBe('offline');
    expect(s.pending).toBeUndefined();
    expect(s.notice?.kind).toBe('connection-lost');
    expect(canCommand(s)).toBe(false);
    expect(reduceSwitch(s, click(false, 300))).toBe(s);
  });

  it('a reconnect makes the value stale until a fresh or retained state arrives', () => {
    const s = run(connected(), on(), { type: 'connection', connected: false, time: 10 }, { type: 'connection', connected: true, time: 20 });
    expect(switchPhase(s)).toBe('stale');
    expect(s.value).toBe(true);
    expect(canCommand(s)).toBe(true);
    expect(switchPhase(reduceSwitch(s, on(30)))).toBe('confirmed');
  });

  it('a reconnect forgets availability until the device (or a replay) speaks again', () => {
    const s = run(connected(), on(), { type: 'availability', online: false }, { type: 'connection', connected: false, time: 1 }, { type: 'connection', connected: true, time: 2 });
    expect(s.available).toBeUndefined();
    expect(switchPhase(s)).toBe('stale');
  });

  it('reconnecting with nothing known yet is simply unknown', () => {
    const s = run(initialSwitch('state', false), { type: 'connection', connected: true, time: 1 });
    expect(switchPhase(s)).toBe('unknown');
  });

  it('availability offline shows unavailable and blocks commands; online again allows them', () => {
    const s = run(connected(), on(), { type: 'availability', online: false });
    expect(switchPhase(s)).toBe('unavailable');
    expect(canCommand(s)).toBe(false);
    expect(reduceSwitch(s, click(false))).toBe(s);
    const back = reduceSwitch(s, { type: 'availability', online: true });
    expect(switchPhase(back)).toBe('confirmed');
    expect(canCommand(back)).toBe(true);
  });

  it('an unrecognised payload keeps the value and says what came', () => {
    const s = run(connected(), on(), { type: 'state', value: undefined, raw: 'blinking', time: 5 });
    expect(s.value).toBe(true);
    expect(s.notice?.text).toContain('"blinking"');
  });

  it('an empty payload (retained state cleared) makes the value unknown', () => {
    const s = run(connected(), on(), { type: 'state', value: undefined, empty: true, time: 5 });
    expect(s.value).toBeUndefined();
    expect(switchPhase(s)).toBe('unknown');
  });

  it('the next target is the opposite of what is shown; unknown asks for on', () => {
    expect(nextTarget(connected())).toBe(true);
    expect(nextTarget(run(connected(), on()))).toBe(false);
    expect(nextTarget(run(connected(), off()))).toBe(true);
  });
});

describe('switch machine (optimistic, no state topic)', () => {
  const opt = () => initialSwitch('optimistic', true);

  it('shows what was sent once the broker took it, and says it is optimistic', () => {
    const s = run(opt(), click(true));
    expect(switchPhase(s)).toBe('pending');
    const sent = reduceSwitch(s, { type: 'published', ok: true, time: 110 });
    expect(sent.value).toBe(true);
    expect(switchPhase(sent)).toBe('optimistic');
  });

  it('ignores state messages and does not go stale', () => {
    const s = run(opt(), on(), { type: 'connection', connected: false, time: 1 }, { type: 'connection', connected: true, time: 2 });
    expect(s.value).toBeUndefined();
    expect(s.stale).toBe(false);
    expect(switchPhase(s)).toBe('optimistic');
  });

  it('a publish that never completes times out with a broker message', () => {
    const s = run(opt(), click(true, 0, 1000), { type: 'tick', time: 1000 });
    expect(s.value).toBeUndefined();
    expect(s.notice?.text).toBe('The broker did not acknowledge the command within 1 s');
  });
});
