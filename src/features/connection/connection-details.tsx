import { useId } from 'react';
import { useSessionStore } from '../../stores/session-store';
import { capabilityRows } from '../../mqtt/capabilities';
import { useProfilesStore, activeProfile } from '../../stores/profiles-store';
import styles from './connection-details.module.css';

/**
 * While connected: which node the app is on (**Connected to**), and what the broker said it
 * can do (**Broker capabilities**, from its MQTT 5 CONNACK and the QoS it granted).
 */
export function ConnectionDetails() {
  const id = useId();
  const s = useSessionStore();
  const keepalive = useProfilesStore((p) => activeProfile(p)?.keepalive);
  if (s.state !== 'connected') return null;
  const caps = s.capabilities;
  const rows = caps ? capabilityRows(caps, keepalive) : [];
  const granted = s.subscriptions.filter((r) => r.code < 128).map((r) => r.code);
  const maxGranted = granted.length ? Math.max(...granted) : undefined;
  return (
    <section aria-label="Connection details" className={styles.details}>
      <dl className={styles.list}>
        <div className={styles.pair}>
          <dt>Connected to</dt>
          <dd className={styles.mono}>{s.nodeUrl ?? s.brokerUrl}</dd>
        </div>
        <div className={styles.pair}>
          <dt>Protocol</dt>
          <dd>
            MQTT {s.protocolVersion === 4 ? '3.1.1' : '5'}
            {s.note ? ` (${s.note})` : ''}
          </dd>
        </div>
      </dl>
      <section aria-labelledby={`${id}-caps`} className={styles.caps}>
      <h3 id={`${id}-caps`} className={styles.heading}>
        Broker capabilities
      </h3>
      <dl className={styles.list}>
        {rows.map((r) => (
          <div key={r.term} className={styles.pair}>
            <dt>{r.term}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
        {maxGranted !== undefined && (
          <div className={styles.pair}>
            <dt>Granted QoS</dt>
            <dd>{maxGranted < 2 ? `at most ${maxGranted} (asked for 2)` : '2 (as asked)'}</dd>
          </div>
        )}
      </dl>
      {rows.length === 0 && (
        <p className={styles.hint}>An MQTT 3.1.1 connection: the broker does not announce its limits, only what it grants per subscription.</p>
      )}
      </section>
    </section>
  );
}
