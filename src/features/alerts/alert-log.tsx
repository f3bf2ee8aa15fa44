import type { AlertLogEntry } from '../../core/alert-engine';
import styles from './alerts.module.css';

/** Rows shown (the engine keeps up to MAX_LOG). */
const SHOWN = 200;

const time = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour12: false });

/** The table "Alert log": newest first; time, rule, topic, value, fired or cleared. */
export function AlertLog({ log }: { log: readonly AlertLogEntry[] }) {
  const rows: AlertLogEntry[] = [];
  for (let i = log.length - 1; i >= 0 && rows.length < SHOWN; i--) rows.push(log[i]);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Alert log">
        <colgroup>
          <col className={styles.colTime} />
          <col className={styles.colEvent} />
          <col />
          <col />
          <col className={styles.colValue} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Rule</th>
            <th scope="col">Topic</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className={styles.emptyRow}>
                Nothing fired yet. Alerts that fire and clear are listed here, newest first.
              </td>
            </tr>
          )}
          {rows.map((e) => (
            <tr key={e.seq}>
              <td className={styles.time}>{time(e.time)}</td>
              <td className={e.kind === 'fired' ? styles.fired : styles.cleared}>
                <span aria-hidden="true">{e.kind === 'fired' ? '▲ ' : '✓ '}</span>
                {e.kind === 'fired' ? 'Fired' : 'Cleared'}
              </td>
              <td className={styles.mono}>{e.rule}</td>
              <td className={styles.mono}>{e.topic}</td>
              <td className={styles.mono}>{e.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
