import { useEffect, useId, useRef, type ReactNode } from 'react';
import styles from './publish.module.css';

interface Props {
  title: string;
  children: ReactNode;
  /** The confirming button's text: starts with the verb and says exactly what happens. */
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** A form inside the dialog: the confirm button submits it. */
  asForm?: boolean;
}

/**
 * A modal dialog: Escape or Cancel closes it, focus starts on the first field
 * (or on Cancel, the safe choice) and returns where it was when it closes.
 */
export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onCancel, asForm }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, textarea') ?? ref.current?.querySelector<HTMLElement>('[data-cancel]');
    first?.focus();
    return () => before?.focus?.();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    }
    if (e.key === 'Tab') {
      // Keep focus inside the dialog.
      const items = ref.current?.querySelectorAll<HTMLElement>('button, input, textarea, select');
      if (!items?.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  const buttons = (
    <div className={styles.dialogActions}>
      <button type="button" className="btn" data-cancel onClick={onCancel}>
        Cancel
      </button>
      <button
        type={asForm ? 'submit' : 'button'}
        className={danger ? 'btn btn-danger' : 'btn btn-primary'}
        onClick={asForm ? undefined : onConfirm}
      >
        {confirmLabel}
      </button>
    </div>
  );
  return (
    <div className={styles.backdrop} onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={titleId} className={styles.dialog} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        {asForm ? (
          <form
            style={{ display: 'contents' }}
            onSubmit={(e) => {
              e.preventDefault();
              onConfirm();
            }}
          >
            {children}
            {buttons}
          </form>
        ) : (
          <>
            {children}
            {buttons}
          </>
        )}
      </div>
    </div>
  );
}
