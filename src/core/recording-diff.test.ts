import { describe, expect, it } from 'vitest';
import { diffStates, filterDiff, reverseDiff, samePayload, type StateMessage } from './recording-diff';

const enc = new TextEncoder();
function msg(topic: string, payload: string | Uint8Array, size?: number): StateMessage {
  const bytes = typeof payload === 'string' ? enc.encode(payload) : payload;
  return { topic, payload: bytes, size: size ?? bytes.length, qos: 0, retain: true };
}
const state = (...ms: StateMessage[]) => new Map(ms.map((m) => [m.topic, m]));
const topics = (xs: { topic: string }[]) => xs.map((x) => x.topic);

describe('diffStates', () => {
  it('lists added, removed and changed topics, sorted, and counts the unchanged', () => {
    const before = state(msg('b/2', 'x'), msg('a/1', '{"v":1}'), msg('gone', 'g'), msg('same', 's'), msg('z', 'old'));
    const after = state(msg('same', 's'), msg('a/1', '{"v":2}'), msg('new/2', '2'), msg('new/1', '1'), msg('b/2', 'y'), msg('z', 'old'));
    const d = diffStates(before, after);
    expect(topics(d.added)).toEqual(['new/1', 'new/2']);
    expect(topics(d.removed)).toEqual(['gone']);
    expect(topics(d.changed)).toEqual(['a/1', 'b/2']);
    expect(d.changed[0].before.payload).toEqual(enc.encode('{"v":1}'));
    expect(d.changed[0].after.payload).toEqual(enc.encode('{"v":2}'));
    expect(d.unchanged).toBe(2);
  });

  it('an empty payload counts as absent (a cleared retained message is Removed, not Changed)', () => {
    const d = diffStates(state(msg('cleared', 'on'), msg('e', '')), state(msg('cleared', ''), msg('e', 'now')));
    expect(topics(d.removed)).toEqual(['cleared']);
    expect(topics(d.added)).toEqual(['e']);
    expect(d.changed).toEqual([]);
    expect(d.unchanged).toBe(0);
  });

  it('binary payloads compare byte for byte; QoS, retain flag and time do not make a change', () => {
    const a = { ...msg('bin', new Uint8Array([0, 255, 1])), qos: 2 as const, time: 1 };
    const b = { ...msg('bin', new Uint8Array([0, 255, 1])), qos: 0 as const, retain: false, time: 2 };
    expect(diffStates(state(a), state(b)).unchanged).toBe(1);
    expect(topics(diffStates(state(a), state(msg('bin', new Uint8Array([0, 255, 2])))).changed)).toEqual(['bin']);
  });

  it('reverseDiff swaps the sides; filterDiff keeps matching topics', () => {
    const d = diffStates(state(msg('old', '1'), msg('c', 'a')), state(msg('new', '1'), msg('c', 'b')));
    const r = reverseDiff(d);
    expect(topics(r.added)).toEqual(['old']);
    expect(topics(r.removed)).toEqual(['new']);
    expect(new TextDecoder().decode(r.changed[0].before.payload)).toBe('b');
    expect(topics(filterDiff(d, 'NE').added)).toEqual(['new']);
    expect(filterDiff(d, 'NE').removed).toEqual([]);
    expect(filterDiff(d, '  ')).toBe(d);
  });
});

describe('samePayload', () => {
  it('compares the real size, then the bytes both kept', () => {
    const full = new Uint8Array(20).fill(1);
    expect(samePayload(msg('t', full.subarray(0, 10), 20), msg('t', full))).toBe(true);
    expect(samePayload(msg('t', full.subarray(0, 10), 21), msg('t', full))).toBe(false);
    const other = full.slice();
    other[3] = 9;
    expect(samePayload(msg('t', full.subarray(0, 10), 20), msg('t', other))).toBe(false);
  });
});
