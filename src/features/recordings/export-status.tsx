import { formatCount } from '../../lib/format';
import type { ExportState } from './use-export';
import styles from './recordings-files.module.css';

/** The export under way (a progress bar "Export progress") or how the last one ended. */
export function ExportStatus({ state }: { state: ExportState }) {
  const r = state.running;
  if (r) {
    const text = `Exporting “${r.name}”: ${formatCount(r.done)} of ${formatCount(r.total)} messages`;
    return (
      <div className={styles.exportBar}>
        <progress max={Math.max(1, r.total)} value={r.done} aria-label="Export progress" aria-valuetext={text} />
        <span>{text}…</span>
      </div>
    );
  }
  if (!state.message) return null;
  return state.message.error ? (
    <p role="alert" className={`${styles.exportDone} ${styles.error}`}>
      {state.message.text}
    </p>
  ) : (
    <p role="status" className={styles.exportDone}>
      {state.message.text}
    </p>
  );
}
