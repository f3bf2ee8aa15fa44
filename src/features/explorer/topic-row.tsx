import { memo } from 'react';
import type { TreeRow } from '../../core/tree-rows';
import { rowPreview } from './row-preview';
import { useModel } from '../../hooks/use-model';
import { storedDecodings } from '../../mqtt/decoders/stored-decodings';
import { useDecodeAsStore } from '../../stores/decode-as-store';
import { selectTopic, setExpanded } from '../../stores/explorer-store';
import { plural } from '../../lib/format';
import styles from './explorer.module.css';
import { useExplorerRatesStore } from '../../stores/explorer-rates-store';
import { RowRate } from './row-rate';

export interface Props {
  row: TreeRow;
  /** The node's version: rows are memoised, so a change under the node must change a prop. */
  version: number;
  index: number;
  top: number;
  selected: boolean;
  /** The node changed less than FLASH_MS ago (decided by the tree, which also clears it). */
  flash: boolean;
  tabbable: boolean;
  onFocusRow: (topic: string) => void;
}

/** How long a changed row stays highlighted (then it fades out in CSS). */
export const FLASH_MS = 900;

/**
 * One tree row. Name is the level name (accessible name); counts and preview describe it.
 * Memoised: a refresh of the tree re-renders only the rows whose node changed (or moved).
 */
export const TopicRow = memo(function TopicRow({ row, index, top, selected, flash, tabbable, onFocusRow }: Props) {
  const { node, depth, hasChildren, expanded, posInSet, setSize } = row;
  const descId = `tree-desc-${index}`;
  const showRates = useExplorerRatesStore((s) => s.show);
  const decodeRules = useDecodeAsStore((s) => s.rules); // a Decode as change re-renders the preview
  useModel(storedDecodings); // and so does a decoding made here after a choice (row-preview.ts)
  const preview = node.last ? rowPreview(node.last, decodeRules, 80) : ''; // the decoded reading, else text / hex
  const counts =
    hasChildren && node.subtreeTopics > (node.messageCount > 0 ? 1 : 0)
      ? `${plural(node.subtreeMessages, 'msg')} · ${plural(node.subtreeTopics, 'topic')}`
      : plural(node.messageCount, 'msg');
  // The treeitem is the name alone, so its accessible name is exactly its visible text; the
  // row around it (role none) carries the twisty, badge, preview and counts. Those are the
  // item's description (aria-describedby), hidden from the tree itself so they are not read twice.
  return (
    <div
      role="none"
      className={selected ? `${styles.row} ${styles.selected}` : styles.row}
      style={{ transform: `translateY(${top}px)`, paddingLeft: 8 + depth * 16 }}
      onClick={() => selectTopic(node.topic)}
      onDoubleClick={() => hasChildren && setExpanded(node.topic, !expanded)}
      title={node.topic}
    >
      {/* The change highlight: always there, its colour switched by the tree (on at once, a CSS
          fade when it goes off). No element inserted per change, no animation, no layer: a flood
          of changes costs a class switch per row and refresh, not a new compositor animation each time. */}
      <span className={flash ? `${styles.flash} ${styles.flashOn}` : styles.flash} aria-hidden="true" />
      <span
        className={styles.twisty}
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          if (hasChildren) setExpanded(node.topic, !expanded);
        }}
      >
        {hasChildren ? (expanded ? '▾' : '▸') : ''}
      </span>
      <span
        role="treeitem"
        aria-label={node.name === '' ? '(empty level)' : node.name}
        aria-describedby={`${descId}-c${showRates ? ` ${descId}-rate` : ''} ${descId}-p${node.retained ? ` ${descId}-r` : ''}`}
        aria-level={depth + 1}
        aria-setsize={setSize}
        aria-posinset={posInSet}
        aria-expanded={hasChildren ? expanded : undefined}
        aria-selected={selected}
        data-index={index}
        tabIndex={tabbable ? 0 : -1}
        className={node.name === '' ? `${styles.name} ${styles.emptyName}` : styles.name}
        onFocus={() => onFocusRow(node.topic)}
      >
        {node.name === '' ? '(empty)' : node.name}
      </span>
      {node.retained && (
        <span className={styles.badge} title="Retained message" id={`${descId}-r`} aria-hidden="true">
          retained
        </span>
      )}
      <span id={`${descId}-p`} className={styles.preview} aria-hidden="true">
        {preview}
      </span>
      <span id={`${descId}-c`} className={styles.counts} aria-hidden="true">
        {counts}
      </span>
      {showRates && <RowRate node={node} id={`${descId}-rate`} />}
    </div>
  );
}, sameRowProps);

/**
 * The memo's comparison. The tree's row list is lazy (core/tree-rows.ts) and hands out a new
 * TreeRow object for every row at every render, so a plain shallow comparison found every row
 * changed and re-rendered all of them at each render of the tree; the row is compared by its fields.
 */
export function sameRowProps(a: Props, b: Props): boolean {
  const r = a.row;
  const s = b.row;
  return (
    (r === s ||
      (r.node === s.node && r.depth === s.depth && r.hasChildren === s.hasChildren && r.expanded === s.expanded && r.posInSet === s.posInSet && r.setSize === s.setSize)) &&
    a.version === b.version &&
    a.index === b.index &&
    a.top === b.top &&
    a.selected === b.selected &&
    a.flash === b.flash &&
    a.tabbable === b.tabbable &&
    a.onFocusRow === b.onFocusRow
  );
}
