import { useEffect, useState } from 'react';
import { useSnapshotsStore } from '../stores/retained-snapshots';
import { restoreSnapshot } from '../mqtt/retained-ops';
import styles from './undo-toast.module.css';

const SHOW_MS = 20_000;

/** After a deletion: what was deleted, with a one-click Restore, for a while. */
export function UndoToast() {
  const latest = useSnapshotsStore((s) => s.snapshots[0]);
  const [hidden, setHidden] = useState<number | null>(null);
  const [result, setResult] = useState<string | null>(null);
  useEffect(() => {
    if (!latest) return;
    setResult(null);
    const t = setTimeout(() => setHidden(latest.id), SHOW_MS);
    return () => clearTimeout(t);
  }, [latest]);
  if (!latest || hidden === latest.id) return null;
  return (
    <div className={styles.toast} role="status" aria-label="Last deletion">
      <span>{result ?? latest.label}</span>
      {!latest.restoredAt && (
        <button
          type="button"
          className="btn btn-sm"
          onClick={async () => {
            const r = await restoreSnapshot(latest);
            setResult(r.failures.length ? `Restore failed for ${r.failures.length} topics.` : `Restored ${r.done} retained message${r.done === 1 ? '' : 's'}.`);
          }}
        >
          Restore
        </button>
      )}
      <button type="button" className="btn btn-sm btn-ghost" aria-label="Dismiss" onClick={() => setHidden(latest.id)}>
        ✕
      </button>
    </div>
  );
}
