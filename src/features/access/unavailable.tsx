import { DYNSEC_TOPIC } from '../../core/dynsec';
import type { ReactNode } from 'react';
import styles from './access.module.css';

interface Props {
  problem: string;
  /** Username of this connection ('' = anonymous). */
  me: string;
  canRetry: boolean;
  onRetry: () => void;
}

/** Why there is nothing to manage: the broker stayed silent or refused, and what to do about it. */
export function Unavailable({ problem, me, canRetry, onRetry }: Props) {
  // A refused publish (MQTT 5) proves the broker checks $CONTROL: it is about permissions.
  const refused = problem.startsWith('the broker refused');
  return (
    <div className={styles.unavailable}>
      <LockedAlert title="No access to dynamic security">Connect as a dynamic-security admin: {problem}</LockedAlert>
      <p>
        {refused ? 'The user' : "Either Mosquitto's dynamic-security plugin is not loaded on this broker, or the user"} this connection uses (
        {me ? <strong>{me}</strong> : 'anonymous'}) may not publish to <code>{DYNSEC_TOPIC}</code>
        {refused ? '' : <> and subscribe to its <code>/response</code> topic</>}.
      </p>
      <p>
        Open <strong>Connections</strong> and connect with an admin user, for example the one created by{' '}
        <code>mosquitto_ctrl dynsec init &lt;file&gt; &lt;admin-user&gt;</code>.
      </p>
      <button type="button" className="btn" disabled={!canRetry} onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** The alert at the top of a "nothing to manage here" page: a lock, a title, and why. */
export function LockedAlert({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="alert">
      <h2>
        <svg className={styles.lock} viewBox="0 0 24 24" aria-hidden="true">
          <rect x="4" y="10" width="16" height="11" rx="2" />
          <path d="M8 10V7a4 4 0 0 1 8 0v3" />
        </svg>
        {title}
      </h2>
      <p>{children}</p>
    </div>
  );
}
