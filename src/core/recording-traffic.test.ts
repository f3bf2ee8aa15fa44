import { describe, expect, it } from 'vitest';
import type { RecordedMessage } from './recording-format';
import { packChunk } from './recording-chunk';
import { RecordingIndexBuilder } from './recording-index-builder';
import { PackedMessages } from './recording-messages';
import { RecordingTraffic } from './recording-traffic';
import { TopTalkers } from './top-talkers';
import { TrafficModel } from './traffic';
import { seededRandom } from './test-fixtures';

const T0 = 1_764_000_000_000;
const enc = new TextEncoder();
const TOPICS = ['plant/a', 'plant/a/temp', 'plant/b/temp', 'plant/b/hum', 'x', 'x/y/z', '/lead', 'deep/1/2/3/4'];

/** n messages over ~`spanS` seconds on TOPICS (skewed), payload sizes 0…99, times on a 10 ms grid. */
function recorded(seed: number, n: number, spanS = 120): RecordedMessage[] {
  const r = seededRandom(seed);
  const step = Math.max(1, Math.round((spanS * 100) / n));
  let t = T0;
  return Array.from({ length: n }, () => {
    t += 10 * Math.floor(r() * 2 * step);
    return { time: t, topic: TOPICS[Math.floor(r() * r() * TOPICS.length)], qos: 0, retain: false, payload: new Uint8Array(Math.floor(r() * 100)) };
  });
}

function open(messages: RecordedMessage[], shuffle = false, seed = 1) {
  const fed = shuffle ? [...messages].sort(() => seededRandom(seed)() - 0.5) : messages;
  const store = new PackedMessages();
  const builder = new RecordingIndexBuilder({ checkpointEvery: 16 });
  for (let i = 0; i < fed.length; i += 25) builder.add(store.add(packChunk(fed.slice(i, i + 25))));
  const index = builder.finish();
  const payload = (i: number, topic: string) => {
    const { batch, offset } = index.locate(i);
    return store.message(batch, offset, topic).payload;
  };
  return { index, traffic: new RecordingTraffic(index, store.sizes(), { start: T0, payload }) };
}

/** What the figures must be at t, counted the slow way. */
function expected(messages: RecordedMessage[], t: number) {
  const per = new Map<string, { c10: number; c60: number; b10: number; b60: number; total: number; largest: number; last: number }>();
  for (const m of messages) {
    if (m.time > t) continue;
    const e = per.get(m.topic) ?? { c10: 0, c60: 0, b10: 0, b60: 0, total: 0, largest: 0, last: 0 };
    const size = m.payload.length;
    if (m.time > t - 10_000) {
      e.c10++;
      e.b10 += size;
    }
    if (m.time > t - 60_000) {
      e.c60++;
      e.b60 += size;
    }
    e.total += size;
    e.largest = Math.max(e.largest, size);
    e.last = Math.max(e.last, m.time);
    per.set(m.topic, e);
  }
  return per;
}

function check(traffic: RecordingTraffic, messages: RecordedMessage[], t: number) {
  traffic.at(t).totals();
  const want = expected(messages, t);
  expect(traffic.topicCount).toBe(want.size);
  const span10 = Math.max(1, Math.min(10_000, t - T0) / 1000);
  const span60 = Math.max(1, Math.min(60_000, t - T0) / 1000);
  for (const [topic, e] of want) {
    const s = traffic.stats(topic)!;
    expect(s, `${topic} at ${t - T0}`).toMatchObject({ totalBytes: e.total, largest: e.largest, lastSeen: e.last });
    expect(s.msgRate).toBeCloseTo(e.c10 / span10, 9);
    expect(s.msgRate60).toBeCloseTo(e.c60 / span60, 9);
    expect(s.byteRate).toBeCloseTo(e.b10 / span10, 9);
    expect(s.byteRate60).toBeCloseTo(e.b60 / span60, 9);
  }
  let all = 0;
  let allBytes = 0;
  for (const e of want.values()) {
    all += e.c10;
    allBytes += e.b10;
  }
  expect(traffic.overall().msgRate).toBeCloseTo(all / span10, 9);
  expect(traffic.overall().byteRate).toBeCloseTo(allBytes / span10, 9);
  // Subtree rates: every level's count is the sum over the topics below it.
  const levels = new Map<string, number>();
  for (const [topic, e] of want) {
    const parts = topic.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const level = parts.slice(0, i).join('/');
      levels.set(level, (levels.get(level) ?? 0) + e.c10);
    }
  }
  for (const [level, n] of levels) expect(traffic.subtreeRate(level), `subtree ${level}`).toBeCloseTo(n / span10, 9);
  expect(traffic.subtreeRate('no/such')).toBe(0);
}

describe('RecordingTraffic', () => {
  const messages = recorded(7, 3000);
  const end = messages[messages.length - 1].time;

  it('gives the figures as of any time, moving forward, back, by small steps and by jumps', () => {
    const { traffic } = open(messages);
    const r = seededRandom(3);
    // Random jumps both ways (subtree rates asked from the first move on).
    for (let i = 0; i < 40; i++) check(traffic, messages, T0 - 5000 + Math.floor(r() * (end - T0 + 10_000)));
    // Small steps forward and back (the windows slide).
    let t = T0 + 30_000;
    for (let i = 0; i < 30; i++) {
      t += Math.floor((r() - 0.3) * 3000);
      check(traffic, messages, t);
    }
    check(traffic, messages, end);
  });

  it('gives the same figures for a recording fed out of time order (an imported file)', () => {
    const { traffic } = open(messages, true, 5);
    for (const t of [T0 + 15_000, end, T0 + 61_000, T0]) check(traffic, messages, t);
  });

  it('shows nothing before the first message, and rates over the time since the start right after it', () => {
    const { traffic } = open([{ time: T0 + 500, topic: 'a', qos: 0, retain: false, payload: enc.encode('12345') }]);
    traffic.at(T0 + 100).totals();
    expect(traffic.topicCount).toBe(0);
    expect(traffic.overall()).toEqual({ msgRate: 0, byteRate: 0 });
    traffic.at(T0 + 500);
    expect(traffic.stats('a')).toMatchObject({ msgRate: 1, byteRate: 5, totalBytes: 5, largest: 5, lastSeen: T0 + 500 });
    traffic.at(T0 + 4000);
    expect(traffic.stats('a')!.msgRate).toBeCloseTo(1 / 4, 9);
  });

  it('feeds the Top talkers query as the live model does: rows, sort by rate, the last minute per second', () => {
    const burst: RecordedMessage[] = [];
    for (let s = 0; s < 30; s++) {
      for (let k = 0; k < 5; k++) burst.push({ time: T0 + s * 1000 + k * 100, topic: 'busy', qos: 0, retain: false, payload: enc.encode('1') });
      burst.push({ time: T0 + s * 1000 + 600, topic: 'calm', qos: 0, retain: false, payload: enc.encode('22') });
    }
    const { traffic } = open(burst);
    traffic.at(T0 + 29_999).totals();
    const { rows, total } = new TopTalkers().run(traffic, { groupBy: null, filter: '', sort: 'msgRate', descending: true, limit: 10 });
    expect(total).toBe(2);
    expect(rows.map((r) => [r.key, r.msgRate])).toEqual([
      ['busy', 5],
      ['calm', 1],
    ]);
    expect(rows[0].totalBytes).toBe(150);
    // The last 30 s of the minute ending at t hold 5 a second; the 30 s before, nothing.
    expect(rows[0].spark.slice(30)).toEqual(new Array(30).fill(5));
    expect(rows[0].spark.slice(0, 30)).toEqual(new Array(30).fill(0));
    // Back before `calm` first published: one topic seen, one row.
    traffic.at(T0 + 300).totals();
    expect(traffic.topicCount).toBe(1);
    const first = new TopTalkers().run(traffic, { groupBy: null, filter: '', sort: 'msgRate', descending: true, limit: 10 });
    expect([first.total, first.rows.map((r) => r.key)]).toEqual([1, ['busy']]);
    // Back to 5.5 s: only what was published by then.
    traffic.at(T0 + 5_500).totals();
    const early = new TopTalkers().run(traffic, { groupBy: null, filter: '', sort: 'totalBytes', descending: true, limit: 10 }).rows;
    expect(early.map((r) => [r.key, r.totalBytes])).toEqual([
      ['busy', 30],
      ['calm', 10],
    ]);
  });

  it('finds silent and offline topics as of the time, as the live model does at that time', () => {
    const list: RecordedMessage[] = [];
    const add = (time: number, topic: string, text: string) => list.push({ time: T0 + time, topic, qos: 0, retain: false, payload: enc.encode(text) });
    for (let s = 0; s < 10; s++) add(s * 1000, 'ticks', String(s)); // every second until 9 s, then quiet
    for (let s = 0; s < 40; s++) add(s * 1000 + 500, 'steady', String(s));
    add(2000, 'dev/1/status', 'online');
    add(12_000, 'dev/1/status', 'offline');
    add(20_000, 'dev/1/status', 'online');
    list.sort((a, b) => a.time - b.time);
    const { traffic } = open(list);
    for (const t of [5_000, 12_500, 15_000, 25_000, 39_600]) {
      const live = new TrafficModel();
      live.ingest(
        list.filter((m) => m.time <= T0 + t).map((m) => ({ topic: m.topic, size: m.payload.length, time: m.time, payload: m.payload })),
        undefined,
        T0,
      );
      expect(traffic.at(T0 + t).silentTopics().rows, `at ${t}`).toEqual(live.silentTopics(T0 + t).rows);
    }
    expect(traffic.at(T0 + 15_000).silentTopics().rows.map((r) => [r.topic, r.reason])).toEqual([
      ['dev/1/status', 'offline'],
      ['ticks', 'silent'],
    ]);
  });
});
