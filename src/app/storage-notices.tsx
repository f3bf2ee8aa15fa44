import { dismissStorageNotice, useStorageNotices } from '../stores/storage-notices';
import styles from './notices.module.css';

/** What happened to saved data (unreadable and set aside, or not saved): told once, until dismissed. */
export function StorageNotices() {
  const notices = useStorageNotices((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className={styles.stack}>
      {notices.map((n) => (
        <div key={n.id} role="alert" className={styles.notice}>
          <span aria-hidden="true" className={styles.icon}>
            ⚠
          </span>
          <span className={styles.text}>{n.message}</span>
          <button type="button" className="btn btn-sm" aria-label="Dismiss notice" onClick={() => dismissStorageNotice(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
