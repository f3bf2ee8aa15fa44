import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { unpackChunk } from '../../core/recording-chunk';
import { encodeRecording, type RecordedMessage } from '../../core/recording-format';
import { userPropsFromPairs } from '../../core/user-properties';
import { listRecordings, openRecordingsDb, readChunks, writeCapBytes, writeChunks } from '../../lib/recordings-db';
import { exportHeader, recordingBatches } from './export-recording';
import { groupChunks, importChunks, importRecording, nameFromFileName, type ImportChunk, type ImportProgress } from './import-recording';

const T0 = Date.UTC(2026, 11, 1, 14, 3, 0);

/** n messages, `step` ms apart: binary, retained, every QoS, some with MQTT 5 properties. */
function messages(n: number, step = 10, payloadBytes = 8): RecordedMessage[] {
  return Array.from({ length: n }, (_, i) => {
    const payload = new Uint8Array(payloadBytes);
    for (let b = 0; b < payloadBytes; b++) payload[b] = (i * 31 + b * 7) & 255;
    const m: RecordedMessage = { time: T0 + i * step, topic: `plant/m${i % 7}`, qos: (i % 3) as 0 | 1 | 2, retain: i % 5 === 0, payload };
    if (i % 4 === 0) m.properties = { contentType: 'application/octet-stream', userProperties: userPropsFromPairs([['seq', String(i)], ['dup', 'a'], ['dup', 'b']]) };
    return m;
  });
}

async function fileOf(header: Parameters<typeof encodeRecording>[0], ms: RecordedMessage[]): Promise<Blob> {
  const parts: string[] = [];
  for await (const piece of encodeRecording(header, [ms], { pieceChars: 1000 })) parts.push(piece);
  return new Blob(parts);
}

async function storeContents() {
  const db = await openRecordingsDb();
  return { recordings: await db.getAll('recordings'), chunks: await db.getAll('chunks') };
}

beforeEach(async () => {
  const db = await openRecordingsDb();
  await db.clear('recordings');
  await db.clear('chunks');
});

describe('importChunks', () => {
  it('cuts a chunk before a message 1 s after the chunk’s first, and once it reaches the byte limit; numbered from 0, every message once in order', async () => {
    // 10 ms apart: 100 messages per second.
    const ms = messages(250, 10);
    const chunks = [];
    for await (const c of importChunks([ms.slice(0, 33), ms.slice(33)])) chunks.push(c);
    expect(chunks.map((c) => c.count)).toEqual([100, 100, 50]);
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect(chunks.map((c) => [c.first, c.last])).toEqual([
      [T0, T0 + 990],
      [T0 + 1000, T0 + 1990],
      [T0 + 2000, T0 + 2490],
    ]);
    expect(chunks.flatMap((c) => unpackChunk(c.data))).toEqual(ms);

    // 10 KiB payloads at one instant: the byte limit alone cuts (a chunk reaches it with its last message).
    const big = messages(10, 0, 10 * 1024);
    const bySize = [];
    for await (const c of importChunks([big], { chunkBytes: 25 * 1024 })) bySize.push(c.count);
    expect(bySize).toEqual([3, 3, 3, 1]);
  });

  it('groupChunks: consecutive chunks in groups of at least groupBytes or groupChunks, the rest last', async () => {
    const c = (seq: number, bytes: number): ImportChunk => ({ seq, first: seq, last: seq, count: 1, data: new Uint8Array(bytes) });
    async function* chunks() {
      for (const [i, b] of [10, 10, 30, 5, 5, 5, 5, 5, 1].entries()) yield c(i, b);
    }
    const seqs = async (o: Parameters<typeof groupChunks>[1]) => {
      const out: number[][] = [];
      for await (const g of groupChunks(chunks(), o)) out.push(g.map((x) => x.seq));
      return out;
    };
    expect(await seqs({ groupBytes: 20, groupChunks: 4 })).toEqual([[0, 1], [2], [3, 4, 5, 6], [7, 8]]);
    expect(await seqs({})).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8]]);
  });

  it('gives nothing for no messages', async () => {
    const chunks = [];
    for await (const c of importChunks([[], []])) chunks.push(c);
    expect(chunks).toEqual([]);
  });
});

describe('importRecording', () => {
  it('stores an exported file as a complete recording: same messages byte for byte, name and broker from the header, times and counts from the data', async () => {
    const ms = messages(300, 7);
    const file = await fileOf({ name: 'Line 1 fault', broker: 'ws://plant:9001', start: T0 - 500, end: T0 + 9999, messages: ms.length, filters: ['plant/#'] }, ms);
    const seen: ImportProgress[] = [];
    const r = await importRecording(file, 'whatever.switchyard.jsonl', { batchSize: 64, chunking: { chunkMs: 500 }, onProgress: (p) => seen.push(p) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const db = await openRecordingsDb();
    const [listed] = await listRecordings(db, new Set());
    expect(listed).toEqual(r.recording);
    expect(listed).toMatchObject({ name: 'Line 1 fault', brokerUrl: 'ws://plant:9001', status: 'complete', messages: 300, start: T0, end: T0 + 299 * 7, filter: ['plant/#'] });
    expect(listed.importing).toBeUndefined();
    const chunks = await readChunks(db, listed.id);
    expect(listed.chunks).toBe(chunks.length);
    expect(chunks.length).toBeGreaterThan(2);
    expect(listed.bytes).toBe(chunks.reduce((n, c) => n + c.data.byteLength, 0));
    expect(chunks.flatMap((c) => unpackChunk(c.data))).toEqual(ms);
    // Progress: the check pass first, then stored messages up to all.
    expect(seen[0].phase).toBe('check');
    expect(seen.at(-1)).toMatchObject({ phase: 'store', stored: 300, messages: 300 });

    // And it exports to the same lines as the file it came from (header aside: times now come from the data).
    const again: RecordedMessage[] = [];
    for await (const b of recordingBatches(async function* () { yield* chunks; }(), listed.messages)) again.push(...b);
    expect(again).toEqual(ms);
    expect(exportHeader(listed)).toMatchObject({ name: 'Line 1 fault', broker: 'ws://plant:9001', messages: 300 });
  });

  it('refuses a file whose messages would take more than the Size cap, before storing anything; one under the cap imports', async () => {
    const db = await openRecordingsDb();
    await writeCapBytes(db, 0.1 * 1024 * 1024);
    try {
      // 200 messages of 1 KiB: about 210 KB stored, over a 0.1 MB cap.
      const big = messages(200, 10, 1024);
      const r = await importRecording(await fileOf({ name: 'Big', messages: big.length }, big), 'big.switchyard.jsonl');
      expect(r).toEqual({ ok: false, error: 'its 200 messages need about 209.9 KB, more than the Size cap (0.1 MB). Raise the Size cap to import it; nothing was stored.' });
      expect(await storeContents()).toEqual({ recordings: [], chunks: [] });
      const small = messages(50, 10, 1024);
      const ok = await importRecording(await fileOf({ name: 'Small', messages: small.length }, small), 'small.switchyard.jsonl');
      expect(ok).toMatchObject({ ok: true, recording: { name: 'Small', messages: 50 } });
    } finally {
      await db.delete('settings', 'capBytes');
    }
  });

  it('a file without a name in its header is named after the file', async () => {
    const r = await importRecording(await fileOf({ messages: 1 }, messages(1)), 'night shift.switchyard.jsonl');
    expect(r.ok && r.recording.name).toBe('night shift');
    expect(nameFromFileName('x.jsonl')).toBe('x');
    expect(nameFromFileName('.jsonl')).toBe('Imported recording');
  });

  it('refuses a truncated or garbled file with its first bad line and stores nothing', async () => {
    const ms = messages(20);
    const good = await (await fileOf({ messages: 20 }, ms)).text();
    const lines = good.split('\n');
    const cutBetween = new Blob([lines.slice(0, 15).join('\n') + '\n']);
    const cutInside = new Blob([good.slice(0, good.length - 10)]);
    lines[8] = lines[8].replace('"payload":"', '"payload":"!');
    const garbled = new Blob([lines.join('\n')]);
    expect(await importRecording(cutBetween, 'a.jsonl')).toEqual({ ok: false, error: 'line 16: the header says 20 messages but the file holds 14 (truncated?)' });
    expect(await importRecording(cutInside, 'a.jsonl')).toEqual({ ok: false, error: 'line 21: the file ends in the middle of this line (truncated?)' });
    const g = await importRecording(garbled, 'a.jsonl');
    expect(g.ok === false && g.error).toMatch(/^line 9: payload is not base64/);
    expect(await storeContents()).toEqual({ recordings: [], chunks: [] });
  });

  it('a write failing midway (storage full) removes what was stored and says so', async () => {
    const db = await openRecordingsDb();
    const ms = messages(100, 100); // 10 per second: 10 chunks
    let writes = 0;
    let storedBeforeFailure = 0;
    const r = await importRecording(await fileOf({ name: 'big', messages: 100 }, ms), 'big.jsonl', {
      grouping: { groupChunks: 1 },
      store: {
        db,
        write: async (d, chunks) => {
          if (++writes === 4) {
            storedBeforeFailure = (await d.getAll('chunks')).length;
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
          return writeChunks(d, chunks);
        },
      },
    });
    expect(storedBeforeFailure).toBe(3);
    expect(r).toEqual({
      ok: false,
      error: "The browser's storage is full (QuotaExceededError): the import stopped after 30 of 100 messages. What was stored of it was removed: nothing was imported.",
    });
    expect(await storeContents()).toEqual({ recordings: [], chunks: [] });
  });

  it('while it runs the recording is not listed; one left by a page that went away is deleted by the next list', async () => {
    const db = await openRecordingsDb();
    let listedMidway: string[] | undefined;
    const r = await importRecording(await fileOf({ name: 'x', messages: 30 }, messages(30, 100)), 'x.jsonl', {
      grouping: { groupChunks: 1 },
      store: {
        db,
        write: async (d, chunks) => {
          await writeChunks(d, chunks);
          if (chunks[0].seq === 1) {
            // This page holds the recording's lock (names as heldLocks() reports them).
            const { recordingLockName } = await import('../../lib/recordings-db');
            const [meta] = await d.getAll('recordings');
            listedMidway = (await listRecordings(d, new Set([recordingLockName(meta.id)]))).map((m) => m.name);
            expect(await d.getAll('recordings')).toHaveLength(1);
            // Then the page goes away (no lock): the list deletes it, chunks and all.
            expect(await listRecordings(d, new Set())).toEqual([]);
            expect(await storeContents()).toEqual({ recordings: [], chunks: [] });
          }
        },
      },
    });
    expect(listedMidway).toEqual([]);
    // Its next write finds the recording gone: the import fails and says so.
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^The import failed after 20 of 30 messages \(The recording was deleted while it was being written\.\)/);
  });
});
