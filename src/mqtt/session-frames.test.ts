/**
 * When the session applies the worker's batches: in the next animation frame, or — in a hidden
 * tab, which gets no frames — at most 250 ms after they arrived, with one fallback timer at a
 * time rather than one per frame (a timer task 60 times a second on a busy main thread).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from './session';
import { FakeWorker } from './test-worker';
import type { WorkerEvent } from './protocol';
import { packBatch, type PackedBatchEvent } from './batch-wire';

/** A one-message batch, packed as worker.ts posts it (batch-wire.ts). */
const one = (topic: string): PackedBatchEvent =>
  packBatch({
    type: 'batch',
    messages: [{ topic, offset: 0, length: 1, size: 1, qos: 0, retain: false, time: 1 }],
    buffer: new Uint8Array([49]).buffer,
  });

let frames: FrameRequestCallback[];
const frame = () => frames.splice(0).forEach((f) => f(0));
let worker: FakeWorker;
let s: Session;
let applied: string[][];
const emit = (ev: WorkerEvent) => worker.onmessage!({ data: ev } as MessageEvent<WorkerEvent>);

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  worker = new FakeWorker();
  s = new Session({ createWorker: () => worker });
  s.disconnect(); // starts the fake worker
  applied = [];
  s.onBatch((messages) => applied.push(messages.map((m) => m.topic)));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('batches are applied', () => {
  it('in the next frame, every frame, with at most one fallback timer waiting however many frames pass', () => {
    for (let i = 0; i < 20; i++) {
      emit(one(`t${i}`));
      expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
      vi.advanceTimersByTime(16);
      frame();
      expect(applied).toHaveLength(i + 1);
    }
    expect(applied.flat()).toEqual(Array.from({ length: 20 }, (_, i) => `t${i}`));
    vi.advanceTimersByTime(1000); // nothing waits: the timer applies nothing
    expect(applied).toHaveLength(20);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('in a hidden tab 250 ms after they arrived, also when the timer was set for an earlier batch', () => {
    emit(one('first'));
    vi.advanceTimersByTime(249);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([['first']]);
    // A frame applies the next one; then the tab is hidden while a batch waits.
    emit(one('visible'));
    vi.advanceTimersByTime(16);
    frame();
    expect(applied).toEqual([['first'], ['visible']]);
    vi.advanceTimersByTime(184); // 200 ms since the timer for 'visible' was set
    emit(one('hidden'));
    vi.advanceTimersByTime(249);
    expect(applied).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([['first'], ['visible'], ['hidden']]);
    // A frame that comes after the timer applied finds nothing to do.
    frame();
    expect(applied).toHaveLength(3);
  });
});
