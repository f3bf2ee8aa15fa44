import { useMemo } from 'react';
import { useSnapshotsStore, type Snapshot } from '../../stores/retained-snapshots';
import { restoreOp } from '../../mqtt/retained-ops';
import { toRetainedFile } from '../../core/retained-file';
import { BulkStatus, useBulk } from '../../components/bulk-progress';
import { formatClock } from '../../lib/format';
import { saveTextFile } from './save-file';
import styles from './retained.module.css';

/** Every deletion of this session, each restorable in one click (with progress) and exportable. */
export function SnapshotList() {
  const snapshots = useSnapshotsStore((s) => s.snapshots);
  if (snapshots.length === 0) return null;
  return (
    <section className={styles.snapshots} aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">Deleted this session</h2>
      <ul aria-label="Deleted this session">
        {snapshots.map((s) => (
          <SnapshotRow key={s.id} snapshot={s} />
        ))}
      </ul>
    </section>
  );
}

function SnapshotRow({ snapshot: s }: { snapshot: Snapshot }) {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one restore operation per snapshot id (setDeleting replaces the object)
  const op = useMemo(() => restoreOp(s), [s.id]);
  const bulk = useBulk(op);
  return (
    <li>
      <span className="tabular">{formatClock(s.createdAt)}</span>
      <span className={styles.snapLabel}>{s.label}</span>
      {s.restoredAt ? (
        <span className={styles.restored}>✓ restored</span>
      ) : bulk.phase === 'running' ? (
        <button type="button" className="btn btn-sm" onClick={bulk.stop}>
          Stop
        </button>
      ) : (
        bulk.phase === 'idle' && (
          <button type="button" className="btn btn-sm" disabled={s.restoring || s.deleting} onClick={() => void bulk.start(s.entries)}>
            Restore
          </button>
        )
      )}
      <button type="button" className="btn btn-sm" onClick={() => saveTextFile(toRetainedFile(s.entries), `deleted-retained-${s.id}.json`)}>
        Export snapshot
      </button>
      {bulk.phase !== 'idle' && (
        <div className={styles.snapProgress}>
          <BulkStatus bulk={bulk} verb="Restoring" />
        </div>
      )}
    </li>
  );
}
