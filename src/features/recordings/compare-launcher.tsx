import { lazy, Suspense } from 'react';
import type { RecordingMeta } from '../../lib/recordings-db';

/** The Compare dialog and the diff code behind it load with the first Compare. */
const CompareDialog = lazy(() => import('./compare-dialog').then((m) => ({ default: m.CompareDialog })));

export function CompareLauncher(props: { recording: RecordingMeta; recordings: readonly RecordingMeta[]; onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <CompareDialog {...props} />
    </Suspense>
  );
}
