import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Recorder, type RecordingSink } from './recorder';
import { unpackChunk, type RecordedMessage } from '../core/recording-chunk';
import type { RecordingMeta, StoredChunk } from '../lib/recordings-db';
import type { RecorderEvent } from './recorder-protocol';

const msg = (topic: string, time: number, size = 10): RecordedMessage => ({ time, topic, payload: new Uint8Array(size).fill(7), qos: 1, retain: false });

function fakeSink(failOn?: number) {
  const metas: RecordingMeta[] = [];
  const chunks: StoredChunk[] = [];
  const finished: { status: string; reason?: string }[] = [];
  let writes = 0;
  const sink: RecordingSink = {
    create: async (m) => void metas.push(m),
    write: async (c) => {
      if (++writes === failOn) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
      chunks.push(c);
    },
    finish: async (_id, status, reason) => void finished.push({ status, reason }),
  };
  return { sink, metas, chunks, finished };
}

let clock = 0;
beforeEach(() => {
  vi.useFakeTimers();
  clock = 1_000_000;
});
afterEach(() => vi.useRealTimers());

async function start(sink: RecordingSink, events: RecorderEvent[], extra: Partial<Parameters<typeof Recorder.start>[0]> = {}) {
  return Recorder.start({
    id: 'r1',
    name: 'Test',
    brokerUrl: 'ws://broker',
    filters: ['plant/#'],
    capBytes: 1e9,
    sink,
    post: (ev) => events.push(ev),
    now: () => clock,
    ...extra,
  });
}

const allMessages = (chunks: StoredChunk[]) => chunks.flatMap((c) => unpackChunk(c.data));

describe('Recorder', () => {
  it('records only messages matching its filter, in chunks of ~1 s, and stores the rest on stop', async () => {
    const s = fakeSink();
    const events: RecorderEvent[] = [];
    const r = await start(s.sink, events);
    expect(s.metas[0]).toMatchObject({ id: 'r1', status: 'recording', brokerUrl: 'ws://broker', filter: ['plant/#'] });
    r.add(msg('plant/a', clock));
    r.add(msg('office/b', clock));
    r.add(msg('plant/c/d', clock + 10));
    clock += 1000;
    await vi.advanceTimersByTimeAsync(250);
    expect(s.chunks).toHaveLength(1);
    expect(s.chunks[0]).toMatchObject({ seq: 0, count: 2, recordingId: 'r1' });
    r.add(msg('plant/e', clock));
    await r.stop();
    expect(allMessages(s.chunks).map((m) => m.topic)).toEqual(['plant/a', 'plant/c/d', 'plant/e']);
    expect(s.finished).toEqual([{ status: 'complete', reason: undefined }]);
    expect(events.at(-1)).toMatchObject({ state: 'stopped', messages: 3 });
    expect(events.at(-1)!.reason).toBeUndefined();
  });

  it('reports progress at most once per tick, not per message', async () => {
    const s = fakeSink();
    const events: RecorderEvent[] = [];
    const r = await start(s.sink, events, { filters: ['#'] });
    for (let i = 0; i < 500; i++) r.add(msg(`plant/${i}`, clock));
    await vi.advanceTimersByTimeAsync(250);
    const progress = events.filter((e) => e.state === 'recording');
    // One at start, one for the tick.
    expect(progress).toHaveLength(2);
    expect(progress[1].messages).toBe(500);
    await vi.advanceTimersByTimeAsync(250);
    expect(events.filter((e) => e.state === 'recording')).toHaveLength(2);
    await r.stop();
  });

  it('stops at the size cap with the reason, keeping what it recorded', async () => {
    const s = fakeSink();
    const events: RecorderEvent[] = [];
    const stopped = vi.fn();
    const r = await start(s.sink, events, { capBytes: 0.1 * 1024 * 1024, onStopped: stopped });
    for (let i = 0; i < 10; i++) r.add(msg('plant/x', clock + i, 20 * 1024));
    await vi.advanceTimersByTimeAsync(0);
    expect(r.stopped).toBe(true);
    await r.stop();
    const kept = allMessages(s.chunks);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(10);
    expect(s.finished[0].status).toBe('stopped');
    expect(s.finished[0].reason).toMatch(/Size cap reached \(0.1 MB\)/);
    expect(events.at(-1)).toMatchObject({ state: 'stopped', messages: kept.length });
    expect(stopped).toHaveBeenCalledOnce();
  });

  it('a failed write (QuotaExceededError) stops it cleanly: the chunks stored before stay, the reason says why', async () => {
    const s = fakeSink(2);
    const events: RecorderEvent[] = [];
    const r = await start(s.sink, events);
    r.add(msg('plant/1', clock));
    clock += 1000;
    await vi.advanceTimersByTimeAsync(250);
    r.add(msg('plant/2', clock));
    clock += 1000;
    await vi.advanceTimersByTimeAsync(250);
    await r.stop();
    expect(allMessages(s.chunks).map((m) => m.topic)).toEqual(['plant/1']);
    expect(s.finished).toHaveLength(1);
    expect(s.finished[0].status).toBe('stopped');
    expect(s.finished[0].reason).toMatch(/storage is full \(QuotaExceededError\).*The 1 messages stored before are kept/);
    expect(events.at(-1)).toMatchObject({ state: 'stopped', messages: 1 });
    r.add(msg('plant/3', clock));
    expect(allMessages(s.chunks)).toHaveLength(1);
  });
});
