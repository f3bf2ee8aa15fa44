import { useEffect, useRef, useState } from 'react';
import { isPartial, type RetainedEntry } from '../core/retained-file';
import type { BulkOp, FullPayloads, Refusal } from '../core/bulk-op';
import { BulkStatus, useBulk } from './bulk-progress';
import { Modal } from './modal';
import { TopicList } from './topic-list';
import styles from './dialog.module.css';

/**
 * What the dialog does, handed in by the feature that opens it (mqtt/retained-ops with the
 * snapshots store): the dialog itself does no I/O. `S` is the snapshot Restore uses.
 */
export interface DeleteRetainedActions<S> {
  /** The same entries with every payload whole (those kept only in part read back from the broker), or why not. */
  withFullPayloads(entries: RetainedEntry[]): Promise<FullPayloads>;
  /** Says why nothing was done, for people. */
  refusalMessage(action: string, refused: Refusal[], entries: RetainedEntry[]): string;
  /** Takes the snapshot Restore uses, marked as deleting while the deletion runs. */
  snapshotForDeletion(entries: RetainedEntry[], label: string): S;
  /** The deletion (all, or the failed ones again), for the snapshot taken by then. */
  deleteOp(snapshot: () => S | null): BulkOp;
}

interface Props<S> {
  actions: DeleteRetainedActions<S>;
  entries: RetainedEntry[];
  /** Where they come from, for the snapshot's label, e.g. "under home/" or "selected". */
  scope: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

const n = (count: number) => `${count.toLocaleString()} retained message${count === 1 ? '' : 's'}`;

/**
 * Lists exactly which retained messages will be deleted; the button names the count.
 * Takes the snapshot first, with every byte (payloads the app kept only in part are read back
 * from the broker; if that fails nothing is deleted), then deletes with a bounded window,
 * showing progress, and on failures "N done, M failed" with Retry failed.
 */
export function DeleteRetainedDialog<S>({ actions, entries, scope, onDone, onCancel }: Props<S>) {
  const { withFullPayloads, refusalMessage, snapshotForDeletion, deleteOp } = actions;
  const snapshot = useRef<S | null>(null);
  // One operation for the dialog's life (Retry failed reuses it), made from the actions it opened with.
  const [op] = useState(() => deleteOp(() => snapshot.current));
  const bulk = useBulk(op);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const partial = entries.filter(isPartial).length;

  const succeeded = bulk.phase === 'finished' && bulk.failures.length === 0;
  useEffect(() => {
    if (succeeded) onDone(`Deleted ${n(bulk.done)}.`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- report success once, when it happens (onDone is a new function every render)
  }, [succeeded]);

  const confirm = async () => {
    setError(null);
    let whole = entries;
    if (partial) {
      setReading(true);
      const r = await withFullPayloads(entries);
      setReading(false);
      if (!r.ok) {
        setError(refusalMessage('deleted', r.refused, entries));
        return;
      }
      whole = r.entries;
    }
    snapshot.current = snapshotForDeletion(whole, `Deleted ${n(entries.length)} ${scope}`);
    await bulk.start(whole);
  };

  const close = () => {
    if (bulk.phase === 'running') bulk.stop();
    else if (bulk.phase === 'finished') onDone(`Deleted ${n(bulk.done)} of ${entries.length.toLocaleString()}; ${bulk.failures.length.toLocaleString()} failed (Restore puts back what was deleted).`);
    else onCancel();
  };

  const closeLabel = bulk.phase === 'running' ? 'Stop' : bulk.phase === 'finished' ? 'Done' : 'Cancel';
  return (
    <Modal title={`Delete ${n(entries.length)}?`} onClose={close} size="sm">
      <div className={styles.body}>
        <p>
          An empty retained message will be published to each of these topics, so the broker forgets them. Devices
          that read their configuration from them will no longer get it. A copy is kept for this session: Restore puts
          them back exactly.
        </p>
        <TopicList label="Topics to delete" topics={entries.map((e) => e.topic)} />
        {reading && (
          <p className="field-hint" role="status">
            Reading the full payload of {partial === 1 ? 'one large message' : `${partial} large messages`} back from the broker…
          </p>
        )}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <BulkStatus bulk={bulk} verb="Deleting" />
      </div>
      <div className={styles.actions}>
        <button type="button" className="btn" onClick={close} data-autofocus>
          {closeLabel}
        </button>
        {bulk.phase !== 'finished' && (
          <button
            type="button"
            className="btn btn-danger-solid"
            onClick={() => void confirm()}
            disabled={reading || bulk.phase === 'running' || entries.length === 0}
            aria-busy={reading || bulk.phase === 'running' || undefined}
          >
            Delete {n(entries.length)}
          </button>
        )}
      </div>
    </Modal>
  );
}
