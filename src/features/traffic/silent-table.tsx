import type { SilentTopic } from '../../core/traffic';
import { formatAgo, formatDuration } from './format';
import styles from './traffic.module.css';

interface Props {
  rows: readonly SilentTopic[];
  onOpen: (topic: string) => void;
  now: number;
}

/** Topics that stopped publishing (3× their usual interval) and devices whose status says offline. */
export function SilentTable({ rows, onOpen, now }: Props) {
  return (
    <table className={styles.table} aria-label="Silent topics">
      <thead>
        <tr>
          <th scope="col" className={styles.topicCol}>
            Topic
          </th>
          <th scope="col" className={styles.num}>
            Usual interval
          </th>
          <th scope="col" className={styles.num}>
            Last heard
          </th>
          <th scope="col" className={styles.whyCol}>
            Why
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.topic} className={styles.clickable} onClick={() => onOpen(r.topic)}>
            <td className={styles.topic}>
              <button
                type="button"
                className={styles.topicButton}
                title={`${r.topic} (show in the Explorer)`}
                onClick={(e) => {
                  e.stopPropagation();
                  onOpen(r.topic);
                }}
              >
                {r.topic === '' ? '(empty level)' : r.topic}
              </button>
            </td>
            <td className={`${styles.num} tabular`}>{r.interval === undefined ? '—' : formatDuration(r.interval)}</td>
            <td className={`${styles.num} tabular`} title={new Date(r.lastSeen).toISOString()}>
              {formatAgo(r.lastSeen, now)}
            </td>
            <td className={styles.why}>
              {r.reason === 'offline' ? (
                <span className={styles.offline}>
                  <span aria-hidden="true">⏻ </span>Says “{r.status}”
                </span>
              ) : (
                <span className={styles.silent}>
                  <span aria-hidden="true">◌ </span>Silent: missed {r.interval ? Math.floor((now - r.lastSeen) / r.interval) : 3} intervals
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
