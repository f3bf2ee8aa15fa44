import { describe, expect, it } from 'vitest';
import { packChunk, type RecordedMessage } from './recording-chunk';
import { formatClockInput, parseClockTime, selector, SelectionIndex, selectsAll, validateSelectionFilter, type ReplaySelection } from './replay-selection';

const at = (h: number, m: number, s = 0, ms = 0, day = 1) => new Date(2026, 11, day, h, m, s, ms).getTime();
const msg = (time: number, topic: string, extra: Partial<RecordedMessage> = {}): RecordedMessage => ({ time, topic, qos: 0, retain: false, payload: new Uint8Array([1, 2, 3]), ...extra });

describe('parseClockTime', () => {
  const first = at(14, 3, 7, 250);
  const last = at(14, 5, 12, 345);
  it('reads hh:mm, hh:mm:ss and hh:mm:ss.fff on the recording’s day, as the span the last digit names', () => {
    expect(parseClockTime('14:03', first, last)).toEqual({ start: at(14, 3), end: at(14, 4) });
    expect(parseClockTime('14:03:07', first, last)).toEqual({ start: at(14, 3, 7), end: at(14, 3, 8) });
    expect(parseClockTime(' 14:03:07.250 ', first, last)).toEqual({ start: at(14, 3, 7, 250), end: at(14, 3, 7, 251) });
    expect(parseClockTime('14:03:07.2', first, last)).toEqual({ start: at(14, 3, 7, 200), end: at(14, 3, 7, 300) });
    expect(parseClockTime('9:00', first, last)).toEqual({ start: at(9, 0), end: at(9, 1) });
  });
  it('reads a date in front', () => {
    expect(parseClockTime('2026-12-02 00:30:00', first, last)).toEqual({ start: at(0, 30, 0, 0, 2), end: at(0, 30, 1, 0, 2) });
    expect(parseClockTime('2026-12-02T00:30', first, last)).toEqual({ start: at(0, 30, 0, 0, 2), end: at(0, 31, 0, 0, 2) });
  });
  it('takes the next day for a time before the first message when the recording runs past midnight', () => {
    const night = [at(23, 0), at(1, 0, 0, 0, 2)] as const;
    expect(parseClockTime('00:30', ...night)).toEqual({ start: at(0, 30, 0, 0, 2), end: at(0, 31, 0, 0, 2) });
    expect(parseClockTime('23:30', ...night)).toEqual({ start: at(23, 30), end: at(23, 31) });
    // Within one day a time before the recording stays on its day.
    expect(parseClockTime('00:30', first, last)).toEqual({ start: at(0, 30), end: at(0, 31) });
  });
  it('refuses what is not a clock time, with an example', () => {
    for (const bad of ['', 'noon', '14', '24:00', '14:60', '14:03:61', '14:03:07.2500', '2026-02-30 10:00', '14.03']) {
      expect(parseClockTime(bad, first, last), bad).toEqual({ error: expect.stringContaining('14:03:07.250') });
    }
  });
  it('reads back what formatClockInput shows, and the span holds that time', () => {
    for (const t of [first, last, at(23, 59, 59, 999), first + 0.6]) {
      const p = parseClockTime(formatClockInput(t, false), first, last);
      expect('start' in p && p.start <= t && t < p.end).toBe(true);
      const d = parseClockTime(formatClockInput(t, true), first, last);
      expect(d).toEqual(p);
    }
    expect(formatClockInput(at(9, 5, 3, 7, 2), true)).toBe('2026-12-02 09:05:03.007');
  });
});

describe('selection', () => {
  it('takes from (inclusive) to (exclusive) and topics matching the filter', () => {
    const s = selector({ from: 100, to: 200, filter: 'plant/+/temp' });
    expect(s(100, 'plant/a/temp')).toBe(true);
    expect(s(199.9, 'plant/b/temp')).toBe(true);
    expect(s(200, 'plant/a/temp')).toBe(false);
    expect(s(99, 'plant/a/temp')).toBe(false);
    expect(s(150, 'plant/a/hum')).toBe(false);
    expect(s(150, 'plant/a/b/temp')).toBe(false);
  });
  it('with no filter takes every topic, $ topics too; # does not take $ topics', () => {
    expect(selector({})(0, '$SYS/x')).toBe(true);
    expect(selector({ filter: '#' })(0, '$SYS/x')).toBe(false);
    expect(selector({ filter: 'a/#' })(0, 'a')).toBe(true);
    expect(selectsAll({})).toBe(true);
    expect(selectsAll({ filter: '' })).toBe(true);
    expect(selectsAll({ to: 5 })).toBe(false);
  });
  it('refuses bad filters with the topic-filter rules, and $share', () => {
    expect(validateSelectionFilter('')).toBeNull();
    expect(validateSelectionFilter('plant/+/temp')).toBeNull();
    expect(validateSelectionFilter('plant/#/x')).toMatch(/last level/);
    expect(validateSelectionFilter('plant/te+')).toMatch(/stand alone/);
    expect(validateSelectionFilter('$share/g/plant/#')).toMatch(/shared/);
  });
});

describe('SelectionIndex', () => {
  const messages = [
    msg(1000, 'plant/a/temp', { retain: true }),
    msg(1100, 'plant/b/temp', { properties: { userProperties: { k: 'v' } } }),
    msg(1200, 'plant/a/hum', { retain: true, payload: new Uint8Array(5000) }),
    msg(1300, '$SYS/load'),
    msg(1150, 'plant/a/temp', { qos: 2 }),
    msg(2000, 'plant/a/temp', { retain: true }),
  ];
  const index = new SelectionIndex();
  index.add(packChunk(messages.slice(0, 3)));
  index.add(packChunk([]));
  index.add(packChunk(messages.slice(3)));

  it('counts the selected messages, retained ones among them, and names the first, like filtering every message would', () => {
    const cases: ReplaySelection[] = [{}, { from: 1100 }, { to: 1200 }, { from: 1100, to: 1300, filter: 'plant/+/temp' }, { filter: 'plant/a/#' }, { filter: '#' }, { from: 5000 }, { filter: 'nothing' }];
    for (const sel of cases) {
      const s = selector(sel);
      const picked = messages.filter((m) => s(m.time, m.topic));
      expect(index.count(sel), JSON.stringify(sel)).toEqual({
        messages: picked.length,
        retained: picked.filter((m) => m.retain).length,
        firstTopic: picked[0]?.topic ?? '',
        firstTime: picked[0]?.time ?? NaN,
      });
    }
    expect(index.count({ from: 1100, to: 1300, filter: 'plant/+/temp' })).toMatchObject({ messages: 2, retained: 0, firstTopic: 'plant/b/temp' });
  });
  it('knows the earliest and latest times even out of order, and its length', () => {
    expect([index.length, index.minTime, index.maxTime, index.topics.length]).toEqual([6, 1000, 2000, 4]);
  });
  it('grows past its first arrays and throws on a damaged chunk', () => {
    const big = new SelectionIndex();
    const many = Array.from({ length: 3000 }, (_, i) => msg(i, `t/${i % 7}`, { retain: i % 3 === 0 }));
    big.add(packChunk(many));
    const picked = many.filter((m) => m.time >= 1000 && m.topic === 't/1');
    expect(big.count({ from: 1000, filter: 't/1' })).toMatchObject({ messages: picked.length, retained: picked.filter((m) => m.retain).length });
    expect(picked.length).toBe(286);
    const blob = packChunk([msg(1, 'a'), msg(2, 'b')]);
    expect(() => new SelectionIndex().add(blob.subarray(0, blob.length - 2))).toThrow(RangeError);
  });
});
