import { describe, expect, it } from 'vitest';
import { TrafficModel, type TrafficMessage } from './traffic';
import { TopTalkers, type TalkerQuery } from './top-talkers';

const T0 = 1_700_000_000_000;
const msg = (topic: string, time: number, size: number): TrafficMessage => ({ topic, time, size, payload: new Uint8Array(size) });

/** 10 s of traffic: per topic, messages per second and their size. */
function model(traffic: Record<string, [perSecond: number, size: number]>): TrafficModel {
  const m = new TrafficModel();
  m.tick(T0);
  for (let s = 0; s < 10; s++) {
    const batch: TrafficMessage[] = [];
    for (const [topic, [n, size]] of Object.entries(traffic)) for (let i = 0; i < n; i++) batch.push(msg(topic, T0 + s * 1000 + i, size));
    m.ingest(batch, undefined, T0 + s * 1000 + 500);
  }
  m.tick(T0 + 10_000);
  return m;
}

const query = (over: Partial<TalkerQuery> = {}): TalkerQuery => ({ groupBy: null, filter: '', sort: 'msgRate', descending: true, limit: 100, ...over });

describe('Top talkers', () => {
  const traffic = model({
    'plant/line1/press1/temp': [5, 10],
    'plant/line1/press1/pressure': [20, 4],
    'plant/line1/press2/temp': [1, 1000],
    'plant/line2/robot/pos': [50, 8],
    'home/kitchen/light': [2, 30],
  });

  it('sorts topics by any column, both ways, and keeps the best `limit`', () => {
    const t = new TopTalkers();
    expect(t.run(traffic, query()).rows.map((r) => [r.key, r.msgRate])).toEqual([
      ['plant/line2/robot/pos', 50],
      ['plant/line1/press1/pressure', 20],
      ['plant/line1/press1/temp', 5],
      ['home/kitchen/light', 2],
      ['plant/line1/press2/temp', 1],
    ]);
    expect(t.run(traffic, query({ sort: 'byteRate' })).rows[0]).toMatchObject({ key: 'plant/line1/press2/temp', byteRate: 1000 });
    expect(t.run(traffic, query({ sort: 'largest', limit: 2 }))).toMatchObject({ total: 5, rows: [{ key: 'plant/line1/press2/temp' }, { key: 'home/kitchen/light' }] });
    expect(t.run(traffic, query({ sort: 'msgRate', descending: false, limit: 1 })).rows[0].key).toBe('plant/line1/press2/temp');
    expect(t.run(traffic, query({ sort: 'topic', descending: false })).rows[0].key).toBe('home/kitchen/light');
    expect(t.run(traffic, query({ sort: 'totalBytes' })).rows[0]).toMatchObject({ key: 'plant/line1/press2/temp', totalBytes: 10_000 });
  });

  it('rolls topics up by a level pattern', () => {
    const t = new TopTalkers();
    const { rows, total } = t.run(traffic, query({ groupBy: ['plant', '+', '+'] }));
    expect(total).toBe(3);
    expect(rows.map((r) => [r.key, r.topics, r.msgRate, r.byteRate, r.largest])).toEqual([
      ['plant/line2/robot', 1, 50, 400, 8],
      ['plant/line1/press1', 2, 25, 130, 10],
      ['plant/line1/press2', 1, 1, 1000, 1000],
    ]);
    // A new topic joins its group on the next run.
    traffic.ingest([msg('plant/line1/press2/extra', T0 + 10_100, 7)], undefined, T0 + 10_100);
    expect(t.run(traffic, query({ groupBy: ['plant', '+', '+'], sort: 'topic', descending: false })).rows.find((r) => r.key === 'plant/line1/press2')?.topics).toBe(2);
    expect(t.run(traffic, query({ groupBy: ['+'] })).rows.map((r) => [r.key, r.topics])).toEqual([
      ['plant', 5],
      ['home', 1],
    ]);
  });

  it('filters by text in the topic (or group), case-insensitively', () => {
    const t = new TopTalkers();
    expect(t.run(traffic, query({ filter: 'PRESS1' })).rows.map((r) => r.key)).toEqual(['plant/line1/press1/pressure', 'plant/line1/press1/temp']);
    expect(t.run(traffic, query({ filter: 'line2' })).total).toBe(1);
    expect(t.run(traffic, query({ filter: 'line1', groupBy: ['plant', '+'] })).rows.map((r) => r.key)).toEqual(['plant/line1']);
    expect(t.run(traffic, query({ filter: '' })).total).toBe(6);
  });

  it('gives each row its messages per second over the last minute', () => {
    const t = new TopTalkers();
    const row = t.run(traffic, query({ filter: 'robot' })).rows[0];
    expect(row.spark).toHaveLength(60);
    expect(row.spark.slice(-10)).toEqual(new Array(10).fill(50));
    expect(row.spark.slice(0, 50)).toEqual(new Array(50).fill(0));
    const group = t.run(traffic, query({ groupBy: ['plant', '+', '+'], filter: 'press1' })).rows[0];
    expect(group.spark.slice(-10)).toEqual(new Array(10).fill(25));
  });

  it('starts over when the model is cleared', () => {
    const t = new TopTalkers();
    const m = model({ a: [1, 1], b: [2, 2] });
    expect(t.run(m, query({ groupBy: ['+'] })).total).toBe(2);
    m.clear();
    m.ingest([msg('c/d', T0 + 20_000, 1)], undefined, T0 + 20_000);
    expect(t.run(m, query({ groupBy: ['+'] })).rows.map((r) => r.key)).toEqual(['c']);
  });
});
