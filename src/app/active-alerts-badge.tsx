import { useAlertsUi } from '../stores/alerts-ui';
import styles from './active-alerts-badge.module.css';

const BELL = 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0';

/** The header's "Active alerts" (see active-alerts.tsx): the count, a bell, red while above 0. */
export function ActiveAlertsBadge() {
  const active = useAlertsUi((s) => s.active);
  return (
    <span className={`${styles.badge} ${active > 0 ? styles.firing : ''}`} title={active > 0 ? `${active} alerts firing` : 'No alert firing'}>
      <svg viewBox="0 0 24 24" width="15" height="15" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round">
        <path d={BELL} />
      </svg>
      <span role="status" aria-label="Active alerts" className={styles.count}>
        {active}
      </span>
    </span>
  );
}
