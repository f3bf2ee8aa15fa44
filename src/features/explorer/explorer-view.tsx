import { useLiveTrie, useTrie } from '../../hooks/use-trie';
import { useTrieSource } from '../../hooks/trie-source';
import { formatCount } from '../../lib/format';
import { setFilter, setFilterPayloads, useExplorerStore } from '../../stores/explorer-store';
import { useSessionStore } from '../../stores/session-store';
import { TopicTree } from './topic-tree';
import { lazy, memo, Suspense, useDeferredValue } from 'react';
import { MemoryNotice } from './memory-notice';
import { RatesToggles } from './rates-toggles';
import styles from './explorer.module.css';

// The Message panel (payload and JSON views, history with diffs, retained deletion) loads when a
// topic is first selected: none of it is needed to show the tree (docs/performance.md, "First load").
// memo: a selection renders the panel in the background (useDeferredValue below), so the click's
// own frame only moves the highlight; the panel is not re-rendered with the topic it already shows.
const MessagePanel = memo(lazy(() => import('./message-panel').then((m) => ({ default: m.MessagePanel }))));

/** The totals line: the only part of the view that changes with every batch. */
function Totals() {
  const { trie } = useLiveTrie();
  return (
    <span className={`${styles.totals} tabular`}>
      {formatCount(trie.topicCount)} topics · {formatCount(trie.totalMessages)} messages
    </span>
  );
}

export function ExplorerView() {
  // Re-renders only when the tree goes from empty to not empty (or back), not per batch.
  const empty = useTrie((trie) => trie.topicCount === 0);
  const filter = useExplorerStore((s) => s.filter);
  // The Message panel follows the selection in a transition: the row's highlight answers the
  // click at once and the panel (payload, JSON tree, 100-entry history) renders right after.
  const selected = useDeferredValue(useExplorerStore((s) => s.selected));
  const filterPayloads = useExplorerStore((s) => s.filterPayloads);
  const subs = useSessionStore((s) => s.subscriptions);
  const state = useSessionStore((s) => s.state);
  const recording = useTrieSource().recording; // an open recording (time travel) rather than the broker
  return (
    <div className={styles.explorer}>
      <section className={styles.treePane} aria-label="Topic tree">
        <div className={styles.toolbar}>
          <input
            type="search"
            className="input"
            aria-label="Filter topics"
            placeholder="Filter topics"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <label className="check" style={{ fontSize: 'var(--fs-sm)', whiteSpace: 'nowrap' }}>
            <input type="checkbox" checked={filterPayloads} onChange={(e) => setFilterPayloads(e.target.checked)} /> Search payloads
          </label>
          <RatesToggles />
          <Totals />
        </div>
        <MemoryNotice />
        {empty && recording ? (
          <div className={styles.empty}>
            <h2>Nothing recorded yet at this time</h2>
            <p>Move the Time slider further, or press Play: topics appear as the recording received them.</p>
          </div>
        ) : empty ? (
          <div className={styles.empty}>
            <h2>{state === 'connected' ? 'Waiting for messages…' : 'Not connected yet'}</h2>
            <p>
              {state === 'connected'
                ? `Subscribed to ${subs.map((s) => s.filter).join(', ') || '#'}. Retained messages arrive at once; other topics appear when devices next publish.`
                : 'Topics appear here as soon as the connection to the broker is up. Use Connections to change the broker.'}
            </p>
          </div>
        ) : (
          <TopicTree />
        )}
      </section>
      <aside className={styles.detailPane}>
        {selected !== null ? (
          <Suspense
            fallback={
              <section className={styles.panel} aria-label="Message">
                <h2 className={styles.panelTopic}>{selected}</h2>
              </section>
            }
          >
            <MessagePanel topic={selected} />
          </Suspense>
        ) : (
          <div className={styles.emptyDetail}>
            <p>Select a topic to see its last message, QoS, retained flag and history.</p>
          </div>
        )}
      </aside>
    </div>
  );
}
