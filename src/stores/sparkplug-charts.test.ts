// Chart this metric: a chart of one Sparkplug B metric by name (its drawing across rebirths:
// mqtt/decoders/sparkplug-chart.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { chartSparkplugMetric } from './sparkplug-charts';
import { useChartsStore } from './charts-store';

beforeEach(() => useChartsStore.setState({ charts: [] }));

describe('chartSparkplugMetric', () => {
  it('makes one chart of the metric on its DATA topic, by name; asking again reuses it', () => {
    const id = chartSparkplugMetric({ group: 'plant', edgeNode: 'edge1', device: 'pump', name: 'Inputs/Pressure' });
    const charts = useChartsStore.getState().charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ id, title: 'plant/edge1/pump · Inputs/Pressure' });
    expect(charts[0].series).toMatchObject([{ topic: 'spBv1.0/plant/DDATA/edge1/pump', field: 'Inputs/Pressure' }]);
    expect(chartSparkplugMetric({ group: 'plant', edgeNode: 'edge1', device: 'pump', name: 'Inputs/Pressure' })).toBe(id);
    expect(useChartsStore.getState().charts).toHaveLength(1);
    // An edge node's own metric: NDATA.
    chartSparkplugMetric({ group: 'plant', edgeNode: 'edge1', name: 'Uptime' });
    expect(useChartsStore.getState().charts[1].series[0]).toMatchObject({ topic: 'spBv1.0/plant/NDATA/edge1', field: 'Uptime' });
    // Nothing to chart without a name (a metric known only by its alias).
    expect(chartSparkplugMetric({ group: 'plant', edgeNode: 'edge1', name: '' })).toBeUndefined();
  });
});
