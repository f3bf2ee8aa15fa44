import { startTransition, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveTrie } from '../../hooks/use-trie';
import type { TopicNode } from '../../core/topic-node';
import { flattenVisible, type RowList, type TreeRow } from '../../core/tree-rows';
import { selectTopic, setExpanded, useExplorerStore } from '../../stores/explorer-store';
import { plural } from '../../lib/format';
import { FLASH_MS, TopicRow } from './topic-row';
import styles from './explorer.module.css';
import { useRateOrder } from './use-rate-order';
import { quietTransitions } from './quiet-transitions';

const ROW_H = 26;

const indexOfTopic = (rows: RowList, topic: string) => rows.indexOf(topic);
const isFlashing = (changedAt: number, now: number) => changedAt > 0 && now - changedAt < FLASH_MS;

/**
 * The virtualised topic tree (WAI-ARIA tree pattern). Only rows on screen are
 * rendered; order is stable and the first visible row stays put while topics
 * are added above it, so nothing jumps under the pointer.
 */
export function TopicTree() {
  // The session's trie (or an open recording's), re-rendered at most 10 times a second (use-model.ts).
  const { trie, epoch, refreshes } = useLiveTrie();
  // What each row shows is its node as of the last live refresh: a render for anything else (a
  // click, a key, a focus move) passes a row the version it had then, so the memoised rows stay
  // as they are and the input's frame lays out only what the input changed (the selected row, the
  // focused one), not ~30 rows' new previews and counts. A new map per refresh; a row first
  // rendered between refreshes (scrolled into view) shows its node as it is then.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- refreshes: one snapshot per live refresh
  const shownVersions = useMemo(() => new Map<TopicNode, number>(), [refreshes]);
  const shownVersion = (node: TopicNode) => {
    let v = shownVersions.get(node);
    if (v === undefined) shownVersions.set(node, (v = node.version));
    return v;
  };
  const expanded = useExplorerStore((s) => s.expanded);
  // The tree follows the filter box in a transition: a key press paints the letter at once and
  // the (possibly long) re-filtering is interruptible by the next key.
  const filter = useDeferredValue(useExplorerStore((s) => s.filter));
  const filterPayloads = useExplorerStore((s) => s.filterPayloads);
  const selected = useExplorerStore((s) => s.selected);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusRef = useRef<string | null>(null);
  /** Last known scroll offset, kept from scroll events so renders never force a layout to read it. */
  const scrollTop = useRef(0);

  const { rows: naturalRows, matchCount } = useMemo(
    () => flattenVisible(trie, expanded, filter, { payloads: filterPayloads }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- epoch: the trie is mutated in place; its change counter drives the memo
    [trie, epoch, expanded, filter, filterPayloads],
  );
  // With "Sort by rate": siblings busiest first (use-rate-order.ts).
  const rows = useRateOrder(naturalRows);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    // Rows rendered beyond the visible ones, each side. Every rendered row is re-rendered, laid out
    // and painted at each live refresh (10 a second on a busy broker: all their previews and counts
    // change), so 12 a side (up to 24 hidden rows beside ~30 visible) cost a third of the tree's
    // refresh; 4 keep a wheel scroll from showing empty space (docs/performance.md).
    overscan: 4,
    // Scrolling re-renders in React's normal batching instead of a flushSync per scroll event,
    // which would also throw away a live refresh being rendered in the background.
    useFlushSync: false,
    // No getItemKey: it would be called for every row (100,000 on a wide level) on each render;
    // rows are keyed by topic where they are rendered.
  });

  // Scroll anchoring: keep the first visible topic in place when rows are inserted above it.
  // The anchor is taken after each render and each scroll (offsets come from scroll events,
  // so a render never forces a layout just to read them).
  const anchor = useRef<{ topic: string; index: number } | null>(null);
  const rowsRef = useRef(rows);
  const takeAnchor = () => {
    const first = Math.floor(scrollTop.current / ROW_H);
    const r = rowsRef.current.at(first);
    anchor.current = r ? { topic: r.node.topic, index: first } : null;
  };
  useLayoutEffect(() => {
    rowsRef.current = rows;
    const a = anchor.current;
    if (a && scrollTop.current > 0 && rows.at(a.index)?.node.topic !== a.topic) {
      const now = indexOfTopic(rows, a.topic);
      if (now >= 0 && scrollRef.current) {
        const shift = (now - a.index) * ROW_H;
        scrollRef.current.scrollTop += shift;
        scrollTop.current += shift;
      }
    }
    takeAnchor();
  }, [rows]);

  // Keyboard focus moves to a row once that row is rendered. A jump (End, Home, a long way up or
  // down) scrolls first, and the rows at the new place are rendered by React after the scroll
  // event, later than the next animation frame: focusing "in the next frame" found no row there,
  // the focused row had been unmounted, and focus fell to the page (the next key then scrolled the
  // tree the browser's way, smoothly, remounting every row at each step). So the wanted topic
  // waits here and every commit of the tree tries it.
  const pendingFocus = useRef<string | null>(null);
  const focusPending = useCallback(() => {
    const topic = pendingFocus.current;
    if (topic === null) return;
    const active = document.activeElement;
    if (active && active !== document.body && !scrollRef.current?.contains(active)) {
      pendingFocus.current = null; // focus went elsewhere meanwhile (a click on the filter box…)
      return;
    }
    const i = indexOfTopic(rowsRef.current, topic);
    const el = i < 0 ? null : scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
    if (i < 0 || el) pendingFocus.current = null;
    el?.focus();
  }, []);
  useLayoutEffect(focusPending);

  const focusTopic = useCallback(
    (topic: string) => {
      focusRef.current = topic;
      const i = indexOfTopic(rows, topic);
      if (i < 0) return;
      virtualizer.scrollToIndex(i, { align: 'auto' });
      pendingFocus.current = topic;
      focusPending(); // at once when the row is already rendered (a step within the view)
    },
    [rows, virtualizer, focusPending],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    const current = focusRef.current ?? selected ?? rows.at(0)?.node.topic;
    if (current == null) return;
    const i = Math.max(0, indexOfTopic(rows, current));
    const row: TreeRow | undefined = rows.at(i);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        if (i + 1 < rows.length) focusTopic(rows.at(i + 1)!.node.topic);
        break;
      case 'ArrowUp':
        if (i > 0) focusTopic(rows.at(i - 1)!.node.topic);
        break;
      case 'Home':
        if (rows.length) focusTopic(rows.at(0)!.node.topic);
        break;
      case 'End':
        if (rows.length) focusTopic(rows.at(rows.length - 1)!.node.topic);
        break;
      case 'ArrowRight':
        if (row?.hasChildren && !row.expanded) setExpanded(row.node.topic, true);
        else if (row?.expanded && i + 1 < rows.length) focusTopic(rows.at(i + 1)!.node.topic);
        break;
      case 'ArrowLeft':
        if (row?.expanded) setExpanded(row.node.topic, false);
        else if (row?.node.parent && row.node.parent.parent) focusTopic(row.node.parent.topic);
        break;
      case 'Enter':
      case ' ':
        if (row) selectTopic(row.node.topic);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const tabStop = focusRef.current ?? selected ?? rows.at(0)?.node.topic;
  const onFocusRow = useCallback((topic: string) => (focusRef.current = topic), []);

  // Change highlights of the rows on screen: on while their node changed less than FLASH_MS ago.
  // Each refresh decides them again; once changes stop, one more render (below) switches the
  // last ones off.
  const virtualItems = virtualizer.getVirtualItems();
  const now = Date.now();
  let flashEnds = Infinity;
  for (const v of virtualItems) {
    const changedAt = rows.at(v.index)?.node.changedAt ?? 0;
    if (isFlashing(changedAt, now)) flashEnds = Math.min(flashEnds, changedAt + FLASH_MS);
  }
  const [, setFlashClock] = useState(0);
  // The highlights' transition events never reach React's root listener (quiet-transitions.ts).
  useEffect(() => quietTransitions(styles.flash), []);
  useEffect(() => {
    if (flashEnds === Infinity) return;
    const timer = setTimeout(
      () => startTransition(() => setFlashClock((n) => n + 1)),
      Math.max(0, flashEnds - Date.now()) + 10,
    );
    return () => clearTimeout(timer);
  }, [flashEnds]);

  return (
    <>
      {filter.trim() !== '' && (
        <div className={styles.matches} role="status" aria-label="Filter matches">
          {plural(matchCount, 'matching topic')}
        </div>
      )}
      <div
        ref={scrollRef}
        className={styles.tree}
        role="tree"
        aria-label="Topics"
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          scrollTop.current = e.currentTarget.scrollTop;
          takeAnchor();
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const r = rows.at(v.index)!;
            return (
              <TopicRow
                key={r.node.topic}
                row={r}
                version={shownVersion(r.node)}
                index={v.index}
                top={v.start}
                selected={selected === r.node.topic}
                flash={isFlashing(r.node.changedAt, now)}
                tabbable={tabStop === r.node.topic}
                onFocusRow={onFocusRow}
              />
            );
          })}
        </div>
      </div>
    </>
  );
}
