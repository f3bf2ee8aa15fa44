import { useId, type ReactNode } from 'react';
import { Icon } from '../../components/icons';
import styles from './widgets.module.css';

export interface WidgetChrome {
  /** Layout editing: the header becomes the drag handle. */
  editing: boolean;
  onEdit: () => void;
  onDelete: () => void;
}

interface Props extends WidgetChrome {
  label: string;
  /** Small muted text after the label (e.g. the topic). */
  caption?: string;
  /** Hide the visible heading when the body shows the label itself (the region keeps the name). */
  hideTitle?: boolean;
  children: (titleId: string) => ReactNode;
}

/** Edit / delete buttons for a widget, named after it ("Edit Office lamp"). */
export function WidgetActions({ label, onEdit, onDelete }: { label: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <div className={styles.actions}>
      <button type="button" className={`btn btn-ghost btn-sm ${styles.iconButton}`} aria-label={`Edit ${label}`} title="Edit widget" onClick={onEdit}>
        <Icon name="pencil" size={15} />
      </button>
      <button
        type="button"
        className={`btn btn-ghost btn-sm ${styles.iconButton} ${styles.deleteButton}`}
        aria-label={`Delete ${label}`}
        title="Delete widget"
        onClick={onDelete}
      >
        <Icon name="trash" size={15} />
      </button>
    </div>
  );
}

/** The frame every widget but the chart shares: a region named by the label, a header, a body. */
export function WidgetCard({ label, caption, hideTitle, editing, onEdit, onDelete, children }: Props) {
  const titleId = useId();
  return (
    <section className={styles.card} aria-labelledby={titleId} data-editing={editing || undefined}>
      <header className={`${styles.head} ${editing ? `${styles.dragHandle} dashboard-drag-handle` : ''}`}>
        {editing && <Icon name="grip" size={14} className={styles.grip} />}
        <h3 id={titleId} className={hideTitle ? 'sr-only' : styles.title} title={label}>
          {label}
        </h3>
        {caption && (
          <span className={`${styles.caption} ${hideTitle ? styles.captionOnly : ''} mono`} title={caption}>
            {caption}
          </span>
        )}
        <WidgetActions label={label} onEdit={onEdit} onDelete={onDelete} />
      </header>
      <div className={styles.body}>{children(titleId)}</div>
    </section>
  );
}
