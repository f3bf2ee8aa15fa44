import { queueOffered } from './publish-actions';
import { clearOutcome, usePublishStore } from '../../stores/publish-store';
import styles from './publish.module.css';

/**
 * What happened to the last publish: a `status` named "Publish result" for
 * progress and success, an `alert` for refusals and failures, and, while
 * disconnected with QoS 1/2, the choice to queue the message.
 */
export function OutcomeBar() {
  const outcome = usePublishStore((s) => s.outcome);
  const kind = outcome?.kind;
  const ok = kind === 'ok' || kind === 'sending';
  return (
    <div className={styles.outcome}>
      <div
        role="status"
        aria-label="Publish result"
        className={`${styles.result} ${kind === 'ok' ? styles.resultOk : styles.resultSending}`}
      >
        {ok && outcome && (
          <>
            {kind === 'sending' ? <span className={styles.spinner} aria-hidden="true" /> : <span aria-hidden="true">✓</span>}
            <span>{outcome.message}</span>
          </>
        )}
      </div>
      {outcome && !ok && (
        <div role="alert" className={`${styles.result} ${kind === 'offline' ? styles.resultOffline : styles.resultError}`}>
          <span>
            <span aria-hidden="true">{kind === 'offline' ? '⚠ ' : '✕ '}</span>
            {outcome.message}
            {kind === 'offline' && ' QoS 1 and 2 messages can wait until the connection is back.'}
          </span>
          {kind === 'offline' && (
            <span style={{ display: 'flex', gap: 6 }}>
              <button type="button" className="btn btn-sm" onClick={queueOffered}>
                Queue until connected
              </button>
              <button type="button" className="btn btn-sm btn-ghost" onClick={clearOutcome}>
                Dismiss
              </button>
            </span>
          )}
        </div>
      )}
    </div>
  );
}
