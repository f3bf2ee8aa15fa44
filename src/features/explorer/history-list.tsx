import { memo, useEffect, useId, useState } from 'react';
import type { MqttMessage } from '../../core/message';
import { setHistoryLimit, usePrefsStore } from '../../stores/prefs-store';
import { useTrieSource } from '../../hooks/trie-source';
import type { TopicNode } from '../../core/topic-node';
import { DiffView } from './diff-view';
import { useModel } from '../../hooks/use-model';
import { useDecodeAsStore } from '../../stores/decode-as-store';
import { keepDecodedHistory } from '../../mqtt/decoded-retention';
import { storedDecodings } from '../../mqtt/decoders/stored-decodings';
import { diffBytes, entryDecoded, entryPreview, historyDecoding } from './history-decoded';
import { HistoryEntry } from './history-entry';
import { formatSize, formatTime } from '../../lib/format';
import styles from './explorer.module.css';

/**
 * One entry of the list. A live refresh of the panel (up to 10 a second on a busy topic) adds an
 * entry at the top and moves every index by one; only the entries whose shown props change (the
 * new one, the one that stops being the newest or the chosen) re-render, not all 100.
 */
const HistoryItem = memo(function HistoryItem({
  message,
  newest,
  current,
  preview,
  onChoose,
}: {
  message: MqttMessage;
  newest: boolean;
  current: boolean;
  preview: string;
  onChoose: (time: number | null) => void;
}) {
  return (
    <li>
      <button type="button" className={styles.historyItem} aria-current={current ? 'true' : undefined} onClick={() => onChoose(newest ? null : message.time)}>
        <span className={`${styles.historyTime} tabular`}>{formatTime(message.time)}</span>
        <span className={styles.historyPreview}>{preview || '(empty)'}</span>
        <span className={`${styles.historySize} tabular`}>{formatSize(message.size)}</span>
      </button>
    </li>
  );
});

/**
 * The last N messages of a topic, newest first; choosing one shows what changed from the
 * message before it. `epoch` re-renders it when the topic receives messages.
 */
export function HistoryList({ node }: { node: TopicNode; epoch: number }) {
  const items = node.hasHistory ? node.history.toArray().reverse() : [];
  const [chosenTime, setChosenTime] = useState<number | null>(null);
  const chosenIndex = Math.max(0, chosenTime === null ? 0 : items.findIndex((m) => m.time === chosenTime));
  const chosen = items[chosenIndex];
  const previous = items[chosenIndex + 1];
  const dropped = node.messageCount - items.length;
  // An open recording (time travel) keeps every message: the History size only limits what is shown.
  const { recording, trie } = useTrieSource();
  // Decoded payloads are listed and diffed decoded (history-decoded.ts): the worker's decodings
  // stay on this topic's messages while its History is shown; older entries are decoded once.
  const rules = useDecodeAsStore((s) => s.rules);
  useModel(storedDecodings);
  useEffect(() => {
    keepDecodedHistory(node.topic);
    return () => keepDecodedHistory(null);
  }, [node.topic]);
  const decoding = historyDecoding(trie, node, rules);
  const chosenDecoded = chosen && entryDecoded(chosen, decoding);
  const previousDecoded = previous && entryDecoded(previous, decoding);
  const bothDecoded = chosenDecoded && previousDecoded;
  const limit = usePrefsStore((s) => s.historyLimit);
  const [limitText, setLimitText] = useState<string | null>(null);
  const [limitError, setLimitError] = useState<string | null>(null);
  const limitId = useId();
  return (
    <section className={styles.history} aria-labelledby="history-title">
      <h3 id="history-title" className={styles.sectionTitle}>
        History <span className={styles.sectionNote}>last {items.length} of {node.messageCount.toLocaleString()}{dropped > 0 ? (recording ? ' (a larger History size shows more)' : ` (older ones not kept)`) : ''}</span>
      </h3>
      <div className={styles.historyLimit}>
        <label htmlFor={limitId}>History size</label>
        <input
          id={limitId}
          className="input"
          type="number"
          min={1}
          value={limitText ?? String(limit)}
          aria-invalid={limitError ? true : undefined}
          aria-describedby={limitError ? `${limitId}-err` : undefined}
          onChange={(e) => setLimitText(e.target.value)}
          onBlur={() => {
            if (limitText === null) return;
            const err = setHistoryLimit(Number(limitText));
            setLimitError(err);
            if (!err) setLimitText(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        <span className="field-hint">messages kept per topic</span>
        {limitError && (
          <span role="alert" id={`${limitId}-err`} className="field-error">
            {limitError}
          </span>
        )}
      </div>
      <ol className={styles.historyList} aria-label="History">
        {items.map((m, i) => (
          // A key per message (its sequence number), so a new message adds one row instead of
          // re-keying all of them; memoised, so it re-renders only the entries whose props changed.
          <HistoryItem
            key={node.history.total - i}
            message={m}
            newest={i === 0}
            current={i === chosenIndex}
            preview={entryPreview(m, decoding, 60)}
            onChoose={setChosenTime}
          />
        ))}
      </ol>
      {chosen && previous ? (
        <>
          <h4 className={styles.diffTitle}>
            Changes at {formatTime(chosen.time)} from {formatTime(previous.time)}
          </h4>
          <DiffView before={bothDecoded ? diffBytes(previous, previousDecoded) : previous.payload} after={bothDecoded ? diffBytes(chosen, chosenDecoded) : chosen.payload} />
        </>
      ) : (
        <p className={styles.diffNote}>A diff appears once this topic has a second message.</p>
      )}
      {chosen && chosenDecoded && <HistoryEntry message={chosen} decoded={chosenDecoded} />}
    </section>
  );
}
