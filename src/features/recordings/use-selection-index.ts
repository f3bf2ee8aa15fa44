import { useEffect, useState } from 'react';
import { iterateChunks, openRecordingsDb } from '../../lib/recordings-db';
import { SelectionIndex } from '../../core/replay-selection';

/**
 * The recording's times, topics and retain flags (core/replay-selection.ts), read chunk by chunk
 * without keeping payloads, for the Replay dialog's counts: null while reading, an Error if it
 * could not be read.
 */
export function useSelectionIndex(id: string): SelectionIndex | null | Error {
  const [index, setIndex] = useState<SelectionIndex | null | Error>(null);
  useEffect(() => {
    let cancelled = false;
    setIndex(null);
    void (async () => {
      const db = await openRecordingsDb();
      const built = new SelectionIndex();
      for await (const c of iterateChunks(db, id)) {
        if (cancelled) return;
        built.add(c.data);
      }
      if (!cancelled) setIndex(built);
    })().catch((e: unknown) => !cancelled && setIndex(e instanceof Error ? e : new Error(String(e))));
    return () => {
      cancelled = true;
    };
  }, [id]);
  return index;
}
