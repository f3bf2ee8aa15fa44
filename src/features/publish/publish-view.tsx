import { useId } from 'react';
import { useSessionStore } from '../../stores/session-store';
import { PublishForm } from './publish-form';
import { PublishSide } from './publish-side';
import styles from './publish.module.css';

/** One line on what sending means right now (connected, MQTT version, or what happens offline). */
function ConnectionLine() {
  const state = useSessionStore((s) => s.state);
  const version = useSessionStore((s) => s.protocolVersion);
  const url = useSessionStore((s) => s.nodeUrl ?? s.brokerUrl);
  if (state === 'connected') {
    return (
      <span className={styles.conn}>
        to <span className="mono">{url}</span> · {version === 4 ? 'MQTT 3.1.1 (no properties)' : 'MQTT 5'}
      </span>
    );
  }
  return (
    <span className={`${styles.conn} ${styles.connWarn}`}>
      <span aria-hidden="true">⚠ </span>Not connected: QoS 0 cannot be sent; QoS 1 and 2 can be queued.
    </span>
  );
}

/** The Publish view: the form (a region named "Publish") and the history / templates panel. */
export function PublishView() {
  const headingId = useId();
  return (
    <div className={styles.view}>
      <section className={styles.main} aria-labelledby={headingId}>
        <div className={styles.form} style={{ marginBottom: 'var(--space-4)' }}>
          <div className={styles.head}>
            <h2 id={headingId}>Publish</h2>
            <ConnectionLine />
          </div>
        </div>
        <PublishForm />
      </section>
      <PublishSide />
    </div>
  );
}
