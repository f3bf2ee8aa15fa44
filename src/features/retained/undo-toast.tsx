import { lazy, Suspense } from 'react';
import { useSnapshotsStore } from '../../stores/retained-snapshots';

// The toast and its restore code load with the first deletion (docs/performance.md, "First load").
const RestoreToast = lazy(() => import('./restore-toast').then((m) => ({ default: m.RestoreToast })));

/** After a deletion: what was deleted, with a one-click Restore, for a while (longer while restoring or on failures). */
export function UndoToast() {
  const latest = useSnapshotsStore((s) => s.snapshots[0]);
  if (!latest) return null;
  return (
    <Suspense fallback={null}>
      <RestoreToast key={latest.id} snapshot={latest} />
    </Suspense>
  );
}
