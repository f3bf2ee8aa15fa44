/**
 * Export (issue 12): a stored recording as a `switchyard-recording` file (docs/recording-format.md),
 * streamed, never held whole. Loaded with the first Export click.
 *
 *   IndexedDB chunks, one at a time (iterateChunks) → unpackChunk → recordingByteStream (~256 KiB
 *   pieces, pulled) → the file
 *
 * Where the file goes:
 * - `showSaveFilePicker` (Chromium desktop): the user picks the file and the stream is piped into
 *   its writable, so pieces go to disk as they are made; a failure aborts the writable and no
 *   half file is left.
 * - otherwise: a download built from a Blob of per-piece Blobs. Each piece leaves the JS heap as
 *   soon as it is wrapped (Chromium's blob storage keeps big blobs on disk, not in the page), but
 *   the browser does hold the whole file until the download is written.
 *
 * The header carries the message count (so Import notices a file cut between two lines). The
 * count and the chunks exported are a snapshot taken when Export starts: a recording still being
 * written exports what was stored by then.
 */
import { unpackChunk } from '../../core/recording-chunk';
import { recordingByteStream, type RecordedMessage, type RecordingHeaderFields } from '../../core/recording-format';
import { iterateChunks, openRecordingsDb, type RecordingMeta, type StoredChunk } from '../../lib/recordings-db';

/** `<name>.switchyard.jsonl`, with what file systems refuse (`/ \ : * ? " < > |`, control characters) replaced by `_`. */
export function exportFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').trim().replace(/^\.+/, '');
  return `${safe.slice(0, 180) || 'recording'}.switchyard.jsonl`;
}

/** The header line's fields for a stored recording. */
export function exportHeader(meta: RecordingMeta): RecordingHeaderFields {
  return {
    name: meta.name,
    broker: meta.brokerUrl || undefined,
    start: meta.start,
    end: meta.end,
    messages: meta.messages,
    filters: meta.filter,
    app: 'Switchyard',
  };
}

/**
 * The messages of `chunks` (in order), one chunk's batch at a time, stopping after `messages`
 * (the count when the export started; chunks written later are not read). Throws when the chunks
 * hold a different number (the recording was deleted or changed meanwhile).
 */
export async function* recordingBatches(
  chunks: AsyncIterable<StoredChunk>,
  messages: number,
  onProgress?: (done: number) => void,
): AsyncGenerator<RecordedMessage[], void, undefined> {
  let done = 0;
  if (messages > 0) {
    for await (const chunk of chunks) {
      const batch = unpackChunk(chunk.data);
      done += batch.length;
      if (done > messages) break;
      yield batch;
      onProgress?.(done);
      if (done === messages) break;
    }
  }
  if (done !== messages) {
    throw new Error(`the recording changed while it was exported (${done.toLocaleString('en-US')} messages found, ${messages.toLocaleString('en-US')} expected)`);
  }
}

/** The parts of the File System Access API used here (not in TypeScript's DOM library yet). */
interface SaveFilePicker {
  (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }): Promise<{
    createWritable(): Promise<WritableStream<Uint8Array>>;
  }>;
}

export interface ExportOptions {
  /** Messages written so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
}

/** `saved` (to a file the user picked, or handed to the browser as a download) or `cancelled` (the picker was closed). */
export type ExportResult = 'saved' | 'cancelled';

/** Exports one recording (see the file header). Call it from the click: the save picker needs the user's gesture. */
export async function exportRecording(meta: RecordingMeta, options: ExportOptions = {}): Promise<ExportResult> {
  const fileName = exportFileName(meta.name);
  const picker = (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  let writable: WritableStream<Uint8Array> | undefined;
  if (typeof picker === 'function') {
    try {
      const handle = await picker({
        suggestedName: fileName,
        types: [{ description: 'Switchyard recording (JSON Lines)', accept: { 'application/jsonl': ['.jsonl'] } }],
      });
      writable = await handle.createWritable();
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') return 'cancelled';
      // No gesture left (SecurityError) or no picker here after all: fall back to a download.
      if ((e as Error)?.name !== 'SecurityError' && (e as Error)?.name !== 'NotAllowedError') throw e;
    }
  }
  const db = await openRecordingsDb();
  const fresh = await db.get('recordings', meta.id);
  if (!fresh || fresh.importing) {
    await writable?.abort().catch(() => {});
    throw new Error('the recording is gone (deleted meanwhile?)');
  }
  const total = fresh.messages;
  const stream = recordingByteStream(
    exportHeader(fresh),
    recordingBatches(iterateChunks(db, fresh.id), total, (done) => options.onProgress?.(done, total)),
  );
  if (writable) {
    await stream.pipeTo(writable);
    return 'saved';
  }
  const parts: Blob[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(new Blob([value as Uint8Array<ArrayBuffer>]));
  }
  download(new Blob(parts, { type: 'application/jsonl' }), fileName);
  return 'saved';
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference once it starts; the URL only needs to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
