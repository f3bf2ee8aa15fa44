/**
 * Chart configurations of the Charts view (persisted in localStorage, versioned).
 * Low-rate state only: which series each chart shows, its title and time window.
 * The points themselves live in the SeriesStore (src/core/series-store.ts).
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { newId } from '../core/ids';
import { persistOptions, type PersistSpec } from './persisted';
import { isTimeWindow, seriesKey, type SeriesRef, type TimeWindow } from '../core/series-store';
import { parsePath } from '../core/value-extract';

export interface ChartSeriesConfig extends SeriesRef {
  id: string;
  /** Palette slot 0..SERIES_COLORS-1 (CSS variable --series-<n+1> in the live chart). */
  color: number;
}

export interface ChartConfig {
  id: string;
  title: string;
  window: TimeWindow;
  series: ChartSeriesConfig[];
}

export interface ChartsState {
  charts: ChartConfig[];
}

/** Distinct series colours, and so the most series one chart holds. */
export const SERIES_COLORS = 8;
export const MAX_SERIES_PER_CHART = SERIES_COLORS;

/** Why a topic/field pair cannot be charted, or undefined when it can. */
export function validateSeriesInput(topic: string, field = ''): string | undefined {
  if (topic.length === 0) return 'Enter a topic';
  if (/[+#]/.test(topic)) return 'Chart one concrete topic: wildcards (+ and #) are not allowed';
  if (topic.includes('\u0000')) return 'Topics cannot contain a null character';
  if (new TextEncoder().encode(topic).length > 65535) return 'Topic is too long';
  if (field !== '' && parsePath(field) === undefined) return 'Field must be a JSON path such as temperature or a.b[0].c';
  return undefined;
}

/** Title of a chart made by chartTopic: the topic, then the field when there is one. */
export function chartTitle(topic: string, field = ''): string {
  return field ? `${topic} · ${field}` : topic;
}

function freeColor(series: readonly ChartSeriesConfig[]): number {
  const used = new Set(series.map((s) => s.color));
  for (let c = 0; c < SERIES_COLORS; c++) if (!used.has(c)) return c;
  return series.length % SERIES_COLORS;
}

/** Drops anything malformed from persisted data (localStorage is not trusted). */
export function sanitizeCharts(input: unknown): ChartConfig[] {
  if (!Array.isArray(input)) return [];
  const out: ChartConfig[] = [];
  const ids = new Set<string>();
  for (const c of input as Partial<ChartConfig>[]) {
    if (!c || typeof c !== 'object' || typeof c.id !== 'string' || ids.has(c.id)) continue;
    ids.add(c.id);
    const series: ChartSeriesConfig[] = [];
    const keys = new Set<string>();
    for (const s of Array.isArray(c.series) ? c.series : []) {
      if (!s || typeof s.topic !== 'string' || typeof s.field !== 'string' || typeof s.id !== 'string') continue;
      if (validateSeriesInput(s.topic, s.field) || keys.has(seriesKey(s))) continue;
      keys.add(seriesKey(s));
      const color = Number.isInteger(s.color) && s.color >= 0 && s.color < SERIES_COLORS ? s.color : freeColor(series);
      series.push({ id: s.id, topic: s.topic, field: s.field, color });
      if (series.length >= MAX_SERIES_PER_CHART) break;
    }
    out.push({
      id: c.id,
      title: typeof c.title === 'string' ? c.title.slice(0, 200) : 'Chart',
      window: isTimeWindow(c.window) ? c.window : '5m',
      series,
    });
  }
  return out;
}

export const CHARTS_PERSIST: PersistSpec<ChartsState> = {
  key: 'switchyard.charts',
  what: 'charts',
  // Version 1 is the first schema; later versions add steps to `migrations`.
  version: 1,
  migrations: {},
  load: (data) => {
    // Only the list itself is checked here (no schema library: this store is read at start);
    // sanitizeCharts checks every chart and series in it.
    const stored = (data as { charts?: unknown } | null)?.charts;
    if (!Array.isArray(stored)) return undefined;
    const charts = sanitizeCharts(stored);
    // The store writes charts in exactly this shape: any difference is something left out or fixed.
    return { state: { charts }, partial: JSON.stringify(charts) !== JSON.stringify(stored) };
  },
};

export const useChartsStore = create<ChartsState>()(
  persist(() => ({ charts: [] as ChartConfig[] }), {
    ...persistOptions<ChartsState, ChartsState>(CHARTS_PERSIST),
    partialize: (s) => ({ charts: s.charts }),
  }),
);

function update(id: string, fn: (c: ChartConfig) => ChartConfig): void {
  useChartsStore.setState((s) => ({ charts: s.charts.map((c) => (c.id === id ? fn(c) : c)) }));
}

/** A new empty chart (series added with addSeriesToChart); returns its id. */
export function createChart(title: string, window: TimeWindow = '5m'): string {
  const id = newId('chart');
  const chart: ChartConfig = { id, title: title.trim() || 'Chart', window, series: [] };
  useChartsStore.setState((s) => ({ charts: [...s.charts, chart] }));
  return id;
}

/**
 * "Chart this topic" / "Chart field": a chart titled by the topic (and field)
 * with that one series; returns its id. If such a one-series chart exists
 * already, returns that one instead of making a duplicate. Returns undefined
 * when the topic/field cannot be charted (see validateSeriesInput).
 */
export function chartTopic(topic: string, field = ''): string | undefined {
  if (validateSeriesInput(topic, field)) return undefined;
  const key = seriesKey({ topic, field });
  const existing = useChartsStore
    .getState()
    .charts.find((c) => c.series.length === 1 && seriesKey(c.series[0]) === key);
  if (existing) return existing.id;
  const id = createChart(chartTitle(topic, field));
  addSeriesToChart(id, topic, field);
  return id;
}

/**
 * Adds a series to a chart; returns the series id (the existing one if the chart
 * already shows it), or undefined when the chart is missing or full, or the input invalid.
 */
export function addSeriesToChart(chartId: string, topic: string, field = ''): string | undefined {
  if (validateSeriesInput(topic, field)) return undefined;
  const chart = useChartsStore.getState().charts.find((c) => c.id === chartId);
  if (!chart) return undefined;
  const key = seriesKey({ topic, field });
  const same = chart.series.find((s) => seriesKey(s) === key);
  if (same) return same.id;
  if (chart.series.length >= MAX_SERIES_PER_CHART) return undefined;
  const series: ChartSeriesConfig = { id: newId('s'), topic, field, color: freeColor(chart.series) };
  update(chartId, (c) => ({ ...c, series: [...c.series, series] }));
  return series.id;
}

export function removeSeries(chartId: string, seriesId: string): void {
  update(chartId, (c) => ({ ...c, series: c.series.filter((s) => s.id !== seriesId) }));
}

export function removeChart(chartId: string): void {
  useChartsStore.setState((s) => ({ charts: s.charts.filter((c) => c.id !== chartId) }));
}

export function setChartWindow(chartId: string, window: TimeWindow): void {
  update(chartId, (c) => ({ ...c, window }));
}

/** Every series any chart shows (what the series store must record for the Charts view). */
export function trackedSeries(s: ChartsState = useChartsStore.getState()): SeriesRef[] {
  return s.charts.flatMap((c) => c.series.map(({ topic, field }) => ({ topic, field })));
}
