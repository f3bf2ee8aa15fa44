/** The Decoders page's tables: their columns, a row saying the table is empty, and a Remove button ending each row. */
import type { ReactNode } from 'react';
import { Icon } from '../../components/icons';
import styles from './decoders.module.css';

export interface Column {
  label: string;
  className?: string;
}

interface Props<T> {
  /** The table's accessible name. */
  label: string;
  /** The columns before the Remove button's. */
  columns: readonly Column[];
  items: readonly T[];
  itemKey: (item: T) => string;
  /** An item's cells before its Remove button. */
  cells: (item: T) => ReactNode;
  /** The Remove button's accessible name for an item (`Remove mapping factory/+/reading`). */
  removeLabel: (item: T) => string;
  onRemove: (item: T) => void;
  /** The one row shown when there are no items. */
  empty: ReactNode;
}

export function RemovableTable<T>({ label, columns, items, itemKey, cells, removeLabel, onRemove, empty }: Props<T>) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.className}>
                {c.label}
              </th>
            ))}
            <th scope="col" className={styles.colActions}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={columns.length + 1} className={styles.emptyRow}>
                {empty}
              </td>
            </tr>
          ) : (
            items.map((item) => (
              <tr key={itemKey(item)}>
                {cells(item)}
                <RemoveCell label={removeLabel(item)} onRemove={() => onRemove(item)} />
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function RemoveCell({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <td className={styles.actions}>
      <button type="button" className="btn btn-sm" onClick={onRemove} aria-label={label}>
        <Icon name="trash" size={14} /> Remove
      </button>
    </td>
  );
}
