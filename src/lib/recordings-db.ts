/**
 * Where recordings are kept: one IndexedDB database (through `idb`), used by the recorder in the
 * MQTT worker (writes) and by the Recordings view (list, rename, delete, size cap). Layout (also
 * in docs/architecture.md "Recordings"):
 *
 * - `recordings` (key `id`): one RecordingMeta per recording — name, broker, start / end,
 *   messages, bytes, status, filter. The recorder updates it in the same transaction as each
 *   chunk it writes, so its counts are always those of the chunks stored.
 * - `chunks` (key `[recordingId, seq]`): StoredChunk, ~1 s or ~1 MiB of messages packed into one
 *   binary blob (core/recording-chunk.ts).
 * - `settings` (key `key`): `{ key: 'capBytes', value }`, the size cap.
 *
 * A recording whose status is still `recording` but whose recorder is gone (the page was closed
 * or reloaded) is shown, and then stored, as `interrupted` with what was written.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const RECORDINGS_DB = 'switchyard-recordings';
const DB_VERSION = 1;

/** `recording`: being written; `complete`: stopped by the user; `stopped`: stopped for a reason (cap, storage); `interrupted`: the page went away. */
export type RecordingStatus = 'recording' | 'complete' | 'stopped' | 'interrupted';

export interface RecordingMeta {
  id: string;
  name: string;
  brokerUrl: string;
  /** ms since epoch: when recording started, and the receive time of the last message stored (or the stop). */
  start: number;
  end: number;
  messages: number;
  /** Bytes of the stored chunks. */
  bytes: number;
  status: RecordingStatus;
  /** Why it stopped, for `stopped` (and `interrupted`). */
  reason?: string;
  /** Topic filters whose messages are recorded. */
  filter: string[];
  chunks: number;
  /** Last write by the recorder (ms), for browsers without Web Locks. */
  updatedAt: number;
  /**
   * Set while Import is still writing it (features/recordings/import-recording.ts, which holds
   * the recording's Web Lock): not listed; one whose importer is gone is deleted by the list.
   */
  importing?: boolean;
}

export interface StoredChunk {
  recordingId: string;
  seq: number;
  /** Receive time of the first and last message. */
  first: number;
  last: number;
  count: number;
  /** The packed messages (core/recording-chunk.ts). */
  data: Uint8Array;
}

interface RecordingsSchema extends DBSchema {
  recordings: { key: string; value: RecordingMeta };
  chunks: { key: [string, number]; value: StoredChunk };
  settings: { key: string; value: { key: string; value: number } };
}

export type RecordingsDb = IDBPDatabase<RecordingsSchema>;

export const DEFAULT_CAP_BYTES = 200 * 1024 * 1024;

let opened: Promise<RecordingsDb> | null = null;

/** The database, opened once per thread. */
export function openRecordingsDb(): Promise<RecordingsDb> {
  opened ??= openDB<RecordingsSchema>(RECORDINGS_DB, DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('recordings')) db.createObjectStore('recordings', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('chunks')) db.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
      if (!db.objectStoreNames.contains('settings')) db.createObjectStore('settings', { keyPath: 'key' });
    },
  }).catch((e) => {
    opened = null;
    throw e;
  });
  return opened;
}

/** The Web Lock a recorder holds while its recording runs (so another tab can tell it is alive). */
export const recordingLockName = (id: string) => `switchyard-recording-${id}`;

/** A new recording's id: time-ordered, unique enough across tabs. */
export function newRecordingId(now = Date.now()): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export async function createRecording(db: RecordingsDb, meta: RecordingMeta): Promise<void> {
  await db.add('recordings', meta);
}

/**
 * Stores several chunks of one recording and adds them to its counts, in one transaction (all or
 * none). For Import: a transaction per small chunk costs more than the chunk (Chromium).
 */
export async function writeChunks(db: RecordingsDb, chunks: readonly StoredChunk[]): Promise<RecordingMeta> {
  if (chunks.length === 0) throw new RangeError('No chunks to write.');
  const tx = db.transaction(['recordings', 'chunks'], 'readwrite');
  const metas = tx.objectStore('recordings');
  const meta = await metas.get(chunks[0].recordingId);
  if (!meta || chunks.some((c) => c.recordingId !== meta.id)) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new Error(meta ? 'Chunks of different recordings in one write.' : 'The recording was deleted while it was being written.');
  }
  const next: RecordingMeta = { ...meta, chunks: meta.chunks + chunks.length, updatedAt: Date.now() };
  const store = tx.objectStore('chunks');
  for (const c of chunks) {
    void store.put(c);
    next.messages += c.count;
    next.bytes += c.data.byteLength;
    next.end = Math.max(next.end, c.last);
  }
  void metas.put(next);
  await tx.done;
  return next;
}

/** Stores a chunk and adds it to its recording's counts, in one transaction (both or neither). */
export async function writeChunk(db: RecordingsDb, chunk: StoredChunk): Promise<RecordingMeta> {
  const tx = db.transaction(['recordings', 'chunks'], 'readwrite');
  const metas = tx.objectStore('recordings');
  const meta = await metas.get(chunk.recordingId);
  if (!meta) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new Error('The recording was deleted while it was being written.');
  }
  const next: RecordingMeta = {
    ...meta,
    messages: meta.messages + chunk.count,
    bytes: meta.bytes + chunk.data.byteLength,
    end: Math.max(meta.end, chunk.last),
    chunks: meta.chunks + 1,
    updatedAt: Date.now(),
  };
  void tx.objectStore('chunks').put(chunk);
  void metas.put(next);
  await tx.done;
  return next;
}

/** Sets a recording's final status (its name, set meanwhile by the user, is kept). */
export async function finishRecording(db: RecordingsDb, id: string, status: RecordingStatus, reason: string | undefined, end: number): Promise<void> {
  const tx = db.transaction('recordings', 'readwrite');
  const meta = await tx.store.get(id);
  if (meta) await tx.store.put({ ...meta, status, reason, end: Math.max(meta.end, end), updatedAt: Date.now() });
  await tx.done;
}

/** Without Web Locks: a recorder silent for this long is taken as gone. */
const STALE_MS = 15_000;

/**
 * Every recording, newest first. One still marked `recording` whose recorder is gone (no lock
 * held: `locks`, from heldLocks()) is marked `interrupted` (stored too, so it stays so).
 */
export async function listRecordings(db: RecordingsDb, locks?: Set<string>, now = Date.now()): Promise<RecordingMeta[]> {
  const all = await db.getAll('recordings');
  const importing = new Set<RecordingMeta>();
  for (const m of all) {
    if (m.importing) {
      importing.add(m);
      const alive = locks ? locks.has(recordingLockName(m.id)) : now - m.updatedAt < STALE_MS;
      // An import cut short (the page went away) keeps nothing: the file is still there to import again.
      if (!alive) await deleteRecording(db, m.id);
      continue;
    }
    if (m.status !== 'recording') continue;
    const live = locks ? locks.has(recordingLockName(m.id)) : now - m.updatedAt < STALE_MS;
    if (live) continue;
    m.status = 'interrupted';
    m.reason = 'The page was closed or reloaded while recording: what was written before is kept.';
    await finishRecording(db, m.id, 'interrupted', m.reason, m.end);
  }
  return all.filter((m) => !importing.has(m)).sort((a, b) => b.start - a.start);
}

export async function renameRecording(db: RecordingsDb, id: string, name: string): Promise<void> {
  const tx = db.transaction('recordings', 'readwrite');
  const meta = await tx.store.get(id);
  if (meta) await tx.store.put({ ...meta, name });
  await tx.done;
}

/** Removes a recording and all its chunks, in one transaction. */
export async function deleteRecording(db: RecordingsDb, id: string): Promise<void> {
  const tx = db.transaction(['recordings', 'chunks'], 'readwrite');
  void tx.objectStore('recordings').delete(id);
  void tx.objectStore('chunks').delete(IDBKeyRange.bound([id, 0], [id, Infinity]));
  await tx.done;
}

/** A recording's chunks in order, all at once (small recordings and tests; export uses iterateChunks). */
export async function readChunks(db: RecordingsDb, id: string): Promise<StoredChunk[]> {
  return db.getAll('chunks', IDBKeyRange.bound([id, 0], [id, Infinity]));
}

/**
 * A recording's chunks in order, one at a time: each is read in its own short transaction (the
 * first key after the previous one), so the consumer may take as long as it likes between them
 * (an IndexedDB cursor would die with its transaction at the first await elsewhere) and only one
 * chunk is in memory. Chunks written meanwhile are yielded too; stop early to take a snapshot.
 */
export async function* iterateChunks(db: RecordingsDb, id: string): AsyncGenerator<StoredChunk, void, undefined> {
  let range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
  for (;;) {
    const [chunk] = await db.getAll('chunks', range, 1);
    if (!chunk) return;
    yield chunk;
    range = IDBKeyRange.bound([id, chunk.seq], [id, Infinity], true, false);
  }
}

export async function readCapBytes(db: RecordingsDb): Promise<number> {
  const v = (await db.get('settings', 'capBytes'))?.value;
  return typeof v === 'number' && v > 0 ? v : DEFAULT_CAP_BYTES;
}

export async function writeCapBytes(db: RecordingsDb, value: number): Promise<void> {
  await db.put('settings', { key: 'capBytes', value });
}

/** Names of the Web Locks held in this origin (empty set where the browser has none). */
export async function heldLocks(): Promise<Set<string> | undefined> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.query) return undefined;
  const q = await locks.query();
  return new Set([...(q.held ?? []), ...(q.pending ?? [])].map((l) => l.name ?? ''));
}
