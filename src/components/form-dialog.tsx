import type { FormEvent, ReactNode } from 'react';
import { Modal } from './modal';
import styles from './form-dialog.module.css';

interface Props {
  title: string;
  onCancel: () => void;
  /** Called on Save (button or Enter); the dialog stays open until the caller closes it. */
  onSave: () => void;
  children: ReactNode;
  wide?: boolean;
  /** An error about the whole form, shown above the buttons. */
  formError?: string;
  /** Id for the form error, so a field can point at it with aria-describedby. */
  formErrorId?: string;
  /** While the save is under way: the button reads "Saving…" and cannot be pressed again. */
  busy?: boolean;
  /** Save cannot be pressed (e.g. there is nothing to choose from). */
  saveDisabled?: boolean;
}

/**
 * A modal dialog holding a form that creates or edits something, confirmed with
 * Save, on the shared Modal (native <dialog>: focus stays inside, Escape cancels,
 * a click outside does not close it).
 */
export function FormDialog({ title, onCancel, onSave, children, wide, formError, formErrorId, busy, saveDisabled }: Props) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave();
  };
  return (
    <Modal title={title} onClose={onCancel} size={wide ? 'lg' : 'md'}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <div className={styles.body}>{children}</div>
        {formError && (
          <p role="alert" id={formErrorId} className={`field-error ${styles.formError}`}>
            {formError}
          </p>
        )}
        <div className={styles.actions}>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || saveDisabled} aria-busy={busy || undefined}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
