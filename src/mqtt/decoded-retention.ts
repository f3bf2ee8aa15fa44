/**
 * Decoded payloads (Sparkplug B metrics, MessagePack / CBOR values; core/decoded.ts) are kept only
 * on each topic's newest message: the Message panel shows the newest, and charts read every
 * message's value while the batch is handed out (session.onBatch), before this runs. History
 * entries keep their bytes, as every message does. Without this, 100 history entries × 1,000
 * Sparkplug devices × 10 metric objects held the heap at ~94 MB instead of ~18 MB at 5,000 msg/s
 * (`npm run bench -- --quick --view plain --only app --sparkplug`).
 * The one exception is the topic whose History is on screen (keepDecodedHistory, below).
 */
import type { MqttMessage } from '../core/message';
import type { TopicTrie } from '../core/topic-trie';

export class DecodedRetention {
  private previous: MqttMessage[] = [];

  /** Before the batch is applied: the newest messages that carry a decoding and are about to be superseded. */
  before(trie: TopicTrie, messages: readonly MqttMessage[]): void {
    for (const m of messages) {
      if (!m.decoded) continue;
      const last = trie.get(m.topic)?.last;
      if (last?.decoded) this.previous.push(last);
    }
  }

  /** After the batch's listeners ran: only each topic's newest message keeps its decoding (and the History on screen). */
  after(trie: TopicTrie, messages: readonly MqttMessage[]): void {
    for (const m of this.previous) if (m.topic !== shownHistory && trie.get(m.topic)?.last !== m) m.decoded = undefined;
    this.previous = [];
    for (const m of messages) if (m.decoded && m.topic !== shownHistory && trie.get(m.topic)?.last !== m) m.decoded = undefined;
    if (released.size > 0) {
      for (const topic of released) {
        const node = trie.get(topic);
        if (topic === shownHistory || !node?.hasHistory) continue;
        for (const m of node.historyEntries()) if (m !== node.last) m.decoded = undefined;
      }
      released.clear();
    }
  }
}

/** The topic whose History the Message panel shows: its messages keep their decodings. */
let shownHistory: string | null = null;
/** Topics whose History was shown: their entries drop their decodings at the next batch. */
const released = new Set<string>();

/**
 * The Explorer's History of `topic` is on screen (null: none): the worker's decodings of its
 * messages stay on them, so each entry shows its value decoded without decoding it again here
 * (the entries from before it was shown are decoded once, stored-decodings.ts). Bounded by that
 * one topic's history size; when another topic is shown they are dropped at the next batch.
 */
export function keepDecodedHistory(topic: string | null): void {
  if (topic === shownHistory) return;
  if (shownHistory !== null) released.add(shownHistory);
  shownHistory = topic;
}
