import { DYNSEC_TOPIC } from '../../core/dynsec';
import styles from './access.module.css';

interface Props {
  /** "dynamic security is a Mosquitto plugin; this broker (…) does not offer it." */
  problem: string;
}

/** The broker named itself on $SYS/broker/version, and it is not Mosquitto: nothing to ask. */
export function NotOffered({ problem }: Props) {
  return (
    <div className={styles.unavailable}>
      <div role="alert">
        <h2>
          <svg className={styles.lock} viewBox="0 0 24 24" aria-hidden="true">
            <rect x="4" y="10" width="16" height="11" rx="2" />
            <path d="M8 10V7a4 4 0 0 1 8 0v3" />
          </svg>
          No dynamic security on this broker
        </h2>
        <p>{problem.charAt(0).toUpperCase() + problem.slice(1)}</p>
      </div>
      <p>
        Access control manages clients, groups and roles through Mosquitto&apos;s dynamic-security plugin on{' '}
        <code>{DYNSEC_TOPIC}</code>. Manage this broker&apos;s users and permissions with its own configuration or
        admin tools, or connect to a Mosquitto that loads the plugin.
      </p>
    </div>
  );
}
