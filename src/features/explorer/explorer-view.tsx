import { useSyncExternalStore } from 'react';
import { useTrie } from '../../hooks/use-trie';
import { setFilter, useExplorerStore } from '../../stores/explorer-store';
import { useSessionStore } from '../../stores/session-store';
import { TopicTree } from './topic-tree';
import { MessagePanel } from './message-panel';
import styles from './explorer.module.css';

export function ExplorerView() {
  const { trie } = useTrie();
  const filter = useExplorerStore((s) => s.filter);
  const selected = useExplorerStore((s) => s.selected);
  const subs = useSessionStore((s) => s.subscriptions);
  const state = useSessionStore((s) => s.state);
  // Totals re-read per applied batch through the trie's epoch.
  useSyncExternalStore(trie.subscribe, trie.getSnapshot);
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
          <span className={`${styles.totals} tabular`} aria-live="off">
            {trie.topicCount.toLocaleString()} topics · {trie.totalMessages.toLocaleString()} messages
          </span>
        </div>
        {trie.topicCount === 0 ? (
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
          <MessagePanel topic={selected} />
        ) : (
          <div className={styles.emptyDetail}>
            <p>Select a topic to see its last message, QoS, retained flag and history.</p>
          </div>
        )}
      </aside>
    </div>
  );
}
