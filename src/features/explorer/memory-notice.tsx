import { useTrie } from '../../hooks/use-trie';
import { session } from '../../mqtt/session';
import { useTrieSource } from '../../hooks/trie-source';
import { HISTORY_PAYLOAD_LIMIT } from '../../core/message';
import { formatBytesIEC } from '../../lib/format-bytes';
import { formatCount } from '../../lib/format';
import styles from './explorer.module.css';

/**
 * What the Explorer left out to stay within its limits: the memory cap (core/memory-budget.ts)
 * and messages coalesced in floods (counted, not kept one by one).
 */
export function MemoryNotice() {
  // Floods coalesced by the live ingest say nothing about an open recording (time travel).
  const recording = useTrieSource().recording;
  // Re-renders only when what it says changes, not per batch.
  const text = useTrie((trie) => {
    const parts: string[] = [];
    const trim = trie.memoryTrim;
    if (trim) {
      const what: string[] = [];
      if (trim.payloadsCut > 0) what.push(`${plural(trim.payloadsCut, 'older large payload')} keep their first ${formatBytesIEC(HISTORY_PAYLOAD_LIMIT)}`);
      if (trim.historyLimit < trie.historyLimit) what.push(`topics keep their last ${plural(trim.historyLimit, 'message')}`);
      const said = what.join('; ');
      parts.push(`History trimmed: memory cap of ${formatBytesIEC(trie.memoryBudget)} reached${said ? `: ${said}` : ''}.`);
    }
    if (session.coalesced > 0 && !recording) {
      parts.push(`${formatCount(session.coalesced)} messages arrived too fast to keep one by one: they are counted, not in history.`);
    }
    return parts.join(' ');
  });
  if (!text) return null;
  return (
    <p className={styles.memoryNotice} role="status">
      {text}
    </p>
  );
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
