import { lazy, Suspense } from 'react';
import { useRecorderStore } from '../stores/recorder-store';
import { useSessionStore } from '../stores/session-store';
import styles from './recorder-button.module.css';

// The first load shows only the idle button; the rest loads on the first Record (issue 14's budget).
const RecorderLive = lazy(() => import('./recorder-live').then((m) => ({ default: m.RecorderLive })));

/** The header's Record button and Recorder status (UI contract "Recordings"). */
export function RecorderButton() {
  const idle = useRecorderStore((s) => s.state === 'idle');
  const connected = useSessionStore((s) => s.state === 'connected' || s.state === 'reconnecting');
  const idleButton = (
    <div className={styles.recorder}>
      <span role="status" aria-label="Recorder" className={styles.status} />
      <button
        type="button"
        className="btn"
        disabled={!connected}
        title={connected ? undefined : 'Connect to a broker to record'}
        onClick={() => void import('../mqtt/recording-actions').then((m) => m.startRecording())}
      >
        <span className={styles.dot} aria-hidden="true" />
        Record
      </button>
    </div>
  );
  if (idle) return idleButton;
  return (
    <Suspense fallback={idleButton}>
      <RecorderLive />
    </Suspense>
  );
}
