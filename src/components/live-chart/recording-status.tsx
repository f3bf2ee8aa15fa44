import { useRedrawTick } from './use-series';
import type { SeriesRef, SeriesStore } from '../../core/series-store';
import styles from './live-chart.module.css';

/**
 * What is being recorded, refreshed once a second: "Live · 1,204 points buffered",
 * or while paused "Paused · 37 new points since the pause" (data keeps recording).
 */
export function RecordingStatus({ store, series, pausedAt }: { store: SeriesStore; series: readonly SeriesRef[]; pausedAt: number | null }) {
  useRedrawTick(store, {
    intervalMs: 1000,
    idleMs: 5000,
    version: () => series.reduce((v, s) => Math.max(v, store.get(s)?.version ?? 0), 0),
  });
  let buffered = 0;
  let fresh = 0;
  let skipped = 0;
  for (const ref of series) {
    const s = store.get(ref);
    if (!s) continue;
    buffered += s.points.length;
    skipped += s.skipped;
    if (pausedAt !== null) fresh += s.points.length - s.indexAfter(pausedAt);
  }
  const skippedText = skipped > 0 ? ` · ${skipped.toLocaleString()} non-numeric skipped` : '';
  return (
    <p role="status" aria-live="off" aria-label="Recording" className={styles.recording} data-paused={pausedAt !== null}>
      <span className={styles.recordingDot} aria-hidden="true" />
      {pausedAt === null
        ? `Live · ${buffered.toLocaleString()} points buffered${skippedText}`
        : `Paused · ${fresh.toLocaleString()} new points recorded since the pause${skippedText}`}
    </p>
  );
}
