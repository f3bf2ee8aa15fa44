import { useSessionStore } from '../../stores/session-store';
import { reasonText } from '../../mqtt/connection-policy';
import styles from './granted.module.css';

/**
 * The app always asks for QoS 2; a broker may grant less (RabbitMQ grants QoS 1), and then
 * messages published with QoS 2 arrive with QoS 1 at most: say so next to the filter.
 */
function grantText(code: number): string {
  if (code >= 128) return `refused: ${reasonText(code, 5)}`;
  return code < 2 ? `granted QoS ${code} (asked for 2)` : `QoS ${code}`;
}

/**
 * What the broker granted for the profile's filters on the current connection (after a kept
 * session was reconciled, this is the real set, not what the form says).
 */
export function GrantedSubscriptions() {
  const state = useSessionStore((s) => s.state);
  const subs = useSessionStore((s) => s.subscriptions);
  if (state !== 'connected' || subs.length === 0) return null;
  return (
    <div className={styles.granted}>
      <span id="granted-subscriptions-title" className={styles.title}>
        Granted by the broker
      </span>
      <ul aria-labelledby="granted-subscriptions-title" className={styles.list}>
        {subs.map((r) => (
          <li key={r.filter} className={styles.item} data-refused={r.code >= 128 || undefined} data-downgraded={r.code < 2 || undefined}>
            <span className={styles.filter}>{r.filter}</span>{' '}
            <span>{grantText(r.code)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
