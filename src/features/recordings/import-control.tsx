import { useId, useRef, useState } from 'react';
import { formatCount } from '../../lib/format';
import type { RecordingMeta } from '../../lib/recordings-db';
import type { ImportProgress } from './import-recording';
import styles from './recordings-files.module.css';

interface Props {
  /** Told after a recording was imported (the list reloads). */
  onImported: (r: RecordingMeta) => void;
}

/** 0–100: the check pass is the first half, storing the second. */
function percent(p: ImportProgress): number {
  const read = p.fileBytes > 0 ? p.bytesRead / p.fileBytes : 1;
  if (p.phase === 'check') return Math.min(50, Math.floor(read * 50));
  const stored = p.messages > 0 ? p.stored / p.messages : read;
  return 50 + Math.min(50, Math.floor(stored * 50));
}

/**
 * The button "Import recording": picks a `.jsonl` file and imports it (import-recording.ts, loaded
 * with the first use). A refused file shows its first bad line next to the button (an alert the
 * button is described by); nothing is stored then. A progress bar follows both passes.
 */
export function ImportControl({ onImported }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ value: number; text: string } | null>(null);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const errorId = useId();
  const busy = progress !== null;

  const run = async (file: File) => {
    setError(undefined);
    setDone(undefined);
    setProgress({ value: 0, text: 'Checking the file' });
    try {
      const { importRecording } = await import('./import-recording');
      let last = -1;
      const r = await importRecording(file, file.name, {
        onProgress: (p) => {
          const value = percent(p);
          if (value === last) return; // a state update per percent, not per chunk
          last = value;
          setProgress({ value, text: p.phase === 'check' ? 'Checking the file' : `Storing ${formatCount(p.stored)} of ${formatCount(p.messages)} messages` });
        },
      });
      if (r.ok) {
        setDone(`Imported “${r.recording.name}”: ${formatCount(r.recording.messages)} messages.`);
        onImported(r.recording);
      } else {
        setError(`${file.name} was not imported: ${r.error}`);
      }
    } catch (e) {
      setError(`${file.name} was not imported: ${(e as Error)?.message || String(e)}`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className={styles.import}>
      <button
        type="button"
        className="btn"
        disabled={busy}
        aria-busy={busy || undefined}
        aria-describedby={error ? errorId : undefined}
        onClick={() => input.current?.click()}
      >
        {busy && <span className={styles.spinner} aria-hidden="true" />}
        Import recording
      </button>
      <input
        ref={input}
        type="file"
        accept=".jsonl,application/jsonl,application/x-ndjson"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file may be picked again
          if (file) void run(file);
        }}
      />
      {progress && (
        <div className={styles.progress}>
          <progress max={100} value={progress.value} aria-label="Import progress" aria-valuetext={`${progress.text}: ${progress.value} %`} />
          <span className={styles.progressText}>{progress.text}…</span>
        </div>
      )}
      {error && (
        <p id={errorId} role="alert" className={styles.error}>
          {error}
        </p>
      )}
      {done && !error && (
        <p role="status" className={styles.done}>
          {done}
        </p>
      )}
    </div>
  );
}
