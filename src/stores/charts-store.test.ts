import { beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_SERIES_PER_CHART,
  addSeriesToChart,
  chartTopic,
  createChart,
  removeChart,
  removeSeries,
  sanitizeCharts,
  setChartWindow,
  trackedSeries,
  useChartsStore,
  validateSeriesInput,
} from './charts-store';

const charts = () => useChartsStore.getState().charts;

beforeEach(() => useChartsStore.setState({ charts: [] }));

describe('charts store', () => {
  it('chartTopic creates a chart titled by the topic with that series, and returns its id', () => {
    const id = chartTopic('home/livingroom/temperature');
    expect(id).toBeTruthy();
    expect(charts()).toHaveLength(1);
    expect(charts()[0]).toMatchObject({ id, title: 'home/livingroom/temperature', window: '5m' });
    expect(charts()[0].series).toMatchObject([{ topic: 'home/livingroom/temperature', field: '', color: 0 }]);
  });

  it('chartTopic with a field titles by topic and field; asking twice reuses the chart', () => {
    const id = chartTopic('home/garden/weather', 'temperature');
    expect(charts()[0].title).toBe('home/garden/weather · temperature');
    expect(chartTopic('home/garden/weather', 'temperature')).toBe(id);
    expect(charts()).toHaveLength(1);
    expect(chartTopic('home/garden/weather', 'humidity')).not.toBe(id);
    expect(charts()).toHaveLength(2);
  });

  it('refuses wildcards, empty topics and malformed paths', () => {
    expect(chartTopic('home/#')).toBeUndefined();
    expect(chartTopic('home/+/t')).toBeUndefined();
    expect(chartTopic('')).toBeUndefined();
    expect(chartTopic('a', 'b..c')).toBeUndefined();
    expect(charts()).toHaveLength(0);
    expect(validateSeriesInput('a/b', 'x[0].y')).toBeUndefined();
  });

  it('addSeriesToChart adds distinct series with free colours, dedupes, and stops when full', () => {
    const id = createChart('Mixed');
    const s1 = addSeriesToChart(id, 'a', '');
    const s2 = addSeriesToChart(id, 'b', 'x.y');
    expect(addSeriesToChart(id, 'a', '')).toBe(s1);
    expect(charts()[0].series.map((s) => s.color)).toEqual([0, 1]);
    removeSeries(id, s1!);
    addSeriesToChart(id, 'c');
    expect(charts()[0].series.map((s) => [s.topic, s.color])).toEqual([
      ['b', 1],
      ['c', 0],
    ]);
    expect(s2).toBeTruthy();
    for (let i = 0; i < MAX_SERIES_PER_CHART; i++) addSeriesToChart(id, `t${i}`);
    expect(charts()[0].series).toHaveLength(MAX_SERIES_PER_CHART);
    expect(addSeriesToChart(id, 'one-too-many')).toBeUndefined();
    expect(addSeriesToChart('missing', 'x')).toBeUndefined();
  });

  it('tracks every series of every chart; window and removal update the config', () => {
    const a = chartTopic('a')!;
    const b = chartTopic('b', 'v')!;
    addSeriesToChart(b, 'c');
    expect(trackedSeries()).toEqual([
      { topic: 'a', field: '' },
      { topic: 'b', field: 'v' },
      { topic: 'c', field: '' },
    ]);
    setChartWindow(a, '1h');
    expect(charts()[0].window).toBe('1h');
    removeChart(a);
    expect(charts().map((c) => c.id)).toEqual([b]);
  });

  it('sanitizes persisted data: drops malformed charts and series, fixes windows and colours', () => {
    const out = sanitizeCharts([
      { id: 'c1', title: 'ok', window: '1m', series: [{ id: 's1', topic: 't', field: '', color: 3 }] },
      { id: 'c1', title: 'duplicate id' },
      null,
      'nope',
      {
        id: 'c2',
        title: 42,
        window: 'forever',
        series: [
          { id: 's1', topic: 'bad/#', field: '' },
          { id: 's2', topic: 'u', field: 'a', color: 99 },
          { id: 's3', topic: 'u', field: 'a', color: 1 },
          { topic: 'no-id', field: '' },
        ],
      },
    ]);
    expect(out).toEqual([
      { id: 'c1', title: 'ok', window: '1m', series: [{ id: 's1', topic: 't', field: '', color: 3 }] },
      { id: 'c2', title: 'Chart', window: '5m', series: [{ id: 's2', topic: 'u', field: 'a', color: 0 }] },
    ]);
    expect(sanitizeCharts(undefined)).toEqual([]);
    expect(sanitizeCharts({ charts: 1 })).toEqual([]);
  });
});
