/**
 * The trie's byte account (memory-budget.ts) kept by deltas per message must equal a count made
 * from scratch after every batch, whatever mix arrives: history evictions, large newest payloads
 * (kept in full beside their 16 KiB history copy), retained ones superseded by live messages,
 * empty payloads clearing the retained state, replays of retained messages.
 */
import { describe, expect, it } from 'vitest';
import { TopicTrie } from './topic-trie';
import { HISTORY_PAYLOAD_LIMIT, type MqttMessage } from './message';
import { entryCost, extraBytes } from './memory-budget';
import { makeMessage, seededRandom } from './test-fixtures';

const TOPICS = ['a', 'a/b', 'c', 'd/e/f'];

/** What the trie keeps, counted from its nodes: every history entry plus every large newest or retained payload. */
function recount(trie: TopicTrie): number {
  let total = 0;
  for (const topic of TOPICS) {
    const node = trie.get(topic);
    if (!node?.isTopic) continue;
    for (const m of node.historyEntries()) total += entryCost(m);
    total += extraBytes(node);
  }
  return total;
}

describe('the memory account of the topic trie', () => {
  it('equals a count from scratch after every batch of a random mix of small, large, empty, retained and replayed messages', () => {
    const random = seededRandom(14);
    const sizes = [0, 1, 10, 200, HISTORY_PAYLOAD_LIMIT, HISTORY_PAYLOAD_LIMIT + 1, 20_000, 40_000];
    for (const historyLimit of [1, 3]) {
      const trie = new TopicTrie({ historyLimit });
      let large = 0;
      for (let batch = 0; batch < 300; batch++) {
        const messages: MqttMessage[] = [];
        for (let k = Math.floor(random() * 5); k > 0; k--) {
          const size = sizes[Math.floor(random() * sizes.length)];
          if (size > HISTORY_PAYLOAD_LIMIT) large++;
          messages.push(makeMessage(TOPICS[Math.floor(random() * TOPICS.length)], new Uint8Array(size).fill(65), { retain: random() < 0.4, time: batch + 1 }));
        }
        // Now and then the broker replays a topic's retained message (not counted, but it becomes `last`).
        const replayed = TOPICS.map((t) => trie.get(t)?.retainedMessage).find((m) => m && random() < 0.2);
        trie.apply(messages, undefined, replayed ? [{ ...replayed, time: batch + 1 }] : []);
        expect(trie.keptBytes, `batch ${batch}, history ${historyLimit}`).toBe(recount(trie));
      }
      expect(large).toBeGreaterThan(50); // the mix really had large payloads
    }
  });
});
