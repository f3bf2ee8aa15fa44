import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { packChunk } from '../../core/recording-chunk';
import { encodeRecording, type RecordedMessage } from '../../core/recording-format';
import { checkRecording } from '../../core/recording-read';
import { createRecording, openRecordingsDb, writeChunk, type RecordingMeta, type StoredChunk } from '../../lib/recordings-db';
import { exportFileName, exportHeader, exportRecording, recordingBatches } from './export-recording';

const T0 = Date.UTC(2026, 11, 1, 14, 3, 0);
const msg = (i: number): RecordedMessage => ({ time: T0 + i, topic: `t/${i}`, qos: (i % 3) as 0 | 1 | 2, retain: i % 2 === 0, payload: Uint8Array.of(i, 0, 255) });
const stored = (seq: number, ms: RecordedMessage[]): StoredChunk => ({
  recordingId: 'r',
  seq,
  first: ms[0].time,
  last: ms[ms.length - 1].time,
  count: ms.length,
  data: packChunk(ms),
});
async function* from<T>(xs: T[]) {
  yield* xs;
}

describe('exportFileName', () => {
  it('is the name plus .switchyard.jsonl, with characters file systems refuse replaced', () => {
    expect(exportFileName('Line 1 fault')).toBe('Line 1 fault.switchyard.jsonl');
    expect(exportFileName('a/b\\c:d*e?f"g<h>i|j\u0007')).toBe('a_b_c_d_e_f_g_h_i_j_.switchyard.jsonl');
    expect(exportFileName('  ')).toBe('recording.switchyard.jsonl');
    expect(exportFileName('..hidden')).toBe('hidden.switchyard.jsonl');
  });
});

describe('recordingBatches', () => {
  const chunks = [stored(0, [msg(0), msg(1)]), stored(1, [msg(2)]), stored(2, [msg(3), msg(4)])];

  it('unpacks chunk after chunk and stops at the count taken when the export started (later chunks are not read)', async () => {
    const read: number[] = [];
    async function* tracked() {
      for (const c of chunks) {
        read.push(c.seq);
        yield c;
      }
    }
    const progress: number[] = [];
    const out: RecordedMessage[][] = [];
    for await (const b of recordingBatches(tracked(), 3, (d) => progress.push(d))) out.push(b);
    expect(out).toEqual([[msg(0), msg(1)], [msg(2)]]);
    expect(progress).toEqual([2, 3]);
    expect(read).toEqual([0, 1]);
  });

  it('throws when the chunks hold fewer messages than counted (deleted meanwhile), and reads nothing for none', async () => {
    const all = async (n: number, cs: StoredChunk[]) => {
      const out: RecordedMessage[] = [];
      for await (const b of recordingBatches(from(cs), n)) out.push(...b);
      return out;
    };
    await expect(all(9, chunks)).rejects.toThrow('the recording changed while it was exported (5 messages found, 9 expected)');
    expect(await all(0, chunks)).toEqual([]);
  });
});

describe('exportRecording with a save file picker', () => {
  afterEach(() => {
    delete (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });

  it('pipes the file into the picked file: header with the count, every message, the suggested name; a closed picker is cancelled', async () => {
    const db = await openRecordingsDb();
    const ms = Array.from({ length: 7 }, (_, i) => msg(i));
    const meta: RecordingMeta = { id: 'p', name: 'Pump: night', brokerUrl: 'ws://b:1', start: T0 - 10, end: T0 + 6, messages: 0, bytes: 0, status: 'complete', filter: ['t/#'], chunks: 0, updatedAt: 0 };
    await createRecording(db, meta);
    await writeChunk(db, { ...stored(0, ms.slice(0, 4)), recordingId: 'p' });
    await writeChunk(db, { ...stored(1, ms.slice(4)), recordingId: 'p' });
    const written: Uint8Array[] = [];
    let suggested = '';
    let closed = false;
    (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker = async (o: { suggestedName: string }) => {
      suggested = o.suggestedName;
      return {
        createWritable: async () =>
          new WritableStream<Uint8Array>({
            write: (c) => void written.push(c),
            close: () => void (closed = true),
          }),
      };
    };
    const progress: [number, number][] = [];
    expect(await exportRecording(meta, { onProgress: (d, t) => progress.push([d, t]) })).toBe('saved');
    expect(suggested).toBe('Pump_ night.switchyard.jsonl');
    expect(closed).toBe(true);
    expect(progress).toEqual([
      [4, 7],
      [7, 7],
    ]);
    const text = new TextDecoder().decode(await new Blob(written as Uint8Array<ArrayBuffer>[]).arrayBuffer());
    let expected = '';
    const fresh = (await db.get('recordings', 'p'))!;
    for await (const piece of encodeRecording(exportHeader(fresh), [ms])) expected += piece;
    expect(text).toBe(expected);
    const check = await checkRecording([new TextEncoder().encode(text)]);
    expect(check).toMatchObject({ ok: true, messages: 7, header: { name: 'Pump: night', broker: 'ws://b:1', messages: 7, filters: ['t/#'] } });

    (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker = async () => {
      throw new DOMException('The user aborted a request.', 'AbortError');
    };
    expect(await exportRecording(meta)).toBe('cancelled');
  });
});
