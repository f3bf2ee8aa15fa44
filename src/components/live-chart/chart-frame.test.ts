import { describe, expect, it } from 'vitest';
import { SeriesStore } from '../../core/series-store';
import { makeMessage } from '../../core/test-fixtures';
import { buildFrame, mergeRows, timeTicks, valueAt } from './chart-frame';
import { buildCsv, csvCell, slugify } from './csv';

function storeWith(points: Record<string, [number, string][]>) {
  const store = new SeriesStore();
  store.setTracked('t', Object.keys(points).map((topic) => ({ topic, field: '' })));
  for (const [topic, pts] of Object.entries(points)) store.ingest(pts.map(([t, p]) => makeMessage(topic, p, { time: t })));
  return store;
}

const input = (topic: string, i: number) => ({ id: `s${i}`, topic, field: '', color: i });

describe('buildFrame', () => {
  it('computes last/min/avg/max over the window and carries the previous value into it', () => {
    const store = storeWith({ a: [[0, '100'], [50_000, '1'], [70_000, '3'], [80_000, '5']] });
    const f = buildFrame((r) => store.get(r), [input('a', 0)], 60_000, 100_000, 500);
    expect(f.from).toBe(40_000);
    expect(f.series[0].stats).toEqual({ last: 5, min: 1, avg: 3, max: 5, count: 3 });
    // The value holding at the window start (100 from t=0) is drawn from the left edge.
    expect(f.series[0].drawn[0]).toEqual({ t: 40_000, v: 100 });
    expect(f.drawnPoints).toBe(4);
  });

  it('shows only points up to the end (a paused chart ignores newer points)', () => {
    const store = storeWith({ a: [[1000, '1'], [2000, '2'], [3000, '3']] });
    const f = buildFrame((r) => store.get(r), [input('a', 0)], Infinity, 2000, 500);
    expect(f.series[0].drawn.map((p) => p.v)).toEqual([1, 2]);
    expect(f.series[0].stats.last).toBe(2);
    expect(f.from).toBe(1000);
  });

  it('on a recording (a floor: its start) the window never reaches before the recording; All starts there', () => {
    const store = storeWith({ a: [[10_000, '1'], [12_000, '2'], [20_000, '3']] });
    const five = buildFrame((r) => store.get(r), [input('a', 0)], 300_000, 15_000, 500, 9_000);
    expect([five.from, five.to]).toEqual([9_000, 15_000]);
    expect(five.series[0].stats).toMatchObject({ last: 2, count: 2 });
    const all = buildFrame((r) => store.get(r), [input('a', 0)], Infinity, 20_000, 500, 9_000);
    expect(all.from).toBe(9_000);
    // At the recording's very start: a 1 s axis, nothing drawn.
    const start = buildFrame((r) => store.get(r), [input('a', 0)], 60_000, 9_000, 500, 9_000);
    expect([start.from, start.drawnPoints]).toEqual([8_000, 0]);
  });

  it('downsamples each series to the pixel budget and merges rows by time', () => {
    const pts: [number, string][] = Array.from({ length: 5000 }, (_, i) => [i * 10, String(Math.sin(i / 50))]);
    const store = storeWith({ a: pts, b: [[5, '1'], [10, '2']] });
    const f = buildFrame((r) => store.get(r), [input('a', 0), input('b', 1)], Infinity, 50_000, 300);
    expect(f.series[0].drawn.length).toBeLessThanOrEqual(300);
    expect(f.series[0].stats.count).toBe(5000);
    const row10 = f.rows.find((r) => r.t === 10);
    expect(row10?.s1).toBe(2);
    for (let i = 1; i < f.rows.length; i++) expect(f.rows[i].t).toBeGreaterThan(f.rows[i - 1].t);
  });

  it('handles series with no data', () => {
    const store = new SeriesStore();
    const f = buildFrame((r) => store.get(r), [input('none', 0)], 60_000, 10_000, 300);
    expect(f.series[0]).toMatchObject({ drawn: [], stats: { count: 0 }, label: 'none' });
    expect(f.rows).toEqual([]);
  });

  it('valueAt gives the newest point at or before a time; mergeRows keeps time order', () => {
    const pts = [{ t: 1, v: 10 }, { t: 5, v: 50 }];
    expect(valueAt(pts, 0)).toBeUndefined();
    expect(valueAt(pts, 1)).toBe(10);
    expect(valueAt(pts, 4)).toBe(10);
    expect(valueAt(pts, 9)).toBe(50);
    expect(mergeRows([])).toEqual([]);
  });

  it('timeTicks land on round times within the range', () => {
    const from = Date.UTC(2025, 0, 1, 12, 0, 3);
    const ticks = timeTicks(from, from + 60_000, 6);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.length).toBeLessThanOrEqual(6);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t % 1000).toBe(0);
    }
  });
});

describe('CSV export', () => {
  it('has ISO 8601 times and one column per series, rows in time order', () => {
    const csv = buildCsv([
      { label: 'home/t', points: [{ t: Date.UTC(2025, 0, 1, 0, 0, 0), v: 21.5 }, { t: Date.UTC(2025, 0, 1, 0, 0, 2), v: 22 }] },
      { label: 'w › temperature', points: [{ t: Date.UTC(2025, 0, 1, 0, 0, 1), v: -3 }, { t: Date.UTC(2025, 0, 1, 0, 0, 2), v: 4 }] },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'time,home/t,w › temperature',
      '2025-01-01T00:00:00.000Z,21.5,',
      '2025-01-01T00:00:01.000Z,,-3',
      '2025-01-01T00:00:02.000Z,22,4',
      '',
    ]);
  });

  it('keeps repeated times of one series on separate rows', () => {
    const csv = buildCsv([{ label: 'a', points: [{ t: 0, v: 1 }, { t: 0, v: 2 }] }]);
    expect(csv.trim().split('\r\n')).toEqual(['time,a', '1970-01-01T00:00:00.000Z,1', '1970-01-01T00:00:00.000Z,2']);
  });

  it('quotes and defuses header cells', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=cmd()')).toBe("'=cmd()");
    expect(csvCell('plain/topic')).toBe('plain/topic');
    expect(slugify('home/garden/weather · temperature')).toBe('home-garden-weather-temperature');
    expect(slugify('///')).toBe('chart');
  });
});
