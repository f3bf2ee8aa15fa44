import { useState } from 'react';
import type { RetainedEntry } from '../core/retained-file';
import { deleteRetained } from '../mqtt/retained-ops';
import { Dialog } from './dialog';

interface Props {
  entries: RetainedEntry[];
  /** Where they come from, for the snapshot's label, e.g. "under home/" or "selected". */
  scope: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

const n = (count: number) => `${count} retained message${count === 1 ? '' : 's'}`;

/** Lists exactly which retained messages will be deleted; the button names the count. */
export function DeleteRetainedDialog({ entries, scope, onDone, onCancel }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    const r = await deleteRetained(entries, `Deleted ${n(entries.length)} ${scope}`);
    setBusy(false);
    if (r.failures.length) {
      setError(`${r.failures.length} could not be deleted: ${r.failures.map((f) => `${f.topic} (${f.error})`).join(', ')}`);
      return;
    }
    onDone(`Deleted ${n(r.done)}.`);
  };
  return (
    <Dialog
      title={`Delete ${n(entries.length)}?`}
      confirmLabel={`Delete ${n(entries.length)}`}
      onConfirm={confirm}
      onCancel={onCancel}
      danger
      busy={busy}
      confirmDisabled={entries.length === 0}
    >
      <p>
        An empty retained message will be published to each of these topics, so the broker forgets them. Devices
        that read their configuration from them will no longer get it. A copy is kept for this session: Restore puts
        them back exactly.
      </p>
      <ul className="topic-list" aria-label="Topics to delete">
        {entries.map((e) => (
          <li key={e.topic}>{e.topic}</li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
