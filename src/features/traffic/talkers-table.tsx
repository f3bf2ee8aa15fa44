import type { TalkerRow, TalkerSort } from '../../core/top-talkers';
import { formatCount } from '../../lib/format';
import { formatAgo, formatByteRate, formatBytes, formatRate } from './format';
import { Sparkline } from './sparkline';
import styles from './traffic.module.css';

export interface SortState {
  by: TalkerSort;
  descending: boolean;
}

interface Props {
  rows: readonly TalkerRow[];
  grouped: boolean;
  sort: SortState;
  onSort: (by: TalkerSort) => void;
  onOpen: (key: string) => void;
  now: number;
}

interface Column {
  by: TalkerSort;
  label: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { by: 'msgRate', label: 'Messages/s', numeric: true },
  { by: 'byteRate', label: 'Bytes/s', numeric: true },
  { by: 'totalBytes', label: 'Total bytes', numeric: true },
  { by: 'largest', label: 'Largest payload', numeric: true },
  { by: 'lastSeen', label: 'Last seen', numeric: true },
];

/** The Top talkers table: sortable by its column headers; a row opens its topic in the Explorer. */
export function TalkersTable({ rows, grouped, sort, onSort, onOpen, now }: Props) {
  const header = (c: Column, className?: string) => {
    const active = sort.by === c.by;
    return (
      <th scope="col" key={c.by} className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button type="button" className={styles.sortButton} onClick={() => onSort(c.by)}>
          {c.label}
          <span className={styles.sortMark} aria-hidden="true">
            {active ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };
  return (
    <table className={styles.table} aria-label="Top talkers">
      <thead>
        <tr>
          {header({ by: 'topic', label: grouped ? 'Group' : 'Topic', numeric: false }, styles.topicCol)}
          {grouped && (
            <th scope="col" className={styles.num}>
              Topics
            </th>
          )}
          {COLUMNS.map((c) => header(c, styles.num))}
          <th scope="col" className={styles.sparkCol}>
            Last minute
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={styles.clickable} onClick={() => onOpen(r.key)}>
            <td className={styles.topic}>
              <button
                type="button"
                className={styles.topicButton}
                title={`${r.key} (show in the Explorer)`}
                onClick={(e) => {
                  e.stopPropagation();
                  onOpen(r.key);
                }}
              >
                {r.key === '' ? '(empty level)' : r.key}
              </button>
            </td>
            {grouped && <td className={`${styles.num} tabular`}>{formatCount(r.topics)}</td>}
            <td className={`${styles.num} tabular`} title={`${formatRate(r.msgRate60)} messages/s over the last minute`}>
              {formatRate(r.msgRate)}
            </td>
            <td className={`${styles.num} tabular`} title={`${formatByteRate(r.byteRate60)} over the last minute`}>
              {formatByteRate(r.byteRate)}
            </td>
            <td className={`${styles.num} tabular`}>{formatBytes(r.totalBytes)}</td>
            <td className={`${styles.num} tabular`}>{formatBytes(r.largest)}</td>
            <td className={`${styles.num} tabular`} title={r.lastSeen ? new Date(r.lastSeen).toISOString() : undefined}>
              {formatAgo(r.lastSeen, now)}
            </td>
            <td className={styles.sparkCol}>
              <Sparkline values={r.spark} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
