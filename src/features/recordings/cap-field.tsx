import { useEffect, useState } from 'react';
import { Field } from '../../components/field';
import { openRecordingsDb, readCapBytes, writeCapBytes } from '../../lib/recordings-db';
import { parseCapMb } from './format';
import styles from './recordings.module.css';

/**
 * "Size cap (MB)": the most a recording may hold; reaching it stops the recording with a reason.
 * Stored with the recordings (IndexedDB settings); read when a recording starts. Saved as soon as
 * it is valid; otherwise the reason is shown next to it.
 */
export function CapField() {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    openRecordingsDb()
      .then(readCapBytes)
      .then(
        (bytes) => live && setText(String(Math.round((bytes / 1024 / 1024) * 10) / 10)),
        () => live && setText('200'),
      );
    return () => {
      live = false;
    };
  }, []);

  const change = (value: string) => {
    setText(value);
    setSaved(false);
    const parsed = parseCapMb(value);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(undefined);
    openRecordingsDb()
      .then((db) => writeCapBytes(db, parsed.bytes))
      .then(
        () => setSaved(true),
        (e: unknown) => setError(`Could not save the size cap: ${(e as Error)?.message || String(e)}`),
      );
  };

  return (
    <div className={styles.cap}>
      <Field label="Size cap (MB)" error={error} hint="For the next recording or import">
        {(a) => (
          <input {...a} className="input" type="number" inputMode="decimal" min={0.1} max={100000} step={0.1} value={text ?? ''} disabled={text === null} onChange={(e) => change(e.target.value)} />
        )}
      </Field>
      {saved && !error && <span className={styles.capSaved}>Saved</span>}
    </div>
  );
}
