import { useRedrawTick } from './use-series';
import type { SeriesRef, SeriesSource } from '../../core/series-store';
import type { ChartTimeline } from './live-chart';
import styles from './live-chart.module.css';

/**
 * What is being recorded, refreshed once a second: "Live · 1,204 points buffered",
 * or while paused "Paused · 37 new points since the pause" (data keeps recording).
 * On an open recording (`timeline`) the timeline words it, from the points up to its time.
 */
export function RecordingStatus({ store, series, pausedAt, timeline }: { store: SeriesSource; series: readonly SeriesRef[]; pausedAt: number | null; timeline?: ChartTimeline }) {
  useRedrawTick(store, {
    intervalMs: timeline ? 250 : 1000,
    idleMs: 5000,
    version: () => `${series.reduce((v, s) => Math.max(v, store.get(s)?.version ?? 0), 0)}:${timeline?.version() ?? 0}`,
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
  if (timeline) {
    const now = timeline.now();
    let upTo = 0;
    for (const ref of series) upTo += store.get(ref)?.indexAfter(now) ?? 0;
    return (
      <p role="status" aria-live="off" aria-label="Recording" className={styles.recording} data-paused="true">
        <span className={styles.recordingDot} aria-hidden="true" />
        {timeline.status(upTo, series)}
        {skippedText}
      </p>
    );
  }
  return (
    <p role="status" aria-live="off" aria-label="Recording" className={styles.recording} data-paused={pausedAt !== null}>
      <span className={styles.recordingDot} aria-hidden="true" />
      {pausedAt === null
        ? `Live · ${buffered.toLocaleString()} points buffered${skippedText}`
        : `Paused · ${fresh.toLocaleString()} new points recorded since the pause${skippedText}`}
    </p>
  );
}
