import { describe, expect, it } from 'vitest';
import { TopicTrie } from '../core/topic-trie';
import { makeMessage } from '../core/test-fixtures';
import type { DecodedPayload } from '../core/decoded';
import type { MqttMessage } from '../core/message';
import { DecodedRetention, keepDecodedHistory } from './decoded-retention';

const decoded = (v: number): DecodedPayload => ({ format: 'msgpack', value: { v } });

describe('DecodedRetention', () => {
  it('keeps decodings on each topic’s newest message only, after the batch listeners saw them all', () => {
    const trie = new TopicTrie();
    const retention = new DecodedRetention();
    const seen: unknown[] = [];
    const apply = (messages: MqttMessage[]) => {
      retention.before(trie, messages);
      trie.apply(messages);
      for (const m of messages) seen.push(m.decoded?.value); // what a chart reads in onBatch
      retention.after(trie, messages);
    };
    const a1 = makeMessage('a', 'x', { decoded: decoded(1) });
    const a2 = makeMessage('a', 'x', { decoded: decoded(2) });
    const b1 = makeMessage('b', 'x', { decoded: decoded(3) });
    apply([a1, a2, b1]);
    const a3 = makeMessage('a', 'x', { decoded: decoded(4) });
    apply([a3]);
    expect(seen).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }]);
    expect([a1, a2, b1, a3].map((m) => m.decoded?.value)).toEqual([undefined, undefined, { v: 3 }, { v: 4 }]);
    expect(trie.get('a')?.last?.decoded).toEqual(decoded(4));
  });

  it('keeps the decodings of the topic whose History is shown, and drops them once another is shown', () => {
    const trie = new TopicTrie();
    const retention = new DecodedRetention();
    const apply = (messages: MqttMessage[]) => {
      retention.before(trie, messages);
      trie.apply(messages);
      retention.after(trie, messages);
    };
    try {
      keepDecodedHistory('a');
      const a1 = makeMessage('a', 'x', { decoded: decoded(1) });
      const a2 = makeMessage('a', 'x', { decoded: decoded(2) });
      const b1 = makeMessage('b', 'x', { decoded: decoded(3) });
      const b2 = makeMessage('b', 'x', { decoded: decoded(4) });
      apply([a1, b1]);
      apply([a2, b2]);
      expect([a1, a2, b1, b2].map((m) => m.decoded?.value)).toEqual([{ v: 1 }, { v: 2 }, undefined, { v: 4 }]);
      keepDecodedHistory('b');
      const b3 = makeMessage('b', 'x', { decoded: decoded(5) });
      apply([b3]);
      expect([a1, a2, b2, b3].map((m) => m.decoded?.value)).toEqual([undefined, { v: 2 }, { v: 4 }, { v: 5 }]);
    } finally {
      keepDecodedHistory(null);
    }
  });
});

