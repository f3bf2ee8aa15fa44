// Chart this metric: a chart by metric name keeps drawing across a rebirth with other aliases
// (payloads from the reference encoder, decoded as the worker decodes them, read by the series store).
import { beforeEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { chartSparkplugMetric } from '../../stores/sparkplug-charts';
import { useChartsStore } from '../../stores/charts-store';
import { SeriesStore } from '../../core/series-store';
import type { MqttMessage } from '../../core/message';
import { SparkplugDecoder } from './sparkplug-decoder';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');

beforeEach(() => useChartsStore.setState({ charts: [] }));

describe('Chart this metric', () => {
  it('keeps drawing the metric by name after a rebirth that changed its alias', () => {
    chartSparkplugMetric({ group: 'plant', edgeNode: 'edge1', device: 'pump', name: 'Inputs/Pressure' });
    const series = new SeriesStore();
    const ref = useChartsStore.getState().charts[0].series[0];
    series.setTracked('test', [ref]);
    const decoder = new SparkplugDecoder();
    let t = 0;
    const msg = (topic: string, p: unknown): MqttMessage => {
      const payload = new Uint8Array(sparkplug.encodePayload(p));
      return { topic, payload, size: payload.length, qos: 0, retain: false, time: ++t, decoded: decoder.decode(topic, payload) };
    };
    const metric = (alias: number, value: number, name?: string) => ({ name, alias, type: 'Float', value });
    series.ingest([
      msg('spBv1.0/plant/NBIRTH/edge1', { seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }),
      msg('spBv1.0/plant/DBIRTH/edge1/pump', { seq: 1, metrics: [metric(1, 1, 'Inputs/Pressure'), metric(2, 50, 'Temperature')] }),
      msg('spBv1.0/plant/DDATA/edge1/pump', { seq: 2, metrics: [metric(1, 1.5), metric(2, 51)] }),
      // Reborn: Pressure is alias 2 now, and alias 1 is Temperature.
      msg('spBv1.0/plant/DBIRTH/edge1/pump', { seq: 3, metrics: [metric(1, 52, 'Temperature'), metric(2, 2, 'Inputs/Pressure')] }),
      msg('spBv1.0/plant/DDATA/edge1/pump', { seq: 4, metrics: [metric(1, 53), metric(2, 2.5)] }),
    ]);
    expect(series.get(ref)!.range().map((p) => p.v)).toEqual([1.5, 2.5]);
  });
});
