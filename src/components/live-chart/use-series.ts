/**
 * A chart's bridges to the series store it is given (the session's, src/mqtt/session.ts):
 * which series to record while mounted, and when to redraw. Charts never re-render per point;
 * they redraw on a tick a few times per second.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { seriesKey, type SeriesRef, type SeriesSource } from '../../core/series-store';

/**
 * Records these series for as long as the calling component is mounted (on top
 * of what the Charts view and other owners declare with seriesStore.setTracked).
 */
export function useTrackSeries(store: SeriesSource, refs: readonly SeriesRef[]): void {
  const owner = `mounted:${useId()}`;
  const keys = refs.map(seriesKey).join('\u0001');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- same series in a new array: same key string, nothing to redo
  const stable = useMemo(() => refs.map(({ topic, field }) => ({ topic, field })), [keys]);
  useEffect(() => {
    store.setTracked(owner, stable);
    return () => store.setTracked(owner, []);
  }, [store, owner, stable]);
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
  version?: () => number | string;
}

/**
 * A number that changes when a chart should redraw: when the series store has
 * new points (checked every intervalMs) or idleMs passed. Hidden tabs skip redraws.
 */
export function useRedrawTick(store: { readonly version: number }, { intervalMs = 250, idleMs = 1000, paused = false, version }: RedrawOptions = {}): number {
  const [tick, setTick] = useState(0);
  const versionRef = useRef(version);
  versionRef.current = version;
  useEffect(() => {
    if (paused) return;
    let lastEpoch: number | string = -1;
    let lastDraw = 0;
    const check = () => {
      if (typeof document !== 'undefined' && document.hidden) return;
      const now = performance.now();
      const v = versionRef.current ? versionRef.current() : store.version;
      if (v !== lastEpoch || now - lastDraw >= idleMs) {
        lastEpoch = v;
        lastDraw = now;
        setTick((t) => t + 1);
      }
    };
    check();
    const id = setInterval(check, intervalMs);
    return () => clearInterval(id);
  }, [store, intervalMs, idleMs, paused]);
  return tick;
}
