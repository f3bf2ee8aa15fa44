/**
 * Open a stored recording in the Explorer (time travel, issue 12): read its chunks from
 * IndexedDB a batch at a time (progress in the time-travel store, so a big one shows how far it
 * got), keep them packed (core/recording-messages.ts), build the time index, and hand a
 * RecordingSource (core/recording-source.ts) and its player to the store; the Explorer route
 * shows it from there. Opening another recording (or closing) while one loads abandons the load.
 */
import { RecordingIndexBuilder } from '../../core/recording-index-builder';
import { PackedMessages } from '../../core/recording-messages';
import { RecordingPlayer } from '../../core/recording-player';
import { RecordingSource } from '../../core/recording-source';
import { RecordingFigures } from '../../core/recording-figures';
import { openRecordingsDb, type RecordingMeta, type RecordingsDb, type StoredChunk } from '../../lib/recordings-db';
import { usePrefsStore } from '../../stores/prefs-store';
import { timeTravelFailed, timeTravelLoading, timeTravelOpened, timeTravelProgress, useTimeTravelStore } from '../../stores/time-travel-store';

/** Chunks read per IndexedDB request (~1 s of messages each). */
const CHUNKS_PER_READ = 32;

let generation = 0;

/** Starts opening `meta`; resolves when it is open, failed or was replaced. */
export async function openRecording(meta: RecordingMeta): Promise<void> {
  const mine = ++generation;
  const current = () => mine === generation && useTimeTravelStore.getState().recordingId === meta.id && useTimeTravelStore.getState().phase === 'loading';
  timeTravelLoading(meta.id, meta.name, meta.messages);
  try {
    const db = await openRecordingsDb();
    const store = new PackedMessages();
    const builder = new RecordingIndexBuilder();
    for await (const chunks of chunkBatches(db, meta.id)) {
      if (!current()) return;
      for (const c of chunks) builder.add(store.add(c.data));
      timeTravelProgress(meta.id, store.length);
      await nextTask(); // let the progress paint
    }
    if (!current()) return;
    const index = builder.finish();
    const read = (i: number, topic: string) => {
      const { batch, offset } = index.locate(i);
      return store.message(batch, offset, topic);
    };
    const source = new RecordingSource(index, read, { start: meta.start, end: meta.end, historyLimit: usePrefsStore.getState().historyLimit });
    // Charts and traffic figures of the recording (read on first use, as of the slider's time).
    const figures = new RecordingFigures(index, read, () => store.sizes(), { start: source.start });
    timeTravelOpened(meta.id, source, new RecordingPlayer(source), figures);
  } catch (e) {
    if (current()) timeTravelFailed(meta.id, `Could not open “${meta.name}”: ${(e as Error)?.message || String(e)}`);
  }
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
