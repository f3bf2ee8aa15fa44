import { useEffect, useId, useRef, useState } from 'react';
import type { RetainedEntry } from '../../core/retained-file';
import { parseRetainedFile } from '../../core/retained-file-parse';
import { publishEntries } from '../../mqtt/retained-ops';
import { Modal } from '../../components/modal';
import { TopicList } from '../../components/topic-list';
import { BulkStatus, useBulk } from '../../components/bulk-progress';
import dialogStyles from '../../components/dialog.module.css';
import styles from './retained.module.css';

const n = (count: number) => `${count.toLocaleString()} retained message${count === 1 ? '' : 's'}`;

/** Import: checks the file first; a bad file publishes nothing, a good one asks before publishing. */
export function ImportButton({ onDone }: { onDone: (msg: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [entries, setEntries] = useState<RetainedEntry[] | null>(null);

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
        <ImportDialog
          entries={entries}
          onClose={(problem) => {
            setEntries(null);
            if (problem) setError(problem);
          }}
          onDone={(msg) => {
            setEntries(null);
            onDone(msg);
          }}
        />
      )}
    </span>
  );
}

/** Asks before publishing; publishes with a bounded window, with progress, "N done, M failed" and Retry failed. */
function ImportDialog({ entries, onDone, onClose }: { entries: RetainedEntry[]; onDone: (msg: string) => void; onClose: (problem?: string) => void }) {
  const bulk = useBulk(publishEntries);
  const succeeded = bulk.phase === 'finished' && bulk.failures.length === 0;
  useEffect(() => {
    if (succeeded) onDone(`Imported ${n(bulk.done)}.`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- report success once, when it happens (onDone is a new function every render)
  }, [succeeded]);
  const close = () => {
    if (bulk.phase === 'running') bulk.stop();
    else if (bulk.phase === 'finished')
      onClose(`${bulk.failures.length.toLocaleString()} of ${entries.length.toLocaleString()} could not be published: ${bulk.failures.slice(0, 20).map((f) => f.topic).join(', ')}${bulk.failures.length > 20 ? ', …' : ''}`);
    else onClose();
  };
  return (
    <Modal title={`Publish ${n(entries.length)}?`} onClose={close} size="sm">
      <div className={dialogStyles.body}>
        <p>Each of these topics gets the retained message from the file, replacing what the broker holds now.</p>
        <TopicList label="Topics to publish" topics={entries.map((e) => e.topic)} />
        <BulkStatus bulk={bulk} verb="Publishing" />
      </div>
      <div className={dialogStyles.actions}>
        <button type="button" className="btn" onClick={close} data-autofocus>
          {bulk.phase === 'running' ? 'Stop' : bulk.phase === 'finished' ? 'Done' : 'Cancel'}
        </button>
        {bulk.phase !== 'finished' && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void bulk.start(entries)}
            disabled={bulk.phase === 'running'}
            aria-busy={bulk.phase === 'running' || undefined}
          >
            Publish {n(entries.length)}
          </button>
        )}
      </div>
    </Modal>
  );
}
