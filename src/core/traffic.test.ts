import { describe, expect, it } from 'vitest';
import { TrafficModel, type TrafficMessage } from './traffic';

const enc = new TextEncoder();
const T0 = 1_700_000_000_000; // a whole second

function msg(topic: string, time: number, payload: string | number = 'x'): TrafficMessage {
  const bytes = typeof payload === 'number' ? new Uint8Array(payload) : enc.encode(payload);
  return { topic, time, payload: bytes, size: bytes.length };
}

/** n messages of `size` bytes on `topic`, spread over the second starting at `second`. */
function second(model: TrafficModel, start: number, topic: string, n: number, size = 10): void {
  const batch: TrafficMessage[] = [];
  for (let i = 0; i < n; i++) batch.push(msg(topic, start + Math.floor((i * 1000) / n), size));
  model.ingest(batch, undefined, start + 500);
}

describe('rate windows', () => {
  it('messages/s and bytes/s over the last 10 s and 60 s, to the second', () => {
    const model = new TrafficModel();
    model.tick(T0);
    for (let s = 0; s < 20; s++) second(model, T0 + s * 1000, 'a/b', 50, 10);
    model.tick(T0 + 20_000);
    const st = model.stats('a/b')!;
    expect(st.msgRate).toBe(50);
    expect(st.byteRate).toBe(500);
    expect(st.msgRate60).toBe(50); // 20 s of history so far: the window spans 20 s
    expect(st.totalBytes).toBe(20 * 50 * 10);
    expect(model.rateOf('a/b')).toBe(50);
    expect(model.rateOf('nope')).toBe(0);
    expect(model.overall()).toEqual({ msgRate: 50, byteRate: 500 });

    // Quiet for 5 s: the 10 s window holds 5 busy seconds, the minute 20 out of 25.
    model.tick(T0 + 25_000);
    expect(model.rateOf('a/b')).toBe(25);
    expect(model.stats('a/b')!.msgRate60).toBe((20 * 50) / 25);
    // Quiet for a minute and more: nothing left in either window, the total stays.
    model.tick(T0 + 90_000);
    expect(model.stats('a/b')).toMatchObject({ msgRate: 0, msgRate60: 0, byteRate: 0, byteRate60: 0, totalBytes: 10_000 });
    expect(model.overall()).toEqual({ msgRate: 0, byteRate: 0 });
  });

  it('counts and bytes stay exact when the batcher coalesced a flood', () => {
    const model = new TrafficModel();
    model.tick(T0);
    for (let s = 0; s < 10; s++) {
      const start = T0 + s * 1000;
      // 100 kept messages of 20 bytes plus 4,900 coalesced ones of 20 bytes each second.
      const kept = Array.from({ length: 100 }, (_, i) => msg('flood', start + i, 20));
      model.ingest(kept, { counts: new Map([['flood', 4900]]), bytes: new Map([['flood', 4900 * 20]]), largest: new Map([['flood', 999]]) }, start + 900);
    }
    model.tick(T0 + 10_000);
    const st = model.stats('flood')!;
    expect(st.msgRate).toBe(5000);
    expect(st.byteRate).toBe(100_000);
    expect(st.totalBytes).toBe(10 * 5000 * 20);
    expect(st.largest).toBe(999);
  });

  it('largest payload and last seen', () => {
    const model = new TrafficModel();
    model.ingest([msg('t', T0 + 10, 5), msg('t', T0 + 20, 300), msg('t', T0 + 30, 7)], undefined, T0 + 40);
    expect(model.stats('t')).toMatchObject({ largest: 300, lastSeen: T0 + 30 });
  });

  it('a long pause (hidden tab) empties the windows in one step', () => {
    const model = new TrafficModel();
    model.tick(T0);
    second(model, T0, 'x', 10);
    model.tick(T0 + 3_600_000);
    expect(model.records).toEqual([]);
    expect(model.stats('x')).toMatchObject({ msgRate: 0, msgRate60: 0 });
    expect(Array.from(model.c60.subarray(0, 1))).toEqual([0]);
  });

  it('tells listeners on tick, not per batch', () => {
    const model = new TrafficModel();
    let told = 0;
    model.subscribe(() => told++);
    second(model, T0, 'x', 10);
    expect(told).toBe(0);
    model.tick(T0 + 1000);
    expect(told).toBe(1);
  });
});

describe('silent topics', () => {
  it('a topic that published every second is silent 3 intervals after its last message', () => {
    const model = new TrafficModel();
    for (let i = 0; i < 6; i++) model.ingest([msg('s/temp', T0 + i * 1000 + (i % 2) * 40)], undefined, T0 + i * 1000 + 50);
    const last = T0 + 5000 + 40;
    expect(model.usualInterval('s/temp')).toBe(1000);
    expect(model.silentTopics(last + 2900).rows).toEqual([]);
    expect(model.silentTopics(last + 3100).rows).toEqual([{ topic: 's/temp', reason: 'silent', interval: 1000, lastSeen: last }]);
    // Back: not silent any more, and the long gap did not unlearn the interval.
    model.ingest([msg('s/temp', last + 60_000)], undefined, last + 60_000);
    expect(model.silentTopics(last + 60_500).rows).toEqual([]);
    expect(model.usualInterval('s/temp')).toBe(1000);
  });

  it('needs a few samples, and regular ones', () => {
    const model = new TrafficModel();
    // Two gaps only: not learned yet.
    for (const t of [0, 1000, 2000]) model.ingest([msg('few', T0 + t)], undefined, T0 + t);
    // Irregular: published on change.
    for (const t of [0, 300, 5000, 5200, 12_000]) model.ingest([msg('odd', T0 + t)], undefined, T0 + t);
    // Bursts of 10 messages every few seconds: the burst's own gaps are not intervals.
    for (const start of [0, 2000, 7000, 8000, 15_000]) {
      model.ingest(Array.from({ length: 10 }, (_, i) => msg('chatty', T0 + start + i * 5)), undefined, T0 + start + 50);
    }
    expect(model.usualInterval('few')).toBeUndefined();
    expect(model.usualInterval('odd')).toBeUndefined();
    expect(model.usualInterval('chatty')).toBeUndefined();
    expect(model.silentTopics(T0 + 600_000).rows).toEqual([]);
  });

  it('a status topic that says offline is listed until it says online', () => {
    const model = new TrafficModel();
    model.ingest([msg('sensors/th-1/status', T0, 'online'), msg('tele/plug/LWT', T0 + 5, 'Offline')], undefined, T0 + 10);
    expect(model.silentTopics(T0 + 20).rows).toEqual([
      { topic: 'tele/plug/LWT', reason: 'offline', interval: undefined, lastSeen: T0 + 5, status: 'Offline' },
    ]);
    model.ingest([msg('sensors/th-1/status', T0 + 100, 'offline'), msg('tele/plug/LWT', T0 + 100, 'Online')], undefined, T0 + 110);
    expect(model.silentTopics(T0 + 120).rows.map((r) => r.topic)).toEqual(['sensors/th-1/status']);
  });
});

describe('memory', () => {
  it('grows typed arrays by half and keeps what they held', () => {
    const model = new TrafficModel();
    const batch: TrafficMessage[] = [];
    for (let i = 0; i < 5000; i++) batch.push(msg(`t/${i}`, T0 + i * 10, i % 50)); // last seen is kept to 10 ms
    model.ingest(batch, undefined, T0);
    expect(model.topicCount).toBe(5000);
    expect(model.total.length).toBeLessThan(5000 * 1.6);
    expect(model.stats('t/49')).toMatchObject({ totalBytes: 49, largest: 49, lastSeen: T0 + 490 });
    expect(model.stats('t/4999')).toMatchObject({ totalBytes: 49, largest: 49, lastSeen: T0 + 49_990 });
  });
});
