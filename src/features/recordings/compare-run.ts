/**
 * Compare (issue 12): the state of a recording (at its end, or at the Time slider's time)
 * against another recording's or the connected broker's retained messages, as added / removed /
 * changed topics (core/recording-diff.ts).
 *
 * A recording's state is streamed from IndexedDB a few chunks per request into a
 * RecordingStateCollector (core/recording-diff-state.ts), which keeps one message per topic: a
 * million-message recording never sits in memory, and the main thread gets a task boundary every
 * ~12 ms (progress is reported there). The broker's side is a fresh snapshot over a second,
 * short-lived connection (`session.fetchRetained(filters, …, true)`, mqtt/retained-fetch.ts):
 * every retained message under the recording's topic filters, in full.
 */
import { diffStates, type StateDiff, type StateMessage } from '../../core/recording-diff';
import { RecordingStateCollector, retainedState, type StateKind } from '../../core/recording-diff-state';
import { parseSharedFilter } from '../../core/topic-filter';
import { openRecordingsDb, type RecordingMeta, type RecordingsDb, type StoredChunk } from '../../lib/recordings-db';
import { session } from '../../mqtt/session';

export type CompareSide =
  /** `upTo`: the Time slider's time (ms since epoch); none: the recording's end. */
  | { kind: 'recording'; meta: RecordingMeta; upTo?: number }
  | { kind: 'broker'; url: string; filters: string[] };

export interface CompareProgress {
  /** What is being read, for people: `Reading “<name>”: 1,200 of 5,000 messages…`. */
  text: string;
  done: number;
  total: number;
}

export interface CompareOutcome {
  diff: StateDiff;
  /** Topics on each side. */
  fromTopics: number;
  toTopics: number;
}

/** Chunks read per IndexedDB request (~1 s of messages each), as when opening a recording. */
const CHUNKS_PER_READ = 32;
/** Work between task boundaries, so input and paint are never held up for long. */
const SLICE_MS = 12;
/** The broker's snapshot may take this long (a second connection, then retained messages until quiet). */
const FETCH_TIMEOUT_MS = 30_000;

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The topic filters to read the broker's retained messages under: the recording's own (shared
 * subscriptions as their plain filter: a shared subscription gets no retained messages), else
 * the connection's, else `#`.
 */
export function snapshotFilters(recordingFilters: readonly string[], connectionFilters: readonly string[]): string[] {
  const plain = (fs: readonly string[]) => [...new Set(fs.map((f) => parseSharedFilter(f)?.filter ?? f).filter((f) => f !== ''))];
  const own = plain(recordingFilters);
  if (own.length) return own;
  const conn = plain(connectionFilters);
  return conn.length ? conn : ['#'];
}

async function recordingState(
  meta: RecordingMeta,
  kind: StateKind,
  upTo: number | undefined,
  onProgress: (p: CompareProgress) => void,
  signal: AbortSignal,
): Promise<Map<string, StateMessage>> {
  const db = await openRecordingsDb();
  const collector = new RecordingStateCollector(kind, upTo);
  let read = 0;
  const report = () => onProgress({ text: `Reading “${meta.name}”: ${n(read)} of ${n(meta.messages)} messages…`, done: read, total: meta.messages });
  report();
  let slice = performance.now();
  for await (const chunks of chunkBatches(db, meta.id)) {
    for (const c of chunks) {
      signal.throwIfAborted();
      collector.addChunk(c.data);
      read += c.count;
      if (performance.now() - slice > SLICE_MS) {
        report();
        await nextTask();
        slice = performance.now();
      }
    }
  }
  signal.throwIfAborted();
  report();
  return collector.state();
}

async function brokerState(url: string, filters: string[], onProgress: (p: CompareProgress) => void, signal: AbortSignal): Promise<Map<string, StateMessage>> {
  onProgress({ text: `Reading the retained messages under ${filters.join(', ')} from ${url}…`, done: 0, total: 0 });
  const r = await session.fetchRetained(filters, FETCH_TIMEOUT_MS, true);
  signal.throwIfAborted();
  if (!r.ok) throw new Error(`Could not read the broker’s retained messages: ${r.error ?? 'no answer'}`);
  return retainedState(r.retained ?? []);
}

function sideState(side: CompareSide, kind: StateKind, onProgress: (p: CompareProgress) => void, signal: AbortSignal) {
  return side.kind === 'recording' ? recordingState(side.meta, kind, side.upTo, onProgress, signal) : brokerState(side.url, side.filters, onProgress, signal);
}

/** `from` → `to`: Added is what `to` has and `from` has not. */
export async function runCompare(
  from: CompareSide,
  to: CompareSide,
  kind: StateKind,
  onProgress: (p: CompareProgress) => void,
  signal: AbortSignal,
): Promise<CompareOutcome> {
  const before = await sideState(from, kind, onProgress, signal);
  const after = await sideState(to, kind, onProgress, signal);
  signal.throwIfAborted();
  onProgress({ text: `Comparing ${n(before.size)} and ${n(after.size)} topics…`, done: 1, total: 1 });
  await nextTask();
  signal.throwIfAborted();
  return { diff: diffStates(before, after), fromTopics: before.size, toTopics: after.size };
}

/** The recording's chunks in order, CHUNKS_PER_READ per short transaction. */
async function* chunkBatches(db: RecordingsDb, id: string): AsyncGenerator<StoredChunk[]> {
  let range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
  for (;;) {
    const chunks = await db.getAll('chunks', range, CHUNKS_PER_READ);
    if (!chunks.length) return;
    yield chunks;
    range = IDBKeyRange.bound([id, chunks[chunks.length - 1].seq], [id, Infinity], true, false);
  }
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
