import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createRecording, iterateChunks, openRecordingsDb, writeChunk, writeChunks, type RecordingMeta } from './recordings-db';

const meta = (id: string): RecordingMeta => ({
  id,
  name: id,
  brokerUrl: 'ws://b',
  start: 0,
  end: 0,
  messages: 0,
  bytes: 0,
  status: 'complete',
  filter: ['#'],
  chunks: 0,
  updatedAt: 0,
});

const chunk = (recordingId: string, seq: number) => ({ recordingId, seq, first: seq, last: seq, count: 1, data: Uint8Array.of(seq) });

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('iterateChunks', () => {
  it('yields one recording’s chunks in order, one at a time, surviving waits between them (each read its own transaction)', async () => {
    const db = await openRecordingsDb();
    for (const id of ['a', 'b', 'c']) await createRecording(db, meta(id));
    // Written out of order, and numbered past 9 (keys sort as numbers, not text).
    for (const seq of [2, 0, 11, 1, 10]) await writeChunk(db, chunk('b', seq));
    await writeChunk(db, chunk('a', 0));
    await writeChunk(db, chunk('c', 0));
    const seen: number[] = [];
    for await (const c of iterateChunks(db, 'b')) {
      expect(c.recordingId).toBe('b');
      seen.push(c.seq);
      await tick(); // a cursor's transaction would have ended here
    }
    expect(seen).toEqual([0, 1, 2, 10, 11]);
  });

  it('sees chunks written while it runs, and none for an unknown recording', async () => {
    const db = await openRecordingsDb();
    await createRecording(db, meta('grow'));
    await writeChunk(db, chunk('grow', 0));
    const seen: number[] = [];
    for await (const c of iterateChunks(db, 'grow')) {
      seen.push(c.seq);
      if (c.seq < 3) await writeChunk(db, chunk('grow', c.seq + 1));
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    const none = [];
    for await (const c of iterateChunks(db, 'nope')) none.push(c);
    expect(none).toEqual([]);
  });
});

describe('writeChunks', () => {
  it('stores several chunks with their recording’s counts in one transaction; none when the recording is gone', async () => {
    const db = await openRecordingsDb();
    await createRecording(db, meta('g'));
    const m = await writeChunks(db, [chunk('g', 0), chunk('g', 1), { ...chunk('g', 2), count: 5, last: 99 }]);
    expect(m).toMatchObject({ chunks: 3, messages: 7, bytes: 3, end: 99 });
    expect(await db.get('recordings', 'g')).toMatchObject({ chunks: 3, messages: 7 });
    await expect(writeChunks(db, [chunk('gone', 0), chunk('gone', 1)])).rejects.toThrow('The recording was deleted while it was being written.');
    await expect(writeChunks(db, [chunk('g', 3), chunk('other', 0)])).rejects.toThrow('Chunks of different recordings in one write.');
    const seqs = [];
    for await (const c of iterateChunks(db, 'g')) seqs.push(c.seq);
    expect(seqs).toEqual([0, 1, 2]);
    expect(await db.getAll('chunks', IDBKeyRange.bound(['gone', 0], ['gone', Infinity]))).toEqual([]);
  });
});
