import { describe, expect, it } from 'vitest';
import { RecordingBuffer } from './recording-buffer';
import { estimateMessageBytes, unpackChunk, type RecordedMessage } from './recording-chunk';

const msg = (time: number, size = 100): RecordedMessage => ({ time, topic: 'a/b', payload: new Uint8Array(size), qos: 0, retain: false });
const each = estimateMessageBytes(msg(0));

describe('RecordingBuffer', () => {
  it('makes a chunk once the oldest waiting message is chunkMs old', () => {
    const b = new RecordingBuffer({ capBytes: 1e9, chunkMs: 1000 });
    expect(b.due(0)).toBe(false);
    b.add(msg(1000));
    b.add(msg(1500));
    expect(b.due(1999)).toBe(false);
    expect(b.due(2000)).toBe(true);
    const c = b.take()!;
    expect(c).toMatchObject({ seq: 0, first: 1000, last: 1500, bytes: 2 * each, count: 2 });
    expect(unpackChunk(c.data).map((m) => m.time)).toEqual([1000, 1500]);
    expect(c.data.length).toBe(5 + 2 * each);
    expect(b.take()).toBeNull();
    b.add(msg(3000));
    expect(b.take()!.seq).toBe(1);
  });

  it('makes a chunk as soon as the waiting messages reach chunkBytes', () => {
    const b = new RecordingBuffer({ capBytes: 1e9, chunkBytes: 3 * each, chunkMs: 60_000 });
    b.add(msg(0));
    b.add(msg(0));
    expect(b.due(0)).toBe(false);
    b.add(msg(0));
    expect(b.due(0)).toBe(true);
  });

  it('refuses the message that would pass the cap, and everything after it', () => {
    const b = new RecordingBuffer({ capBytes: 3 * each + 10 });
    expect([b.add(msg(0)), b.add(msg(1)), b.add(msg(2))]).toEqual([true, true, true]);
    expect(b.add(msg(3, 1))).toBe(false);
    expect(b.capReached).toBe(true);
    // Even one that would still fit: the recording stops at the first refusal.
    expect(b.add(msg(4, 0))).toBe(false);
    expect(b.messages).toBe(3);
    expect(b.bytes).toBe(3 * each);
    expect(unpackChunk(b.take()!.data).map((m) => m.time)).toEqual([0, 1, 2]);
  });
});
