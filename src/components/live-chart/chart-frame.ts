/**
 * What one redraw of a live chart shows: for each series the points inside
 * the time window (downsampled with LTTB to about the plot's pixel width),
 * window statistics, and the rows recharts draws. Pure: built from the series
 * store a few times per second, never per message.
 */
import { lttb } from '../../core/lttb';
import { seriesLabel, type Series, type SeriesPoint, type SeriesRef } from '../../core/series-store';

export interface FrameSeriesInput extends SeriesRef {
  id: string;
  color: number;
}

export interface SeriesStats {
  /** Newest value at or before the frame's end (may lie before the window). */
  last?: number;
  min?: number;
  avg?: number;
  max?: number;
  /** Points inside the window. */
  count: number;
}

export interface FrameSeries extends FrameSeriesInput {
  label: string;
  /** Key of this series' value in each row. */
  dataKey: string;
  isBoolean: boolean;
  drawn: SeriesPoint[];
  stats: SeriesStats;
  /** Values skipped because they were not finite numbers. */
  skipped: number;
}

export type FrameRow = { t: number; [dataKey: string]: number };

export interface ChartFrame {
  from: number;
  to: number;
  series: FrameSeries[];
  rows: FrameRow[];
  /** Points drawn, over all series (after downsampling). */
  drawnPoints: number;
}

const DEFAULT_SPAN = 60_000;

/**
 * @param lookup   the recorded series for a ref (SeriesStore.get)
 * @param windowMs width of the time window; Infinity for everything buffered
 * @param end      right edge of the window (now, or the moment of Pause)
 * @param maxPoints points drawn per series at most (about the plot width in px)
 * @param floor    where time begins (an open recording's start): the window never reaches before it
 */
export function buildFrame(
  lookup: (ref: SeriesRef) => Series | undefined,
  inputs: readonly FrameSeriesInput[],
  windowMs: number,
  end: number,
  maxPoints: number,
  floor = -Infinity,
): ChartFrame {
  const bounded = Number.isFinite(windowMs);
  let from = bounded ? end - windowMs : Infinity;
  // A recording: the window starts no earlier than the recording (All: at its start).
  if (floor > -Infinity) {
    from = bounded ? Math.max(from, floor) : floor;
    if (from >= end) from = end - 1000;
  }
  const found = inputs.map((input) => ({ input, s: lookup(input) }));
  if (!bounded && floor === -Infinity) {
    for (const { s } of found) if (s && s.points.length > 0) from = Math.min(from, (s.points.get(0) as SeriesPoint).t);
    if (!Number.isFinite(from) || from >= end) from = end - DEFAULT_SPAN;
  }

  const series = found.map(({ input, s }, i): FrameSeries => {
    const base = { ...input, label: seriesLabel(input), dataKey: `s${i}` };
    if (!s) return { ...base, isBoolean: false, drawn: [], stats: { count: 0 }, skipped: 0 };
    const endIdx = s.indexAfter(end);
    const startIdx = bounded ? Math.min(s.indexAtOrAfter(from), endIdx) : 0;
    const inWindow: SeriesPoint[] = [];
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let k = startIdx; k < endIdx; k++) {
      const p = s.points.get(k) as SeriesPoint;
      inWindow.push(p);
      if (p.v < min) min = p.v;
      if (p.v > max) max = p.v;
      sum += p.v;
    }
    const count = inWindow.length;
    const last = endIdx > 0 ? (s.points.get(endIdx - 1) as SeriesPoint).v : undefined;
    const stats: SeriesStats = count > 0 ? { last, min, max, avg: sum / count, count } : { last, count };
    // The value holding when the window starts, so a slow or on/off series still shows its line.
    const toDraw = startIdx > 0 ? [{ t: from, v: (s.points.get(startIdx - 1) as SeriesPoint).v }, ...inWindow] : inWindow;
    return { ...base, isBoolean: s.isBoolean, drawn: lttb(toDraw, maxPoints), stats, skipped: s.skipped };
  });

  return { from, to: end, series, rows: mergeRows(series), drawnPoints: series.reduce((n, s) => n + s.drawn.length, 0) };
}

/** One row per distinct time, carrying the value of each series that has a point then. */
export function mergeRows(series: readonly FrameSeries[]): FrameRow[] {
  const byTime = new Map<number, FrameRow>();
  for (const s of series) {
    for (const p of s.drawn) {
      let row = byTime.get(p.t);
      if (!row) {
        row = { t: p.t };
        byTime.set(p.t, row);
      }
      row[s.dataKey] = p.v;
    }
  }
  return Array.from(byTime.values()).sort((a, b) => a.t - b.t);
}

/** The value a series shows at time t: its newest drawn point at or before t. */
export function valueAt(points: readonly SeriesPoint[], t: number): number | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? points[lo - 1].v : undefined;
}

const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** Time-axis ticks on round steps (1 s, 5 s, 1 min, …), at most `maxTicks` of them. */
export function timeTicks(from: number, to: number, maxTicks: number): number[] {
  const span = to - from;
  if (!(span > 0) || maxTicks < 1) return [];
  const step = TICK_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 86_400_000) * 86_400_000;
  // Align to local time so ticks land on :00, :05, … of the clock.
  const offset = new Date(from).getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((from - offset) / step) * step + offset; t <= to; t += step) ticks.push(t);
  return ticks;
}
