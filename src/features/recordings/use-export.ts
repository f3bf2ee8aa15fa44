import { useCallback, useRef, useState } from 'react';
import { formatCount } from '../../lib/format';
import type { RecordingMeta } from '../../lib/recordings-db';

export interface ExportState {
  /** The export under way: which recording, messages written of total. */
  running: { id: string; name: string; done: number; total: number } | null;
  /** What the last export ended with: a status or an error line. */
  message?: { text: string; error: boolean };
  start: (r: RecordingMeta) => void;
}

/**
 * Runs Export for one recording at a time (export-recording.ts, loaded with the first click) and
 * keeps its progress (updated per chunk exported, at most once per percent) and outcome.
 */
export function useExport(): ExportState {
  const [running, setRunning] = useState<ExportState['running']>(null);
  const [message, setMessage] = useState<ExportState['message']>();
  const busy = useRef(false);

  const start = useCallback((r: RecordingMeta) => {
    if (busy.current) return;
    busy.current = true;
    setMessage(undefined);
    setRunning({ id: r.id, name: r.name, done: 0, total: r.messages });
    void (async () => {
      try {
        const { exportRecording } = await import('./export-recording');
        let shown = -1;
        let exported = r.messages;
        const result = await exportRecording(r, {
          onProgress: (done, total) => {
            exported = total;
            const pct = total ? Math.floor((done / total) * 100) : 100;
            if (pct === shown) return;
            shown = pct;
            setRunning({ id: r.id, name: r.name, done, total });
          },
        });
        if (result === 'saved') setMessage({ text: `Exported “${r.name}” (${formatCount(exported)} messages).`, error: false });
      } catch (e) {
        setMessage({ text: `Could not export “${r.name}”: ${(e as Error)?.message || String(e)}`, error: true });
      } finally {
        busy.current = false;
        setRunning(null);
      }
    })();
  }, []);

  return { running, message, start };
}
