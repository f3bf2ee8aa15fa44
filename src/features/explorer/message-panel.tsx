import { useLiveTrie } from '../../hooks/use-trie';
import { useTrieSource } from '../../hooks/trie-source';
import { useState } from 'react';
import { isTruncated } from '../../core/message';
import { payloadCopyText } from './copy-payload';
import { retainedDeletion, retainedEntries } from '../../mqtt/retained-ops';
import type { RetainedEntry } from '../../core/retained-file';
import { DecodedView } from './decoded-view';
import { DeleteRetainedDialog } from '../../components/delete-retained-dialog';
import { MessageMeta } from './message-meta';
import { plural } from '../../lib/format';
import { HistoryList } from './history-list';
import { TopicActions } from './topic-actions';
import styles from './explorer.module.css';

function download(bytes: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The Message region: full topic, payload views, metadata, actions and history. */
export function MessagePanel({ topic }: { topic: string }) {
  const { trie, recording } = useTrieSource(); // the session's, or an open recording's (time travel)
  // Re-render only when this node (or something under it) changed.
  const version = useLiveTrie((t) => t.get(topic)?.version ?? -1);
  const node = trie.get(topic);
  const last = node?.last;
  const [pendingDelete, setPendingDelete] = useState<{ entries: RetainedEntry[]; scope: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const copyPayload = () => {
    if (!last) return;
    void navigator.clipboard?.writeText(payloadCopyText(last)); // what the panel shows: decoded, text or hex
  };

  return (
    <section className={styles.panel} aria-label="Message">
      <h2 className={styles.panelTopic}>{topic}</h2>
      <TopicActions
        node={node}
        onCopyPayload={copyPayload}
        onDeleteRetained={() => node && setPendingDelete({ entries: retainedEntries([node]), scope: `on ${topic}` })}
        onDeleteSubtree={() => node && setPendingDelete({ entries: retainedEntries(trie.retainedTopics(node)), scope: `under ${topic}/` })}
      />
      {notice && (
        <p className={styles.notice} role="status">
          {notice}
        </p>
      )}
      {!node ? (
        <p className={styles.diffNote}>{recording ? 'Nothing on this topic yet at this time.' : 'This topic is no longer in the tree.'}</p>
      ) : !last ? (
        <p className={styles.diffNote}>
          No message on this exact topic; below it: {plural(node.subtreeTopics, 'topic')} with{' '}
          {plural(node.subtreeMessages, 'message')}.
        </p>
      ) : (
        <>
          <MessageMeta message={last} count={node.messageCount} />
          <DecodedView topic={topic} message={last} truncated={isTruncated(last)} />
          {isTruncated(last) && (
            <p className={styles.truncated}>
              truncated — {last.size.toLocaleString()} bytes in total; the first {last.payload.length.toLocaleString()} bytes are kept.{' '}
              <button type="button" className="btn btn-sm" onClick={() => download(last.payload, `${topic.replaceAll('/', '_')}.bin`)}>
                Download payload
              </button>
            </p>
          )}
          {!isTruncated(last) && last.size > 4096 && (
            <button type="button" className="btn btn-sm" style={{ alignSelf: 'flex-start' }} onClick={() => download(last.payload, `${topic.replaceAll('/', '_')}.bin`)}>
              Download payload
            </button>
          )}
          <HistoryList key={topic} node={node} epoch={version} />
        </>
      )}
      {pendingDelete && (
        <DeleteRetainedDialog
          actions={retainedDeletion}
          entries={pendingDelete.entries}
          scope={pendingDelete.scope}
          onCancel={() => setPendingDelete(null)}
          onDone={(msg) => {
            setPendingDelete(null);
            setNotice(msg);
          }}
        />
      )}
    </section>
  );
}
