import { DYNSEC_TOPIC } from '../../core/dynsec';
import styles from './access.module.css';
import { LockedAlert } from './unavailable';

interface Props {
  /** "dynamic security is a Mosquitto plugin; this broker (…) does not offer it." */
  problem: string;
}

/** The broker named itself on $SYS/broker/version, and it is not Mosquitto: nothing to ask. */
export function NotOffered({ problem }: Props) {
  return (
    <div className={styles.unavailable}>
      <LockedAlert title="No dynamic security on this broker">{problem.charAt(0).toUpperCase() + problem.slice(1)}</LockedAlert>
      <p>
        Access control manages clients, groups and roles through Mosquitto&apos;s dynamic-security plugin on{' '}
        <code>{DYNSEC_TOPIC}</code>. Manage this broker&apos;s users and permissions with its own configuration or
        admin tools, or connect to a Mosquitto that loads the plugin.
      </p>
    </div>
  );
}
