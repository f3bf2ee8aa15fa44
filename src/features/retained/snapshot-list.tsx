import { useState } from 'react';
import { useSnapshotsStore } from '../../stores/retained-snapshots';
import { restoreSnapshot } from '../../mqtt/retained-ops';
import { toRetainedFile } from '../../core/retained-file';
import { saveTextFile } from './save-file';
import styles from './retained.module.css';

/** Every deletion of this session, each restorable in one click and exportable. */
export function SnapshotList() {
  const snapshots = useSnapshotsStore((s) => s.snapshots);
  const [errors, setErrors] = useState<Record<number, string>>({});
  if (snapshots.length === 0) return null;
  return (
    <section className={styles.snapshots} aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">Deleted this session</h2>
      <ul aria-label="Deleted this session">
        {snapshots.map((s) => (
          <li key={s.id}>
            <span className="tabular">{new Date(s.createdAt).toLocaleTimeString(undefined, { hour12: false })}</span>
            <span className={styles.snapLabel}>{s.label}</span>
            {s.restoredAt ? (
              <span className={styles.restored}>✓ restored</span>
            ) : (
              <button
                type="button"
                className="btn btn-sm"
                onClick={async () => {
                  const r = await restoreSnapshot(s);
                  if (r.failures.length) setErrors((e) => ({ ...e, [s.id]: `${r.failures.length} failed: ${r.failures.map((f) => f.topic).join(', ')}` }));
                }}
              >
                Restore
              </button>
            )}
            <button type="button" className="btn btn-sm" onClick={() => saveTextFile(toRetainedFile(s.entries), `deleted-retained-${s.id}.json`)}>
              Export snapshot
            </button>
            {errors[s.id] && (
              <span role="alert" className="field-error">
                {errors[s.id]}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
