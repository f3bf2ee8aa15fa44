import { lazy, Suspense } from 'react';
import { useRecorderStore } from '../stores/recorder-store';
import { useSessionStore } from '../stores/session-store';
import styles from './shell.module.css';

// The first load shows only the idle button; the rest loads on the first Record (issue 14's budget).
const RecorderLive = lazy(() => import('./recorder-live').then((m) => ({ default: m.RecorderLive })));

/** The header's Record button and Recorder status (UI contract "Recordings"). */
export function RecorderButton() {
  const idle = useRecorderStore((s) => s.state === 'idle');
  const connected = useSessionStore((s) => s.state === 'connected' || s.state === 'reconnecting');
  const idleButton = (
    <>
      <span role="status" aria-label="Recorder" className="sr-only" />
      <button type="button" className="btn" disabled={!connected} onClick={() => void import('../mqtt/recording-actions').then((m) => m.startRecording())}>
        <span className={styles.recDot} aria-hidden="true" />
        Record
      </button>
    </>
  );
  if (idle) return idleButton;
  return (
    <Suspense fallback={idleButton}>
      <RecorderLive />
    </Suspense>
  );
}
