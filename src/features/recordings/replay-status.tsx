import { formatCount } from '../../lib/format';
import { stopReplay, useReplayStore } from './replay-recording';
import styles from './replay.module.css';

/** The replay under way (a `progressbar` "Replay progress" with Stop) or how the last one ended. */
export function ReplayStatus() {
  const { running, last } = useReplayStore();
  if (running) {
    const text = `Replaying “${running.name}” to ${running.brokerUrl}: ${formatCount(running.sent)} of ${formatCount(running.total)} messages sent`;
    return (
      <div className={styles.bar}>
        <progress max={Math.max(1, running.total)} value={running.sent} aria-label="Replay progress" aria-valuetext={text} />
        <span className={styles.count}>{text}</span>
        <button type="button" className="btn btn-sm" onClick={stopReplay} disabled={running.stopping} aria-busy={running.stopping || undefined}>
          {running.stopping ? 'Stopping…' : 'Stop'}
        </button>
      </div>
    );
  }
  if (!last) return null;
  return last.error ? (
    <p role="alert" className={styles.failed}>
      {last.text}
    </p>
  ) : (
    <p role="status" className={styles.done}>
      {last.text}
    </p>
  );
}
