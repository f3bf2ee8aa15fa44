import { describe, expect, it } from 'vitest';
import type { RecordedMessage } from './recording-format';
import { packChunk } from './recording-chunk';
import { RecordingIndexBuilder } from './recording-index-builder';
import { PackedMessages } from './recording-messages';
import { RecordingSeriesStore } from './recording-series';
import { SeriesStore } from './series-store';
import { seededRandom } from './test-fixtures';

const T0 = 1_764_000_000_000;
const enc = new TextEncoder();

function open(messages: RecordedMessage[], options: { capacity?: number; slice?: number } = {}) {
  const store = new PackedMessages();
  const builder = new RecordingIndexBuilder({ checkpointEvery: 16 });
  for (let i = 0; i < messages.length; i += 40) builder.add(store.add(packChunk(messages.slice(i, i + 40))));
  const index = builder.finish();
  const read = (i: number, topic: string) => {
    const { batch, offset } = index.locate(i);
    return store.message(batch, offset, topic);
  };
  const tasks: (() => void)[] = [];
  const series = new RecordingSeriesStore(index, read, { ...options, schedule: (fn) => tasks.push(fn) });
  /** Runs the scheduled slices; returns how many ran. */
  const drain = () => {
    let n = 0;
    while (tasks.length) {
      tasks.shift()!();
      n++;
    }
    return n;
  };
  return { series, drain, tasks };
}

/** Mixed payloads on a few topics: numbers, units, on/off, JSON with fields, garbage. */
function recorded(seed: number, n: number): RecordedMessage[] {
  const r = seededRandom(seed);
  const kinds = [
    (i: number) => ['temp', String(20 + (i % 7) / 2)],
    (i: number) => ['temp', `${i % 13} °C`],
    (i: number) => ['sw', i % 2 ? 'ON' : 'off'],
    (i: number) => ['json', JSON.stringify({ a: { b: [i, i * 2] }, t: i % 5 })],
    (_i: number) => ['json', 'not json'],
    (_i: number) => ['temp', 'NaN'],
  ] as const;
  return Array.from({ length: n }, (_, i) => {
    const [topic, text] = kinds[Math.floor(r() * kinds.length)](i);
    return { time: T0 + i * 10, topic, qos: 0, retain: false, payload: enc.encode(text) };
  });
}

describe('RecordingSeriesStore', () => {
  it('reads the same points as the live series store fed the same messages, a slice per task', () => {
    const messages = recorded(1, 5000);
    const refs = [
      { topic: 'temp', field: '' },
      { topic: 'sw', field: '' },
      { topic: 'json', field: 'a.b[1]' },
      { topic: 'json', field: 't' },
      { topic: 'missing', field: '' },
    ];
    const live = new SeriesStore({ capacity: 100_000 });
    live.setTracked('test', refs);
    live.ingest(messages.map((m) => ({ topic: m.topic, payload: m.payload, size: m.payload.length, qos: 0, retain: false, time: m.time })));

    const { series, drain } = open(messages, { slice: 500 });
    series.setTracked('chart', refs);
    // Each series reads its topic's messages (the two fields of `json` each read them).
    const toRead = refs.reduce((n, ref) => n + messages.filter((m) => m.topic === ref.topic).length, 0);
    expect(series.pending).toBe(toRead);
    const v0 = series.version;
    const slices = drain();
    expect(slices).toBe(Math.ceil(toRead / 500));
    expect(series.version).toBeGreaterThan(v0);
    expect(series.pending).toBe(0);
    for (const ref of refs) {
      const want = live.get(ref)!;
      const got = series.get(ref)!;
      expect(got.points.toArray(), `${ref.topic} ${ref.field}`).toEqual(want.points.toArray());
      expect([got.skipped, got.isBoolean]).toEqual([want.skipped, want.isBoolean]);
      expect(series.progress(ref)).toMatchObject({ read: series.progress(ref)!.total, downsampled: false });
    }
    expect(series.get({ topic: 'missing', field: '' })!.points.length).toBe(0);
  });

  it('fills in from the start: after one slice the first points are there, the rest follow', () => {
    const messages = Array.from({ length: 100 }, (_, i) => ({ time: T0 + i, topic: 'n', qos: 0 as const, retain: false, payload: enc.encode(String(i)) }));
    const { series, tasks } = open(messages, { slice: 30, capacity: 1000 });
    series.setTracked('chart', [{ topic: 'n', field: '' }]);
    const ref = { topic: 'n', field: '' };
    expect(series.get(ref)!.points.length).toBe(0);
    tasks.shift()!();
    expect(series.get(ref)!.points.toArray().map((p) => p.v)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(series.progress(ref)).toEqual({ read: 30, total: 100, downsampled: false });
    while (tasks.length) tasks.shift()!();
    expect(series.get(ref)!.points.length).toBe(100);
  });

  it('stays bounded: past twice the capacity LTTB keeps the first, the last and the extremes', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => ({
      time: T0 + i * 100,
      topic: 'wave',
      qos: 0 as const,
      retain: false,
      payload: enc.encode(String(i === 400 ? 999 : i === 700 ? -999 : Math.sin(i / 10))),
    }));
    const { series, drain } = open(messages, { capacity: 50, slice: 64 });
    series.setTracked('chart', [{ topic: 'wave', field: '' }]);
    drain();
    const points = series.get({ topic: 'wave', field: '' })!.points.toArray();
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points[0]).toEqual({ t: T0, v: 0 });
    expect(points[points.length - 1].t).toBe(T0 + 99_900);
    expect(points.some((p) => p.v === 999)).toBe(true);
    expect(points.some((p) => p.v === -999)).toBe(true);
    expect(series.progress({ topic: 'wave', field: '' })).toEqual({ read: 1000, total: 1000, downsampled: true });
  });

  it('drops series nobody tracks and stops reading when disposed', () => {
    const messages = recorded(2, 2000);
    const { series, drain } = open(messages, { slice: 100 });
    series.setTracked('a', [{ topic: 'temp', field: '' }]);
    series.setTracked('b', [{ topic: 'sw', field: '' }]);
    series.setTracked('a', []);
    expect(series.get({ topic: 'temp', field: '' })).toBeUndefined();
    series.dispose();
    drain();
    expect(series.progress({ topic: 'sw', field: '' })!.read).toBe(0);
  });
});
