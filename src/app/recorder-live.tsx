import { useRecorderStore, type RecorderState } from '../stores/recorder-store';
import { useSessionStore } from '../stores/session-store';
import { startRecording, stopRecording } from '../mqtt/recording-actions';
import { formatSize, plural } from '../lib/format';
import styles from './recorder-live.module.css';

/** The Recorder status text (UI contract): "recording · N messages · X MB" while recording. */
export function recorderText(s: RecorderState): string {
  const figures = `${plural(s.messages, 'message')} · ${formatSize(s.bytes)}`;
  switch (s.state) {
    case 'idle':
      return '';
    case 'starting':
      return 'starting to record…';
    case 'recording':
      return `recording · ${figures}`;
    case 'stopping':
      return `stopping · ${figures}`;
    case 'stopped':
      if (!s.recordingId) return s.reason ?? '';
      return s.reason ? `stopped · ${figures}: ${s.reason}` : `recorded · ${figures}`;
  }
}

/**
 * The header's Record / Stop recording and the Recorder status once this page recorded (updated
 * by the worker's reports, a few times a second at most; recorder-button.tsx shows the idle
 * button until then). Records the connection's subscriptions; see src/mqtt/recorder.ts.
 */
export function RecorderLive() {
  const s = useRecorderStore();
  const connected = useSessionStore((st) => st.state === 'connected' || st.state === 'reconnecting');
  const busy = s.state === 'starting' || s.state === 'stopping';
  const on = s.state === 'recording' || s.state === 'stopping';
  const text = recorderText(s);
  const tone = on ? styles.live : s.state === 'stopped' && s.reason ? styles.stoppedWithReason : styles.done;
  return (
    <div className={styles.recorder}>
      <span role="status" aria-label="Recorder" className={`${styles.status} ${tone}`} title={text}>
        {text}
      </span>
      <button
        type="button"
        className="btn"
        disabled={busy || (!on && !connected)}
        title={!on && !connected ? 'Connect to a broker to record' : undefined}
        onClick={() => void (on ? stopRecording() : startRecording())}
      >
        <span className={on ? styles.square : styles.dot} aria-hidden="true" />
        {on ? 'Stop recording' : 'Record'}
      </button>
    </div>
  );
}
