/**
 * Decoded payloads (Sparkplug B metrics, MessagePack / CBOR values; core/decoded.ts) are kept only
 * on each topic's newest message: the Message panel shows the newest, and charts read every
 * message's value while the batch is handed out (session.onBatch), before this runs. History
 * entries keep their bytes, as every message does. Without this, 100 history entries × 1,000
 * Sparkplug devices × 10 metric objects held the heap at ~94 MB instead of ~18 MB at 5,000 msg/s
 * (`npm run bench -- --quick --view plain --only app --sparkplug`).
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

  /** After the batch's listeners ran: only each topic's newest message keeps its decoding. */
  after(trie: TopicTrie, messages: readonly MqttMessage[]): void {
    for (const m of this.previous) if (trie.get(m.topic)?.last !== m) m.decoded = undefined;
    this.previous = [];
    for (const m of messages) if (m.decoded && trie.get(m.topic)?.last !== m) m.decoded = undefined;
  }
}
