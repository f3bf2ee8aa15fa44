import { useEffect, useRef, useState } from 'react';
import { LiveChart } from '../../components/live-chart/live-chart';
import {
  MAX_SERIES_PER_CHART,
  removeChart,
  removeSeries,
  setChartWindow,
  type ChartConfig,
} from '../../stores/charts-store';
import { SeriesDialog } from './series-dialog';
import type { ChartSource } from './use-chart-source';
import { Dialog } from '../../components/dialog';
import { Icon } from '../../components/icons';
import styles from './charts.module.css';

/** One chart of the Charts view: the shared LiveChart plus Add series / Remove chart. */
export function ChartCard({ chart, highlight, source }: { chart: ChartConfig; highlight: boolean; source: ChartSource }) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (highlight) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [highlight]);
  const full = chart.series.length >= MAX_SERIES_PER_CHART;
  return (
    <div ref={ref} id={chart.id} className={styles.card} data-highlight={highlight}>
      <LiveChart
        store={source.store}
        timeline={source.timeline}
        title={chart.title}
        series={chart.series}
        window={chart.window}
        onWindowChange={(w) => setChartWindow(chart.id, w)}
        onRemoveSeries={(sid) => removeSeries(chart.id, sid)}
        actions={
          <>
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              disabled={full}
              title={full ? `A chart holds at most ${MAX_SERIES_PER_CHART} series` : undefined}
              onClick={() => setAdding(true)}
            >
              <Icon name="plus" size={14} strokeWidth={2} /> Add series
            </button>
            <button type="button" className={`btn btn-sm btn-ghost ${styles.removeButton}`} onClick={() => setRemoving(true)}>
              <Icon name="trash" size={14} strokeWidth={2} /> Remove chart
            </button>
          </>
        }
      />
      {adding && (
        <SeriesDialog chart={chart} onClose={() => setAdding(false)} onSaved={() => setAdding(false)} />
      )}
      {removing && (
        <Dialog
          title={`Remove chart ${chart.title}?`}
          confirmLabel="Remove chart"
          danger
          onConfirm={() => removeChart(chart.id)}
          onCancel={() => setRemoving(false)}
        >
          <p>
            The chart and its {chart.series.length} series leave the Charts view. Points recorded only for this chart are
            discarded; nothing changes on the broker.
          </p>
        </Dialog>
      )}
    </div>
  );
}
