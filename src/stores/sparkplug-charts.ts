/**
 * **Chart this metric** (issue 13): a Charts-view chart of one Sparkplug B metric by name. The
 * series is the metric's DATA topic (NDATA of the edge node, DDATA of a device) with the metric
 * name as its field: the worker resolves aliases on every message (core/decoded.ts
 * decodedAsJson gives `{ "<name>": value }`), so the chart keeps following the name across
 * rebirths with other aliases.
 */
import { metricDataTopic } from '../core/sparkplug-names';
import { seriesKey } from '../core/series-store';
import { formatPath } from '../core/value-extract';
import { addSeriesToChart, createChart, useChartsStore, validateSeriesInput } from './charts-store';

export interface MetricRef {
  group: string;
  edgeNode: string;
  device?: string;
  name: string;
}

/** The chart's id (an existing one-series chart of the metric if there is one), or undefined when it cannot be charted. */
export function chartSparkplugMetric(ref: MetricRef): string | undefined {
  if (!ref.name || !ref.group || !ref.edgeNode) return undefined;
  const topic = metricDataTopic(ref.group, ref.edgeNode, ref.device);
  const field = formatPath([ref.name]);
  if (validateSeriesInput(topic, field)) return undefined;
  const key = seriesKey({ topic, field });
  const existing = useChartsStore.getState().charts.find((c) => c.series.length === 1 && seriesKey(c.series[0]) === key);
  if (existing) return existing.id;
  const where = [ref.group, ref.edgeNode, ref.device].filter((x) => x !== undefined).join('/');
  const id = createChart(`${where} · ${ref.name}`);
  addSeriesToChart(id, topic, field);
  return id;
}
