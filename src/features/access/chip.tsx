import styles from './access.module.css';

/** A name in a cell (role, group, client), with an optional remove button. */
export function Chip({ text, detail, removeLabel, onRemove }: { text: string; detail?: string; removeLabel?: string; onRemove?: () => void }) {
  return (
    <span className={styles.chip}>
      <span className={styles.chipText}>{text}</span>
      {detail && <span className={styles.chipDetail}>{detail}</span>}
      {onRemove && (
        <button type="button" className={styles.chipRemove} aria-label={removeLabel} title={removeLabel} onClick={onRemove}>
          ×
        </button>
      )}
    </span>
  );
}
