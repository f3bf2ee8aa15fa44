/**
 * A Sparkplug B **Metrics** table: name (or "(alias only)"), alias, type, value and time, and a
 * last cell for **Chart this metric**. Used by the Sparkplug view's details (the model's current
 * metrics) and by the Message panel's decoded payload (one message's metrics). Everything is
 * rendered as text.
 */
import { Fragment, type Key, type ReactNode } from 'react';
import { plural } from '../lib/format';
import styles from './metrics-table.module.css';

export interface MetricRow {
  /** '' for a metric known only by an alias no BIRTH named. */
  name: string;
  alias?: number;
  /** The Sparkplug datatype's name (Int32, Float, String, …). */
  type: string;
  value: number | string | boolean | null;
}

interface Props<M extends MetricRow> {
  metrics: readonly M[];
  /** A metric's time as shown. */
  time: (m: M) => string;
  /** The last cell: Chart this metric, or nothing. */
  chart: (m: M) => ReactNode;
  /** Row keys; the position by default. */
  rowKey?: (m: M, i: number) => Key;
  /** The table's accessible name: Metrics (one more on a page needs another name). */
  label?: string;
}

export function MetricsTable<M extends MetricRow>({ metrics, time, chart, rowKey = (_, i) => i, label = 'Metrics' }: Props<M>) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label={label}>
        <caption>{plural(metrics.length, 'metric')}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Alias</th>
            <th scope="col">Type</th>
            <th scope="col">Value</th>
            <th scope="col">Timestamp</th>
            <th scope="col">
              <span className="sr-only">Chart</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((m, i) => (
            <tr key={rowKey(m, i)}>
              <td className={styles.metricName}>{m.name ? breakable(m.name) : <span className={styles.muted}>(alias only)</span>}</td>
              <td className={styles.num}>{m.alias ?? '—'}</td>
              <td>{m.type}</td>
              <td className={styles.mono}>{valueText(m)}</td>
              <td className={styles.num}>{time(m)}</td>
              <td className={styles.chartCell}>{chart(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A metric name that may break after each slash (`Inputs/<wbr>Pressure`). */
function breakable(name: string): ReactNode {
  const parts = name.split('/');
  return parts.map((p, i) => (i < parts.length - 1 ? <Fragment key={i}>{p}/<wbr /></Fragment> : <Fragment key={i}>{p}</Fragment>));
}

/** null as `null`, a DateTime as ISO 8601, anything else as its text. */
function valueText(m: MetricRow): string {
  if (m.value === null) return 'null';
  if (m.type === 'DateTime' && typeof m.value === 'number') return new Date(m.value).toISOString();
  return String(m.value);
}
