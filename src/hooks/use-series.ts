/**
 * The app's series store (numeric points per topic/field for charts) and its
 * bridges to React. The store is fed from the session's applied batches, never
 * from React; charts read it on a redraw tick a few times per second.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { session } from '../mqtt/session';
import { SeriesStore, seriesKey, type SeriesRef } from '../core/series-store';
import { trackedSeries, useChartsStore } from '../stores/charts-store';

/** Every series some chart needs, with up to 10,000 points each. */
export const seriesStore = new SeriesStore({
  history: (topic) => {
    const node = session.trie.get(topic);
    if (!node || !node.isTopic) return [];
    return node.hasHistory ? node.history.toArray() : node.last ? [node.last] : [];
  },
});

let started = false;

/**
 * Called once at app start (src/app/start-session.ts): feeds the series store
 * from every applied batch and keeps it recording what the Charts view shows,
 * whether or not the view is open.
 */
export function initSeries(): void {
  if (started) return;
  started = true;
  session.onBatch((messages) => seriesStore.ingest(messages));
  seriesStore.setTracked('charts-view', trackedSeries());
  useChartsStore.subscribe((s, prev) => {
    if (s.charts !== prev.charts) seriesStore.setTracked('charts-view', trackedSeries(s));
  });
}

/**
 * Records these series for as long as the calling component is mounted (on top
 * of what the Charts view and other owners declare with seriesStore.setTracked).
 */
export function useTrackSeries(refs: readonly SeriesRef[]): void {
  const owner = `mounted:${useId()}`;
  const keys = refs.map(seriesKey).join('\u0001');
  // Same series in a new array: same key string, nothing to redo.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stable = useMemo(() => refs.map(({ topic, field }) => ({ topic, field })), [keys]);
  useEffect(() => {
    seriesStore.setTracked(owner, stable);
    return () => seriesStore.setTracked(owner, []);
  }, [owner, stable]);
}

export interface RedrawOptions {
  /** Shortest time between two redraws (default 250 ms: at most 4 per second). */
  intervalMs?: number;
  /** Redraw at least this often even without new points, so time windows slide (default 1 s). */
  idleMs?: number;
  /** No redraws while true. */
  paused?: boolean;
  /**
   * What counts as "new points" (default: the store's epoch, i.e. any series).
   * A chart passes the newest version of its own series, so it skips other charts' traffic.
   */
  version?: () => number;
}

/**
 * A number that changes when a chart should redraw: when the series store has
 * new points (checked every intervalMs) or idleMs passed. Hidden tabs skip redraws.
 */
export function useRedrawTick({ intervalMs = 250, idleMs = 1000, paused = false, version }: RedrawOptions = {}): number {
  const [tick, setTick] = useState(0);
  const versionRef = useRef(version);
  versionRef.current = version;
  useEffect(() => {
    if (paused) return;
    let lastEpoch = -1;
    let lastDraw = 0;
    const check = () => {
      if (typeof document !== 'undefined' && document.hidden) return;
      const now = performance.now();
      const v = versionRef.current ? versionRef.current() : seriesStore.epoch;
      if (v !== lastEpoch || now - lastDraw >= idleMs) {
        lastEpoch = v;
        lastDraw = now;
        setTick((t) => t + 1);
      }
    };
    check();
    const id = setInterval(check, intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, idleMs, paused]);
  return tick;
}
