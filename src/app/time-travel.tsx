/**
 * Where time travel (issue 12) meets the shell: the Explorer route shows an open recording
 * (features/time-travel, loaded only once a recording is opened), the header says a recording is
 * open, and the views that are not recording-aware say they are live only. All three read the
 * small time-travel store; none of the time-travel code is on the first load.
 */
import { lazy, Suspense } from 'react';
import { ExplorerView } from '../features/explorer/explorer-view';
import { useTimeTravelStore } from '../stores/time-travel-store';

const TimeTravelExplorer = lazy(() => import('../features/time-travel/time-travel-explorer'));
const RecordingStatus = lazy(() => import('../features/time-travel/recording-status').then((m) => ({ default: m.RecordingStatus })));
const LiveOnlyNote = lazy(() => import('../features/time-travel/recording-status').then((m) => ({ default: m.LiveOnlyNote })));
const RecordingViewBar = lazy(() => import('../features/time-travel/recording-view-bar').then((m) => ({ default: m.RecordingViewBar })));

const useOpen = () => useTimeTravelStore((s) => s.phase !== 'closed');

/** The Explorer: the live broker, or the open recording with its time bar. */
export function ExplorerRoute() {
  if (!useOpen()) return <ExplorerView />;
  return (
    <Suspense fallback={<p className="empty-state">Opening the recording…</p>}>
      <TimeTravelExplorer explorer={<ExplorerView />} />
    </Suspense>
  );
}

/** In the header while a recording is open: "Recording “name” · at 14:03:07" and Close recording. */
export function TimeTravelHeader() {
  if (!useOpen()) return null;
  return (
    <Suspense fallback={null}>
      <RecordingStatus />
    </Suspense>
  );
}

/**
 * Above the other views while a recording is open (the Explorer shows it; Recordings lists it):
 * Charts and Traffic show the recording too, under the time bar; the rest say they are live only.
 */
export function TimeTravelNote({ view }: { view: string }) {
  const open = useOpen();
  if (!open || view === 'explorer' || view === 'recordings' || view === '') return null;
  return (
    <Suspense fallback={null}>{view === 'charts' || view === 'traffic' ? <RecordingViewBar view={view} /> : <LiveOnlyNote />}</Suspense>
  );
}
