import type { ReactNode } from 'react';
import { Modal } from './modal';
import styles from './dialog.module.css';

interface Props {
  title: string;
  children: ReactNode;
  /** The confirming button's text: starts with the verb (e.g. "Delete 3 retained messages", or "Save"). */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  busy?: boolean;
  confirmDisabled?: boolean;
}

/**
 * A confirmation dialog: names what will happen; Escape or Cancel backs out (focus starts on
 * Cancel). Forms that create or edit something use FormDialog.
 */
export function Dialog({ title, children, confirmLabel, onConfirm, onCancel, danger, busy, confirmDisabled }: Props) {
  return (
    <Modal title={title} onClose={onCancel} size="sm">
      <div className={styles.body}>{children}</div>
      <div className={styles.actions}>
        <button type="button" className="btn" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'btn btn-danger-solid' : 'btn btn-primary'}
          onClick={onConfirm}
          disabled={busy || confirmDisabled}
          aria-busy={busy || undefined}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
