import { useCallback, useEffect, useState } from 'react';
import { heldLocks, listRecordings, openRecordingsDb, type RecordingMeta } from '../../lib/recordings-db';
import { useRecorderStore } from '../../stores/recorder-store';

export interface RecordingsList {
  /** null while the first read is under way. */
  recordings: RecordingMeta[] | null;
  /** Why the list could not be read (IndexedDB unavailable, …). */
  error?: string;
  reload: () => void;
}

/**
 * The stored recordings, read from IndexedDB when the view opens, when a recording starts or
 * stops, and after a change made here (reload). A recording left `recording` by a page that went
 * away is shown (and stored) as interrupted (recordings-db.ts).
 */
export function useRecordings(): RecordingsList {
  const [recordings, setRecordings] = useState<RecordingMeta[] | null>(null);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const recorderKey = useRecorderStore((s) => `${s.state}:${s.recordingId ?? ''}`);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let live = true;
    (async () => {
      const db = await openRecordingsDb();
      return listRecordings(db, await heldLocks());
    })().then(
      (list) => {
        if (!live) return;
        setRecordings(list);
        setError(undefined);
      },
      (e: unknown) => {
        if (!live) return;
        setRecordings([]);
        setError(`Could not read the recordings (${(e as Error)?.message || String(e)}). This browser may not allow IndexedDB here (private browsing?).`);
      },
    );
    return () => {
      live = false;
    };
  }, [generation, recorderKey]);

  return { recordings, error, reload };
}
