import { describe, expect, it, vi } from 'vitest';
import { SeriesStore, seriesKey, seriesLabel } from './series-store';
import { makeMessage } from './test-fixtures';
import type { MqttMessage } from './message';

const T = 'home/t';
const W = 'home/weather';

describe('SeriesStore', () => {
  it('records only tracked topics/fields, in arrival order', () => {
    const store = new SeriesStore();
    store.setTracked('a', [{ topic: T, field: '' }]);
    store.ingest([
      makeMessage(T, '1', { time: 10 }),
      makeMessage('other', '5', { time: 11 }),
      makeMessage(T, '2.5 °C', { time: 12 }),
    ]);
    expect(store.get({ topic: 'other', field: '' })).toBeUndefined();
    expect(store.get({ topic: T, field: '' })?.points.toArray()).toEqual([
      { t: 10, v: 1 },
      { t: 12, v: 2.5 },
    ]);
  });

  it('is bounded: keeps the newest points up to its capacity, oldest first', () => {
    const store = new SeriesStore({ capacity: 100 });
    store.setTracked('a', [{ topic: T, field: '' }]);
    for (let batch = 0; batch < 25; batch++) {
      store.ingest(Array.from({ length: 20 }, (_, i) => makeMessage(T, String(batch * 20 + i), { time: batch * 20 + i })));
    }
    const pts = store.get({ topic: T, field: '' })!.points;
    expect(pts.length).toBe(100);
    expect(pts.toArray().map((p) => p.v)).toEqual(Array.from({ length: 100 }, (_, i) => 400 + i));
  });

  it('defaults to 10,000 points per series', () => {
    const store = new SeriesStore();
    store.setTracked('a', [{ topic: T, field: '' }]);
    store.ingest(Array.from({ length: 12_345 }, (_, i) => makeMessage(T, String(i), { time: i })));
    const pts = store.get({ topic: T, field: '' })!.points;
    expect(pts.length).toBe(10_000);
    expect(pts.get(0)!.v).toBe(2345);
    expect(pts.last()!.v).toBe(12_344);
  });

  it('skips and counts values that are not finite numbers', () => {
    const store = new SeriesStore();
    store.setTracked('a', [{ topic: T, field: '' }, { topic: W, field: 'temperature' }]);
    store.ingest([
      makeMessage(T, 'NaN'),
      makeMessage(T, 'Infinity'),
      makeMessage(T, 'garbage'),
      makeMessage(T, ''),
      makeMessage(T, '7'),
      makeMessage(W, '{"temperature":"n/a"}'),
      makeMessage(W, '{"humidity":50}'),
      makeMessage(W, '{"temperature":1e999}'),
      makeMessage(W, '{"temperature":20}'),
    ]);
    const t = store.get({ topic: T, field: '' })!;
    expect(t.points.toArray().map((p) => p.v)).toEqual([7]);
    expect(t.skipped).toBe(4);
    const w = store.get({ topic: W, field: 'temperature' })!;
    expect(w.points.toArray().map((p) => p.v)).toEqual([20]);
    expect(w.skipped).toBe(3);
  });

  it('skips truncated payloads', () => {
    const store = new SeriesStore();
    store.setTracked('a', [{ topic: T, field: '' }]);
    store.ingest([makeMessage(T, '12', { size: 5_000_000 })]);
    expect(store.get({ topic: T, field: '' })!.skipped).toBe(1);
  });

  it('reads several fields of one topic from one message, and marks on/off series as boolean', () => {
    const store = new SeriesStore();
    const refs = [
      { topic: W, field: 'temperature' },
      { topic: W, field: 'humidity' },
      { topic: 'lamp', field: '' },
    ];
    store.setTracked('a', refs);
    store.ingest([
      makeMessage(W, '{"temperature":21.5,"humidity":55}', { time: 1 }),
      makeMessage('lamp', 'ON', { time: 2 }),
      makeMessage('lamp', 'off', { time: 3 }),
    ]);
    expect(store.get(refs[0])!.points.toArray()).toEqual([{ t: 1, v: 21.5 }]);
    expect(store.get(refs[1])!.points.toArray()).toEqual([{ t: 1, v: 55 }]);
    expect(store.get(refs[2])!.points.toArray().map((p) => p.v)).toEqual([1, 0]);
    expect(store.get(refs[2])!.isBoolean).toBe(true);
    expect(store.get(refs[0])!.isBoolean).toBe(false);
  });

  it('backfills a new series from the topic history', () => {
    const history: Record<string, MqttMessage[]> = {
      [T]: [makeMessage(T, '1', { time: 1 }), makeMessage(T, 'x', { time: 2 }), makeMessage(T, '3', { time: 3 })],
    };
    const store = new SeriesStore({ history: (topic) => history[topic] ?? [] });
    store.setTracked('a', [{ topic: T, field: '' }]);
    const s = store.get({ topic: T, field: '' })!;
    expect(s.points.toArray()).toEqual([
      { t: 1, v: 1 },
      { t: 3, v: 3 },
    ]);
    expect(s.skipped).toBe(1);
    // Tracking again (another owner) does not backfill twice.
    store.setTracked('b', [{ topic: T, field: '' }]);
    expect(store.get({ topic: T, field: '' })!.points.length).toBe(2);
  });

  it('records the union over owners and drops what nobody tracks', () => {
    const store = new SeriesStore();
    const a = { topic: T, field: '' };
    const b = { topic: W, field: 'x' };
    store.setTracked('one', [a]);
    store.setTracked('two', [a, b]);
    expect(store.size).toBe(2);
    store.setTracked('two', []);
    expect(store.size).toBe(1);
    expect(store.get(b)).toBeUndefined();
    store.setTracked('one', []);
    expect(store.size).toBe(0);
    store.ingest([makeMessage(T, '1')]);
    expect(store.size).toBe(0);
  });

  it('notifies once per batch that changed something and bumps the epoch', () => {
    const store = new SeriesStore();
    store.setTracked('a', [{ topic: T, field: '' }]);
    const fn = vi.fn();
    store.subscribe(fn);
    const before = store.epoch;
    store.ingest([makeMessage('unrelated', '1')]);
    expect(fn).not.toHaveBeenCalled();
    store.ingest([makeMessage(T, '1'), makeMessage(T, '2')]);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(store.epoch).toBe(before + 1);
    expect(store.get({ topic: T, field: '' })!.version).toBe(store.epoch);
  });

  it('keeps time order if a clock steps back, and finds windows by time', () => {
    const store = new SeriesStore();
    store.setTracked('a', [{ topic: T, field: '' }]);
    store.ingest([10, 20, 15, 30, 40].map((t, i) => makeMessage(T, String(i), { time: t })));
    const s = store.get({ topic: T, field: '' })!;
    expect(s.points.toArray().map((p) => p.t)).toEqual([10, 20, 20, 30, 40]);
    expect(s.range(20, 30).map((p) => p.v)).toEqual([1, 2, 3]);
    expect(s.indexAtOrAfter(25)).toBe(3);
    expect(s.indexAfter(20)).toBe(3);
    expect(s.range().length).toBe(5);
  });

  it('names series by topic and field', () => {
    expect(seriesLabel({ topic: 'a/b', field: '' })).toBe('a/b');
    expect(seriesLabel({ topic: 'a/b', field: 'x.y' })).toBe('a/b › x.y');
    expect(seriesKey({ topic: 'a', field: 'b' })).not.toBe(seriesKey({ topic: 'a/b', field: '' }));
  });
});
