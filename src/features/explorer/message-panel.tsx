import { useMemo, useSyncExternalStore } from 'react';
import { session } from '../../mqtt/session';
import { decodePayload, toHex } from '../../core/payload';
import { isTruncated } from '../../core/message';
import styles from './explorer.module.css';

function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/** The Message region: full topic, payload (text / pretty JSON / hex), QoS, retained, time, size. */
export function MessagePanel({ topic }: { topic: string }) {
  const trie = session.trie;
  const node = trie.get(topic);
  // Re-render only when this node (or something under it) changed.
  useSyncExternalStore(trie.subscribe, () => trie.get(topic)?.version ?? -1);
  const last = node?.last;
  const decoded = useMemo(() => (last ? decodePayload(last.payload, { truncated: isTruncated(last) }) : undefined), [last]);
  const shown = useMemo(() => {
    if (!decoded || !last) return '';
    if (decoded.kind === 'json') return JSON.stringify(decoded.json, null, 2);
    if (decoded.kind === 'text') return decoded.text ?? '';
    if (decoded.kind === 'empty') return '';
    return toHex(last.payload, 4096);
  }, [decoded, last]);

  return (
    <section className={styles.panel} aria-label="Message">
      <h2 className={styles.panelTopic}>{topic}</h2>
      <div className={styles.actions}>
        <button type="button" className="btn btn-sm" onClick={() => navigator.clipboard?.writeText(topic)}>
          Copy topic
        </button>
        <button type="button" className="btn btn-sm" disabled={!last} onClick={() => navigator.clipboard?.writeText(shown)}>
          Copy payload
        </button>
      </div>
      {!last ? (
        <p style={{ color: 'var(--text-muted)' }}>No message on this exact topic; its subtopics have {node?.subtreeMessages ?? 0} messages.</p>
      ) : (
        <>
          <dl className={styles.meta}>
            <dt>QoS</dt>
            <dd>{last.qos}</dd>
            <dt>Retained</dt>
            <dd>{last.retain ? 'yes' : 'no'}</dd>
            <dt>Received</dt>
            <dd>{new Date(last.time).toLocaleTimeString(undefined, { hour12: false })}.{String(last.time % 1000).padStart(3, '0')}</dd>
            <dt>Size</dt>
            <dd>{formatSize(last.size)}</dd>
            <dt>Messages</dt>
            <dd>{node?.messageCount.toLocaleString()}</dd>
          </dl>
          <div>
            <span className={styles.kind}>{decoded?.kind === 'binary' ? 'binary (hex)' : decoded?.kind}</span>
            <pre className={styles.payload} aria-label="Payload">
              {decoded?.kind === 'empty' ? '(empty payload)' : shown}
            </pre>
            {isTruncated(last) && <p className="field-hint">truncated — {last.size.toLocaleString()} bytes in total</p>}
          </div>
        </>
      )}
    </section>
  );
}
