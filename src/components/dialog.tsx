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
  /** The body holds fields: Enter submits, and focus starts on the first field instead of Cancel. */
  asForm?: boolean;
}

/** A confirmation (or small form) dialog: names what will happen; Escape or Cancel backs out. */
export function Dialog({ title, children, confirmLabel, onConfirm, onCancel, danger, busy, confirmDisabled, asForm }: Props) {
  const actions = (
    <div className={styles.actions}>
      <button type="button" className="btn" onClick={onCancel} data-autofocus={asForm ? undefined : true}>
        Cancel
      </button>
      <button
        type={asForm ? 'submit' : 'button'}
        className={danger ? 'btn btn-danger-solid' : 'btn btn-primary'}
        onClick={asForm ? undefined : onConfirm}
        disabled={busy || confirmDisabled}
        aria-busy={busy || undefined}
      >
        {confirmLabel}
      </button>
    </div>
  );
  return (
    <Modal title={title} onClose={onCancel} size="sm">
      {asForm ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm();
          }}
        >
          <div className={styles.body}>{children}</div>
          {actions}
        </form>
      ) : (
        <>
          <div className={styles.body}>{children}</div>
          {actions}
        </>
      )}
    </Modal>
  );
}
