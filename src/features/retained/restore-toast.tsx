import { useEffect, useMemo, useState } from 'react';
import type { Snapshot } from '../../stores/retained-snapshots';
import { restoreOp } from '../../mqtt/retained-ops';
import { BulkStatus, useBulk } from '../../components/bulk-progress';
import styles from './undo-toast.module.css';

const SHOW_MS = 20_000;

/** The toast of undo-toast.tsx, loaded with the first deletion (its restore code is not needed before). */
export function RestoreToast({ snapshot }: { snapshot: Snapshot }) {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one restore operation per snapshot id (setDeleting replaces the object)
  const op = useMemo(() => restoreOp(snapshot), [snapshot.id]);
  const bulk = useBulk(op);
  const [hidden, setHidden] = useState(false);
  const stay = bulk.phase === 'running' || bulk.failures.length > 0 || !!snapshot.deleting;
  useEffect(() => {
    if (stay) return;
    const t = setTimeout(() => setHidden(true), SHOW_MS);
    return () => clearTimeout(t);
  }, [stay]);
  // While the deletion runs its dialog shows the progress; Restore is offered once it is over.
  if (hidden || snapshot.deleting) return null;
  const restored = bulk.phase === 'finished' && bulk.failures.length === 0;
  return (
    <div className={styles.toast} role="status" aria-label="Last deletion">
      <div className={styles.text}>
        <span>{restored ? `Restored ${bulk.done.toLocaleString()} retained message${bulk.done === 1 ? '' : 's'}.` : snapshot.label}</span>
        <BulkStatus bulk={bulk} verb="Restoring" live={false} />
      </div>
      {bulk.phase === 'idle' && !snapshot.restoredAt && (
        <button type="button" className="btn btn-sm" disabled={snapshot.restoring} onClick={() => void bulk.start(snapshot.entries)}>
          Restore
        </button>
      )}
      {bulk.phase === 'running' && (
        <button type="button" className="btn btn-sm" onClick={bulk.stop}>
          Stop
        </button>
      )}
      <button type="button" className="btn btn-sm btn-ghost" aria-label="Dismiss" onClick={() => setHidden(true)}>
        ✕
      </button>
    </div>
  );
}
