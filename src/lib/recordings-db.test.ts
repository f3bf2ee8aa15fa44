import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  createRecording,
  deleteRecording,
  DEFAULT_CAP_BYTES,
  finishRecording,
  listRecordings,
  openRecordingsDb,
  readCapBytes,
  readChunks,
  recordingLockName,
  renameRecording,
  writeCapBytes,
  writeChunk,
  type RecordingMeta,
} from './recordings-db';

const meta = (id: string, start: number): RecordingMeta => ({
  id,
  name: `Rec ${id}`,
  brokerUrl: 'ws://b',
  start,
  end: start,
  messages: 0,
  bytes: 0,
  status: 'recording',
  filter: ['#'],
  chunks: 0,
  updatedAt: start,
});

const chunk = (recordingId: string, seq: number, count: number, last: number) => ({
  recordingId,
  seq,
  first: last - 1,
  last,
  count,
  data: new Uint8Array(10 * count),
});

describe('recordings database', () => {
  it('adds each chunk to its recording’s counts; a rename made meanwhile survives the writes and the finish', async () => {
    const db = await openRecordingsDb();
    await createRecording(db, meta('a', 1000));
    await writeChunk(db, chunk('a', 0, 3, 1500));
    await renameRecording(db, 'a', 'Line 1 fault');
    await writeChunk(db, chunk('a', 1, 2, 2500));
    await finishRecording(db, 'a', 'complete', undefined, 2600);
    const [a] = (await listRecordings(db, new Set())).filter((r) => r.id === 'a');
    expect(a).toMatchObject({ name: 'Line 1 fault', messages: 5, bytes: 50, chunks: 2, end: 2600, status: 'complete' });
    expect((await readChunks(db, 'a')).map((c) => c.seq)).toEqual([0, 1]);
  });

  it('shows a recording whose recorder is gone as interrupted (and stores it so); one whose lock is held stays recording', async () => {
    const db = await openRecordingsDb();
    await createRecording(db, meta('gone', 5000));
    await createRecording(db, meta('alive', 6000));
    await writeChunk(db, chunk('gone', 0, 4, 5400));
    const list = await listRecordings(db, new Set([recordingLockName('alive')]));
    const byId = new Map(list.map((r) => [r.id, r]));
    expect(byId.get('gone')).toMatchObject({ status: 'interrupted', messages: 4 });
    expect(byId.get('gone')!.reason).toMatch(/closed or reloaded/);
    expect(byId.get('alive')!.status).toBe('recording');
    expect(list[0].start).toBeGreaterThanOrEqual(list[1].start);
    expect((await db.get('recordings', 'gone'))!.status).toBe('interrupted');
  });

  it('deletes a recording with all its chunks, and no other', async () => {
    const db = await openRecordingsDb();
    await createRecording(db, meta('x', 1));
    await createRecording(db, meta('y', 2));
    await writeChunk(db, chunk('x', 0, 1, 2));
    await writeChunk(db, chunk('x', 1, 1, 3));
    await writeChunk(db, chunk('y', 0, 1, 3));
    await deleteRecording(db, 'x');
    expect(await db.get('recordings', 'x')).toBeUndefined();
    expect(await readChunks(db, 'x')).toEqual([]);
    expect(await readChunks(db, 'y')).toHaveLength(1);
  });

  it('refuses a chunk for a recording that was deleted', async () => {
    const db = await openRecordingsDb();
    await expect(writeChunk(db, chunk('never', 0, 1, 1))).rejects.toThrow(/deleted/);
    expect(await readChunks(db, 'never')).toEqual([]);
  });

  it('keeps the size cap, 200 MB until set', async () => {
    const db = await openRecordingsDb();
    expect(await readCapBytes(db)).toBe(DEFAULT_CAP_BYTES);
    await writeCapBytes(db, 5 * 1024 * 1024);
    expect(await readCapBytes(db)).toBe(5 * 1024 * 1024);
  });
});
