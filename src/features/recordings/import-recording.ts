/**
 * Import recording (issue 12): a `switchyard-recording` file (docs/recording-format.md) into a new
 * stored recording. Loaded with the first Import (it brings the zod reader). Two passes over
 * `file.stream()`, so a broken file stores nothing:
 *
 * 1. `checkRecording` reads every line and keeps nothing; a bad file ends here with its first bad
 *    line ("line 1,234: payload is not base64 …"), and so does one whose messages would take more
 *    than the Size cap (the recorder's limit for one recording, counted the same way).
 * 2. `readRecording` yields the checked messages in batches; `importChunks` packs them into chunks
 *    the way the recorder does (~1 MiB or ~1 s of receive time each), written in groups of ~1 MiB
 *    (up to 64 chunks), each group in one transaction with its recording's counts (writeChunks).
 *
 * The new recording is marked `importing` while it is written, and its Web Lock is held: lists do
 * not show it, and one whose page went away is deleted by the next list. Any failure midway (a
 * full disk: QuotaExceededError, the file changed between the passes, …) deletes what was written
 * and says so. At the end it becomes a `complete` recording: name and broker from the header,
 * start / end (first and last receive time), messages and bytes from the data.
 */
import { estimateMessageBytes, packChunk } from '../../core/recording-chunk';
import type { AnyIterable, RecordedMessage } from '../../core/recording-format';
import { checkRecording, readRecording } from '../../core/recording-read';
import { formatSize } from '../../lib/format';
import {
  createRecording,
  deleteRecording,
  newRecordingId,
  openRecordingsDb,
  readCapBytes,
  recordingLockName,
  writeChunks,
  type RecordingMeta,
  type RecordingsDb,
  type StoredChunk,
} from '../../lib/recordings-db';

/** One chunk to store (StoredChunk without its recording). */
export type ImportChunk = Omit<StoredChunk, 'recordingId'>;

export interface ChunkingOptions {
  /** A chunk is closed once its messages reach this many bytes (default 1 MiB, like the recorder). */
  chunkBytes?: number;
  /** …or before a message received this long after the chunk's first one (default 1,000 ms). */
  chunkMs?: number;
}

/** The messages of `batches`, in order, packed into chunks numbered from 0. */
export async function* importChunks(
  batches: AnyIterable<readonly RecordedMessage[]>,
  options: ChunkingOptions = {},
): AsyncGenerator<ImportChunk, void, undefined> {
  const maxBytes = options.chunkBytes ?? 1024 * 1024;
  const maxMs = options.chunkMs ?? 1000;
  let seq = 0;
  let pending: RecordedMessage[] = [];
  let bytes = 0;
  const take = (): ImportChunk => {
    const messages = pending;
    pending = [];
    bytes = 0;
    return { seq: seq++, first: messages[0].time, last: messages[messages.length - 1].time, count: messages.length, data: packChunk(messages) };
  };
  for await (const batch of batches) {
    for (const m of batch) {
      if (pending.length && m.time - pending[0].time >= maxMs) yield take();
      pending.push(m);
      bytes += estimateMessageBytes(m);
      if (bytes >= maxBytes) yield take();
    }
  }
  if (pending.length) yield take();
}

export interface GroupingOptions {
  /** Chunks go to storage in groups of at least this many bytes (default 1 MiB)… */
  groupBytes?: number;
  /** …or this many chunks (default 64), one transaction per group. */
  groupChunks?: number;
}

/** Consecutive chunks in groups (see GroupingOptions); the last group may be smaller. */
export async function* groupChunks(
  chunks: AsyncIterable<ImportChunk>,
  options: GroupingOptions = {},
): AsyncGenerator<ImportChunk[], void, undefined> {
  const maxBytes = options.groupBytes ?? 1024 * 1024;
  const maxChunks = options.groupChunks ?? 64;
  let group: ImportChunk[] = [];
  let bytes = 0;
  for await (const c of chunks) {
    group.push(c);
    bytes += c.data.byteLength;
    if (bytes >= maxBytes || group.length >= maxChunks) {
      yield group;
      group = [];
      bytes = 0;
    }
  }
  if (group.length) yield group;
}

export interface ImportProgress {
  /** `check`: reading the file through once; `store`: writing the messages. */
  phase: 'check' | 'store';
  /** Bytes of the file read in this pass, of `fileBytes`. */
  bytesRead: number;
  fileBytes: number;
  /** Messages stored so far (store phase), of `messages` (the file's count, once checked). */
  stored: number;
  messages: number;
}

export type ImportResult = { ok: true; recording: RecordingMeta } | { ok: false; error: string };

/** Where the messages go; the default is this browser's IndexedDB (a test may fail a write on purpose). */
export interface ImportStore {
  db: RecordingsDb;
  /** Writes one group of chunks (default: writeChunks, one transaction). */
  write?: (db: RecordingsDb, chunks: StoredChunk[]) => Promise<unknown>;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  store?: ImportStore;
  /** Messages per batch read from the file (default 1,000). */
  batchSize?: number;
  chunking?: ChunkingOptions;
  grouping?: GroupingOptions;
  now?: () => number;
}

/** "readings.switchyard.jsonl" → "readings": the name when the header has none. */
export function nameFromFileName(fileName: string): string {
  return fileName.replace(/(\.switchyard)?\.jsonl?$/i, '').trim() || 'Imported recording';
}

/** Holds a Web Lock until released (nothing where the browser has no Web Locks). */
function holdLock(name: string): Promise<() => void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.request) return Promise.resolve(() => {});
  return new Promise((granted) => {
    void locks.request(name, () => new Promise<void>((release) => granted(release)));
  });
}

const count = (n: number) => n.toLocaleString('en-US');

/** Imports `file` (see the file header). Never throws: a refused file or a failed import is `{ ok: false, error }`. */
export async function importRecording(file: Blob, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  const now = options.now ?? Date.now;
  const progress = (p: Omit<ImportProgress, 'fileBytes'>) => options.onProgress?.({ ...p, fileBytes: file.size });
  let check;
  try {
    check = await checkRecording(file.stream(), { onProgress: (bytesRead) => progress({ phase: 'check', bytesRead, stored: 0, messages: 0 }) });
  } catch (e) {
    return { ok: false, error: `Could not read ${fileName}: ${(e as Error)?.message || String(e)}` };
  }
  if (!check.ok) return { ok: false, error: check.error };

  const header = check.header;
  const total = check.messages;
  const db = options.store?.db ?? (await openRecordingsDb());
  // The Size cap bounds every recording, an imported one too: refused before anything is stored.
  const capBytes = await readCapBytes(db);
  if (check.storedBytes > capBytes) {
    const cap = `${Math.round((capBytes / 1024 / 1024) * 10) / 10} MB`;
    return {
      ok: false,
      error: `its ${count(total)} messages need about ${formatSize(check.storedBytes)}, more than the Size cap (${cap}). Raise the Size cap to import it; nothing was stored.`,
    };
  }
  const write = options.store?.write ?? writeChunks;
  const id = newRecordingId(now());
  const start = check.firstTime ?? header.start ?? now();
  const end = check.lastTime ?? header.end ?? start;
  const meta: RecordingMeta = {
    id,
    name: header.name?.trim() || nameFromFileName(fileName),
    brokerUrl: header.broker ?? '',
    start,
    end,
    messages: 0,
    bytes: 0,
    status: 'complete',
    filter: header.filters ?? [],
    chunks: 0,
    updatedAt: now(),
    importing: true,
  };
  const release = await holdLock(recordingLockName(id));
  let stored = 0;
  let created = false;
  let inflight: Promise<void> | null = null;
  try {
    await createRecording(db, meta);
    created = true;
    let bytesRead = 0;
    const batches = readRecording(file.stream(), { batchSize: options.batchSize, onProgress: (b) => (bytesRead = b) });
    // Chunks written a group per transaction (a transaction per small chunk costs more than the
    // chunk), one write in flight while the next group is read and packed, so parsing the file
    // overlaps IndexedDB's commit (docs/performance.md "Time travel").
    for await (const group of groupChunks(importChunks(batches, options.chunking), options.grouping)) {
      if (inflight) await inflight;
      const n = group.reduce((sum, c) => sum + c.count, 0);
      const next = write(
        db,
        group.map((c) => ({ recordingId: id, ...c })),
      ).then(() => {
        stored += n;
        progress({ phase: 'store', bytesRead, stored, messages: total });
      });
      next.catch(() => {}); // awaited before the next write or below; not "unhandled" meanwhile
      inflight = next;
    }
    if (inflight) await inflight;
    if (stored !== total) throw new Error(`the file changed while it was imported (${count(stored)} messages now, ${count(total)} when checked)`);
    const done = await finishImport(db, id, start, end, now());
    return { ok: true, recording: done };
  } catch (e) {
    await inflight?.catch(() => {}); // the write under way settles first (counted, then removed with the rest)
    const err = e as Error;
    const what =
      err?.name === 'QuotaExceededError'
        ? `The browser's storage is full (QuotaExceededError): the import stopped after ${count(stored)} of ${count(total)} messages`
        : `The import failed after ${count(stored)} of ${count(total)} messages (${err?.message || String(e)})`;
    if (!created) return { ok: false, error: `${what}. Nothing was stored.` };
    try {
      await deleteRecording(db, id);
      return { ok: false, error: `${what}. What was stored of it was removed: nothing was imported.` };
    } catch (e2) {
      // Still marked importing: the next list deletes it once this page's lock is gone.
      return { ok: false, error: `${what}, and the part stored could not be removed yet (${(e2 as Error)?.message || String(e2)}).` };
    }
  } finally {
    release();
  }
}

/** The imported recording made visible: `importing` dropped, start / end from the data. */
async function finishImport(db: RecordingsDb, id: string, start: number, end: number, now: number): Promise<RecordingMeta> {
  const tx = db.transaction('recordings', 'readwrite');
  const meta = await tx.store.get(id);
  if (!meta) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new Error('the recording was deleted while it was imported');
  }
  const { importing: _done, ...rest } = meta;
  const finished: RecordingMeta = { ...rest, start, end, status: 'complete', updatedAt: now };
  await tx.store.put(finished);
  await tx.done;
  return finished;
}
