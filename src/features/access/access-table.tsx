import type { ReactNode } from 'react';
import { Chip } from './chip';
import styles from './access.module.css';

export interface Column {
  title: string;
  /** Width class for the <col>; the last column holds the row actions. */
  colClassName?: string;
}

interface TableProps {
  label: string;
  columns: Column[];
  /** Shown as the only row when there is nothing to list. */
  empty: string | false;
  className?: string;
  children: ReactNode;
}

/** The frame the Clients, Groups and Roles tables share: columns, header, empty row. */
export function AccessTable({ label, columns, empty, className, children }: TableProps) {
  return (
    <div className={styles.tableWrap}>
      <table className={className ? `${styles.table} ${className}` : styles.table} aria-label={label}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.title} className={c.colClassName} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={c.title} scope="col" className={i === columns.length - 1 ? styles.actionsHead : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty && (
            <tr>
              <td colSpan={columns.length} className={styles.emptyRow}>
                {empty}
              </td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}

export interface ChipItem {
  key: string;
  text: string;
  detail?: string;
  removeLabel?: string;
  onRemove?: () => void;
}

/** Names as chips (each optionally removable), or "none". */
export function ChipList({ items }: { items: ChipItem[] }) {
  return (
    <div className={styles.chips}>
      {items.length === 0 && <span className={styles.none}>none</span>}
      {items.map(({ key, ...chip }) => (
        <Chip key={key} {...chip} />
      ))}
    </div>
  );
}
