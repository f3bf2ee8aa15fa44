import { useSessionStore } from '../../stores/session-store';
import { readRefusedCertificateReason } from '../../mqtt/secure-failures';
import styles from './secure-connection-notice.module.css';

/**
 * While wss:// keeps failing before any response (see mqtt/secure-failures.ts), the whole advice,
 * readable, under the connection status (whose one-line reason is cut short), with the page to open.
 */
export function SecureConnectionNotice() {
  const reason = useSessionStore((s) => (s.state === 'reconnecting' ? s.reason : undefined));
  const refused = readRefusedCertificateReason(reason);
  if (!refused) return null;
  return (
    <div role="alert" aria-label="Secure connection" className={styles.notice}>
      <span aria-hidden="true" className={styles.icon}>
        ⚠
      </span>
      <div className={styles.body}>
        <strong>
          No secure connection to <code>{refused.url}</code>
        </strong>
        <p>
          It failed before any response, again and again: the browser may refuse the broker&apos;s certificate (open{' '}
          <a href={refused.origin} target="_blank" rel="noopener noreferrer">
            {refused.origin}
          </a>{' '}
          once to accept it, or use a trusted certificate).
        </p>
        <p>Or nothing accepts secure connections at that address and port. Switchyard keeps trying.</p>
      </div>
    </div>
  );
}
