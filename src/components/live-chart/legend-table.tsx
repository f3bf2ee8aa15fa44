import type { FrameSeries } from './chart-frame';
import { formatReading, seriesColor } from './chart-plot';
import styles from './live-chart.module.css';

interface LegendProps {
  series: readonly FrameSeries[];
  onRemove?: (seriesId: string) => void;
}

function avgText(s: FrameSeries): string {
  if (s.stats.avg === undefined) return '—';
  // For on/off series the average is the share of readings that were "on".
  return s.isBoolean ? `${Math.round(s.stats.avg * 100)}% on` : formatReading(s.stats.avg, false);
}

/** The legend: one row per series, named by topic and field, with last/min/avg/max over the window. */
export function LegendTable({ series, onRemove }: LegendProps) {
  if (series.length === 0) return null;
  return (
    <table className={styles.legend} aria-label="Legend">
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">Last</th>
          <th scope="col">Min</th>
          <th scope="col">Avg</th>
          <th scope="col">Max</th>
          <th scope="col">Points</th>
          {onRemove && (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={s.id}>
            <th scope="row" className={styles.seriesName}>
              <span className={styles.swatch} style={{ background: seriesColor(s.color) }} aria-hidden="true" />
              <span className={styles.seriesTopic}>{s.topic}</span>
              {s.field && (
                <>
                  <span className={styles.seriesSep}> › </span>
                  <span className={styles.seriesField}>{s.field}</span>
                </>
              )}
              {s.skipped > 0 && (
                <span className={styles.skipped} title="Messages whose value was not a finite number">
                  {s.skipped.toLocaleString()} skipped
                </span>
              )}
            </th>
            <td>{formatReading(s.stats.last, s.isBoolean)}</td>
            <td>{formatReading(s.stats.min, s.isBoolean)}</td>
            <td>{avgText(s)}</td>
            <td>{formatReading(s.stats.max, s.isBoolean)}</td>
            <td>{s.stats.count.toLocaleString()}</td>
            {onRemove && (
              <td className={styles.rowAction}>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  aria-label={`Remove series ${s.label}`}
                  title="Remove series"
                  onClick={() => onRemove(s.id)}
                >
                  ✕
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
