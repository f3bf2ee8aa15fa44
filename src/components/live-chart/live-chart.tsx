/**
 * A live chart of one or more numeric series (topic + JSON field), shared by
 * the Charts view and the dashboard's chart widget. It records its series
 * while mounted, redraws at most 4 times per second from an LTTB-downsampled
 * copy, and offers a time window, Pause/Resume and Export CSV.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useRedrawTick, useTrackSeries } from './use-series';
import { TIME_WINDOWS, seriesKey, seriesLabel, type SeriesRef, type SeriesSource, type TimeWindow } from '../../core/series-store';
import { buildFrame, type FrameSeriesInput } from './chart-frame';
import { ChartPlot } from './chart-plot';
import { LegendTable } from './legend-table';
import { RecordingStatus } from './recording-status';
import { WindowPicker } from './window-picker';
import { buildCsv, downloadText, slugify } from './csv';
import { fileStamp } from './format';
import { formatClock } from '../../lib/format';
import { useElementWidth } from './use-element-width';
import styles from './live-chart.module.css';

/** One line of the chart: a topic, a JSON path ('' = whole payload), a palette slot 0..7. */
export type LiveChartSeries = FrameSeriesInput;

/**
 * An open recording's time (time travel): the chart's "now", the right edge of its window, is
 * the slider's time instead of the clock's, and Pause gives way to the slider.
 */
export interface ChartTimeline {
  /** The chart's now (ms since epoch). */
  now(): number;
  /** Changes whenever now moves (the chart redraws). */
  version(): number;
  /** The status under the chart, from the points up to now (of these series). */
  status(points: number, series: readonly SeriesRef[]): string;
  /** Where time begins (the recording's start): windows never reach before it. */
  start(): number;
}

export interface LiveChartProps {
  /** Names the figure (and the CSV file). */
  title: string;
  /** Where the points come from (the session's series store, or an open recording's). */
  store: SeriesSource;
  /** Set on an open recording: its time is the chart's now. */
  timeline?: ChartTimeline;
  series: readonly LiveChartSeries[];
  /** Time window; without onWindowChange the chart keeps the user's choice itself. */
  window?: TimeWindow;
  onWindowChange?: (window: TimeWindow) => void;
  /** Shows a remove button per legend row. */
  onRemoveSeries?: (seriesId: string) => void;
  /** Extra buttons for the header (e.g. Add series, Remove chart). */
  actions?: ReactNode;
  /** Height of the plot in px (default 260). */
  height?: number;
  /** Heading level of the title (default 3). */
  headingLevel?: 2 | 3 | 4;
  className?: string;
}

export function LiveChart({
  title,
  store,
  timeline,
  series,
  window: controlledWindow,
  onWindowChange,
  onRemoveSeries,
  actions,
  height = 260,
  headingLevel = 3,
  className,
}: LiveChartProps) {
  const titleId = useId();
  const [localWindow, setLocalWindow] = useState<TimeWindow>(controlledWindow ?? '5m');
  const window = onWindowChange ? (controlledWindow ?? '5m') : localWindow;
  const setWindow = onWindowChange ?? setLocalWindow;
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  const [widthRef, width] = useElementWidth<HTMLDivElement>();
  useTrackSeries(store, series);
  const paused = pausedAt !== null && !timeline;
  const tick = useRedrawTick(store, {
    paused,
    // Redraw for new points in this chart's own series only (0 while none is recorded yet), and when a recording's time moves.
    version: () => `${series.reduce((v, s) => Math.max(v, store.get(s)?.version ?? 0), 0)}:${timeline?.version() ?? 0}`,
  });
  const end = paused ? pausedAt : (timeline?.now() ?? Date.now());

  const windowMs = TIME_WINDOWS.find((w) => w.id === window)?.ms ?? Infinity;
  const seriesSig = series.map((s) => `${s.id}\u0001${seriesKey(s)}\u0001${s.color}`).join('\u0002');
  const frame = useMemo(
    () => buildFrame((r) => store.get(r), series, windowMs, end, Math.max(50, width - 72), timeline?.start()),
    // While paused the frame depends on the pause time only, not on new ticks.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- tick redraws (the store is mutated in place); seriesSig stands for series
    [store, paused ? pausedAt : tick, paused, seriesSig, windowMs, width],
  );

  const exportCsv = () => {
    const csv = buildCsv(
      // On a recording: the points up to its time.
      series.map((s) => ({ label: seriesLabel(s), points: timeline ? (store.get(s)?.range(-Infinity, end) ?? []) : (store.get(s)?.points.toArray() ?? []) })),
    );
    downloadText(`${slugify(title)}-${fileStamp(Date.now())}.csv`, csv);
  };

  const Heading = `h${headingLevel}` as 'h3';
  return (
    <figure className={`${styles.chart} ${className ?? ''}`} aria-labelledby={titleId}>
      <div className={styles.head}>
        <Heading id={titleId} className={styles.title} title={title}>
          {title}
        </Heading>
        {paused && (
          <span className={styles.pausedBadge}>
            <span aria-hidden="true">❚❚ </span>Paused at {formatClock(pausedAt)}
          </span>
        )}
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      <div className={styles.controls}>
        <WindowPicker value={window} onChange={setWindow} />
        <div className={styles.controlsRight}>
          {!timeline && (
            <button
              type="button"
              className={`btn btn-sm ${styles.pauseButton} ${pausedAt !== null ? 'btn-primary' : ''}`}
              onClick={() => setPausedAt((p) => (p === null ? Date.now() : null))}
            >
              {pausedAt === null ? 'Pause' : 'Resume'}
            </button>
          )}
          <button type="button" className="btn btn-sm" onClick={exportCsv} disabled={series.length === 0}>
            Export CSV
          </button>
        </div>
      </div>
      <ChartPlot title={title} frame={frame} height={height} width={width} widthRef={widthRef} />
      <LegendTable series={frame.series} onRemove={onRemoveSeries} />
      <RecordingStatus store={store} series={series} pausedAt={paused ? pausedAt : null} timeline={timeline} />
    </figure>
  );
}
