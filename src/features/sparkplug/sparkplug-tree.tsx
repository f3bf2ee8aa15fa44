/**
 * The Sparkplug tree (groups → edge nodes → devices) with their online state and seq gaps. A
 * flat list of treeitems with levels (the ARIA tree pattern): arrows move, Right/Left open and
 * close, Enter or a click selects. Each treeitem is named by its name alone; the state beside it
 * is its description.
 */
import { memo, useRef, useState, type KeyboardEvent } from 'react';
import { plural } from '../../lib/format';
import type { Online } from '../../core/sparkplug-model';
import { onlineText, placeKey, type Place, type TreeRow } from './tree-rows';
import styles from './sparkplug.module.css';

interface Props {
  rows: TreeRow[];
  selected: Place | null;
  onSelect: (place: Place) => void;
  onToggle: (key: string, open: boolean) => void;
}

export function SparkplugTree({ rows, selected, onSelect, onToggle }: Props) {
  const [focused, setFocused] = useState<string | null>(null);
  const ref = useRef<HTMLUListElement>(null);
  const selectedKey = selected ? placeKey(selected) : null;
  const tabKey = rows.some((r) => r.key === focused) ? focused : rows.some((r) => r.key === selectedKey) ? selectedKey : rows[0]?.key;

  const focusAt = (i: number) => {
    const row = rows[i];
    if (!row) return;
    setFocused(row.key);
    ref.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = Math.max(0, rows.findIndex((r) => r.key === tabKey));
    const row = rows[i];
    if (!row) return;
    const open = row.kind === 'device' ? undefined : row.expanded;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusAt(i + 1);
        break;
      case 'ArrowUp':
        focusAt(i - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(rows.length - 1);
        break;
      case 'ArrowRight':
        if (open === false) onToggle(row.key, true);
        else if (open) focusAt(i + 1);
        break;
      case 'ArrowLeft':
        if (open) onToggle(row.key, false);
        else if (row.level > 1) {
          let parent = i - 1;
          while (parent > 0 && rows[parent].level >= row.level) parent--;
          focusAt(parent);
        }
        break;
      case 'Enter':
      case ' ':
        onSelect(row.place);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  return (
    <ul ref={ref} className={styles.tree} role="tree" aria-label="Sparkplug" onKeyDown={onKeyDown}>
      {rows.map((r, i) => (
        <Row
          key={r.key}
          row={r}
          index={i}
          version={r.kind === 'group' ? r.group.version : r.kind === 'node' ? r.node.version : r.device.version}
          selected={r.key === selectedKey}
          tabbable={r.key === tabKey}
          onSelect={onSelect}
          onToggle={onToggle}
          onFocusRow={setFocused}
        />
      ))}
    </ul>
  );
}

interface RowProps {
  row: TreeRow;
  index: number;
  /** Re-renders the row when the model changed it (the row's objects are mutated in place). */
  version: number;
  selected: boolean;
  tabbable: boolean;
  onSelect: (place: Place) => void;
  onToggle: (key: string, open: boolean) => void;
  onFocusRow: (key: string) => void;
}

const expandedOf = (r: TreeRow) => (r.kind === 'device' ? undefined : r.expanded);

/**
 * Rows are rebuilt on every refresh, so a row re-renders only when what it shows changed: its
 * model version, place, selection, focus or state of opening (the handlers behave the same
 * from one render to the next).
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.row.key === b.row.key &&
    a.version === b.version &&
    a.index === b.index &&
    a.selected === b.selected &&
    a.tabbable === b.tabbable &&
    expandedOf(a.row) === expandedOf(b.row) &&
    (a.row.kind !== 'group' || b.row.kind !== 'group' || (a.row.online === b.row.online && a.row.total === b.row.total))
  );
}

const Row = memo(function Row({ row, index, selected, tabbable, onSelect, onToggle, onFocusRow }: RowProps) {
  const expanded = row.kind === 'device' ? undefined : row.expanded;
  const name = row.kind === 'group' ? row.group.name : row.kind === 'node' ? row.node.name : row.device.name;
  const descId = `sp-row-${index}`;
  return (
    <li
      role="none"
      className={selected ? `${styles.row} ${styles.selected}` : styles.row}
      style={{ paddingLeft: 8 + (row.level - 1) * 18 }}
      onClick={() => onSelect(row.place)}
    >
      <span
        className={styles.twisty}
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          if (expanded !== undefined) onToggle(row.key, !expanded);
        }}
      >
        {expanded === undefined ? '' : expanded ? '▾' : '▸'}
      </span>
      <span
        role="treeitem"
        aria-level={row.level}
        aria-expanded={expanded}
        aria-selected={selected}
        aria-describedby={descId}
        tabIndex={tabbable ? 0 : -1}
        data-index={index}
        className={row.kind === 'group' ? `${styles.name} ${styles.groupName}` : styles.name}
        onFocus={() => onFocusRow(row.key)}
      >
        {name}
      </span>
      <span id={descId} hidden>
        {description(row)}
      </span>
      <span className={styles.rowState} aria-hidden="true">
        {row.kind === 'group' ? (
          <span className={styles.muted}>
            {row.online} of {plural(row.total, 'edge node')} online
          </span>
        ) : (
          <>
            <OnlineBadge online={row.kind === 'node' ? row.node.online : row.device.online} />
            {row.kind === 'node' && row.node.missed > 0 && (
              <span className={styles.gap}>
                <span aria-hidden="true">⚠ </span>
                {row.node.missed} missed
              </span>
            )}
            <span className={styles.muted}>
              {row.kind === 'node' && row.node.devices.size > 0 && `${plural(row.node.devices.size, 'device')} · `}
              {plural((row.kind === 'node' ? row.node : row.device).metrics.size, 'metric')}
            </span>
          </>
        )}
      </span>
    </li>
  );
}, sameRow);

/** What a row's treeitem is described by (its name is the name alone). */
function description(row: TreeRow): string {
  if (row.kind === 'group') return `${row.online} of ${plural(row.total, 'edge node')} online`;
  const source = row.kind === 'node' ? row.node : row.device;
  const parts = [onlineText(source.online)];
  if (row.kind === 'node' && row.node.missed > 0) parts.push(`${row.node.missed} missed`);
  if (row.kind === 'node' && row.node.devices.size > 0) parts.push(plural(row.node.devices.size, 'device'));
  parts.push(plural(source.metrics.size, 'metric'));
  return parts.join(', ');
}

/** A dot and the word: Online, Offline, No BIRTH yet. */
export function OnlineBadge({ online }: { online: Online }) {
  const cls = online === undefined ? styles.unknown : online ? styles.online : styles.offline;
  return (
    <span className={`${styles.badge} ${cls}`}>
      <span aria-hidden="true">{online === undefined ? '?' : online ? '●' : '○'} </span>
      {onlineText(online)}
    </span>
  );
}
