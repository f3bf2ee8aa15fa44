import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTrie } from '../../hooks/use-trie';
import { flattenVisible, type TreeRow } from '../../core/tree-rows';
import { selectTopic, setExpanded, useExplorerStore } from '../../stores/explorer-store';
import { TopicRow } from './topic-row';
import styles from './explorer.module.css';

const ROW_H = 26;

/**
 * The virtualised topic tree (WAI-ARIA tree pattern). Only rows on screen are
 * rendered; order is stable and the first visible row stays put while topics
 * are added above it, so nothing jumps under the pointer.
 */
export function TopicTree() {
  const { trie, epoch } = useTrie();
  const expanded = useExplorerStore((s) => s.expanded);
  const filter = useExplorerStore((s) => s.filter);
  const selected = useExplorerStore((s) => s.selected);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusRef = useRef<string | null>(null);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const { rows, matchCount } = useMemo(() => flattenVisible(trie, expanded, filter), [trie, epoch, expanded, filter]);
  const indexOf = useMemo(() => {
    const m = new Map<string, number>();
    rows.forEach((r, i) => m.set(r.node.topic, i));
    return m;
  }, [rows]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 12,
    getItemKey: (i) => rows[i].node.topic,
  });

  // Scroll anchoring: keep the first visible topic at the same place when rows are inserted above it.
  const anchor = useRef<{ topic: string; index: number } | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const a = anchor.current;
    if (a) {
      const now = indexOf.get(a.topic);
      if (now !== undefined && now !== a.index && el.scrollTop > 0) el.scrollTop += (now - a.index) * ROW_H;
    }
    const first = Math.floor(el.scrollTop / ROW_H);
    anchor.current = rows[first] ? { topic: rows[first].node.topic, index: first } : null;
  }, [rows, indexOf]);

  const focusTopic = useCallback(
    (topic: string) => {
      focusRef.current = topic;
      const i = indexOf.get(topic);
      if (i === undefined) return;
      virtualizer.scrollToIndex(i, { align: 'auto' });
      requestAnimationFrame(() => {
        scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus();
      });
    },
    [indexOf, virtualizer],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    const current = focusRef.current ?? selected ?? rows[0]?.node.topic;
    if (current == null) return;
    const i = indexOf.get(current) ?? 0;
    const row: TreeRow | undefined = rows[i];
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        if (i + 1 < rows.length) focusTopic(rows[i + 1].node.topic);
        break;
      case 'ArrowUp':
        if (i > 0) focusTopic(rows[i - 1].node.topic);
        break;
      case 'Home':
        if (rows.length) focusTopic(rows[0].node.topic);
        break;
      case 'End':
        if (rows.length) focusTopic(rows[rows.length - 1].node.topic);
        break;
      case 'ArrowRight':
        if (row?.hasChildren && !row.expanded) setExpanded(row.node.topic, true);
        else if (row?.expanded && rows[i + 1]) focusTopic(rows[i + 1].node.topic);
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

  const tabStop = focusRef.current ?? selected ?? rows[0]?.node.topic;
  return (
    <>
      {filter.trim() !== '' && (
        <div className={styles.totals} style={{ padding: '4px 12px' }} role="status" aria-label="Filter matches">
          {matchCount.toLocaleString()} matching {matchCount === 1 ? 'topic' : 'topics'}
        </div>
      )}
      <div ref={scrollRef} className={styles.tree} role="tree" aria-label="Topics" onKeyDown={onKeyDown}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const r = rows[v.index];
            return (
              <TopicRow
                key={v.key}
                row={r}
                index={v.index}
                top={v.start}
                selected={selected === r.node.topic}
                tabbable={tabStop === r.node.topic}
                onFocusRow={() => (focusRef.current = r.node.topic)}
              />
            );
          })}
        </div>
      </div>
    </>
  );
}
