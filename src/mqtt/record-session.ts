/**
 * Starting a recording in the worker with IndexedDB behind it (loaded lazily by
 * record-control.ts): the size cap from the settings, the recording's Web Lock held while it
 * runs (so the Recordings view of any tab can tell it is alive, and a recording whose page went
 * away shows as interrupted), and the recorder writing through lib/recordings-db.ts.
 */
import {
  createRecording,
  finishRecording,
  newRecordingId,
  openRecordingsDb,
  readCapBytes,
  recordingLockName,
  writeChunk,
} from '../lib/recordings-db';
import { Recorder } from './recorder';
import type { RecorderEvent } from './recorder-protocol';

export interface StartRecording {
  name: string;
  brokerUrl: string;
  filters: string[];
  post: (ev: RecorderEvent) => void;
  onStopped: () => void;
}

/** Holds the named Web Lock until `release` is called (nothing where the browser has no Web Locks). */
function holdLock(name: string): Promise<() => void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return Promise.resolve(() => {});
  return new Promise((granted) => {
    void locks.request(name, () => new Promise<void>((release) => granted(release)));
  });
}

export async function startRecording(s: StartRecording): Promise<Recorder> {
  const db = await openRecordingsDb();
  const capBytes = await readCapBytes(db);
  const id = newRecordingId();
  // Held before the recording exists, so no list ever sees it without its lock.
  const release = await holdLock(recordingLockName(id));
  try {
    return await Recorder.start({
      id,
      name: s.name,
      brokerUrl: s.brokerUrl,
      filters: s.filters,
      capBytes,
      post: s.post,
      onStopped: () => {
        release();
        s.onStopped();
      },
      sink: {
        create: (meta) => createRecording(db, meta),
        write: async (chunk) => {
          await writeChunk(db, chunk);
        },
        finish: (rid, status, reason, end) => finishRecording(db, rid, status, reason, end),
      },
    });
  } catch (e) {
    release();
    throw e;
  }
}
