import { Icon } from '../../components/icons';
import styles from './dashboard.module.css';

/** What the last import or one-click add came to: an error (role alert) or a confirmation (role status). */
export type Notice = { kind: 'error' | 'ok'; text: string };

export function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <div role={notice.kind === 'error' ? 'alert' : 'status'} className={styles.notice} data-kind={notice.kind}>
      <Icon name={notice.kind === 'error' ? 'alert' : 'check'} size={15} />
      <span>{notice.text}</span>
      <button type="button" className="btn btn-ghost btn-sm" aria-label="Dismiss" onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}
