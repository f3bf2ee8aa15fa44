import { useId, useRef, useState } from 'react';
import { parseRetainedFile, type RetainedEntry } from '../../core/retained-file';
import { publishRetained } from '../../mqtt/retained-ops';
import { Dialog } from '../../components/dialog';
import styles from './retained.module.css';

const n = (count: number) => `${count} retained message${count === 1 ? '' : 's'}`;

/** Import: checks the file first; a bad file publishes nothing, a good one asks before publishing. */
export function ImportButton({ onDone }: { onDone: (msg: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [entries, setEntries] = useState<RetainedEntry[] | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const parsed = parseRetainedFile(await file.text());
    if (input.current) input.current.value = '';
    if (!parsed.ok) setError(`${file.name}: ${parsed.error} Nothing was published.`);
    else if (parsed.entries.length === 0) setError(`${file.name} holds no messages. Nothing was published.`);
    else setEntries(parsed.entries);
  };

  return (
    <span className={styles.importWrap}>
      <button type="button" className="btn" onClick={() => input.current?.click()} aria-describedby={error ? errorId : undefined}>
        Import
      </button>
      <input ref={input} type="file" accept="application/json,.json" hidden aria-label="Import file" onChange={(e) => void onFile(e.target.files?.[0])} />
      {error && (
        <span role="alert" id={errorId} className={styles.importError}>
          {error}
        </span>
      )}
      {entries && (
        <Dialog
          title={`Publish ${n(entries.length)}?`}
          confirmLabel={`Publish ${n(entries.length)}`}
          busy={busy}
          onCancel={() => setEntries(null)}
          onConfirm={async () => {
            setBusy(true);
            const r = await publishRetained(entries);
            setBusy(false);
            setEntries(null);
            if (r.failures.length) setError(`${r.failures.length} of ${entries.length} could not be published: ${r.failures.map((f) => f.topic).join(', ')}`);
            else onDone(`Imported ${n(r.done)}.`);
          }}
        >
          <p>Each of these topics gets the retained message from the file, replacing what the broker holds now.</p>
          <ul className="topic-list" aria-label="Topics to publish">
            {entries.map((e) => (
              <li key={e.topic}>{e.topic}</li>
            ))}
          </ul>
        </Dialog>
      )}
    </span>
  );
}
