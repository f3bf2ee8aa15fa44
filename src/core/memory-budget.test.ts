import { describe, expect, it } from 'vitest';
import { TopicTrie } from './topic-trie';
import { HISTORY_PAYLOAD_LIMIT, isTruncated } from './message';
import { ENTRY_OVERHEAD_BYTES } from './memory-budget';
import { makeMessage } from './test-fixtures';

const bytes = (n: number) => new Uint8Array(n).fill(120);
const KiB = 1024;
const MiB = 1024 * 1024;

describe('memory cap of the topic trie', () => {
  it('counts what it keeps: history entries, plus large newest payloads beside their 16 KiB copy', () => {
    const trie = new TopicTrie({ historyLimit: 3 });
    trie.apply([makeMessage('a', bytes(100)), makeMessage('a', bytes(100))]);
    expect(trie.keptBytes).toBe(2 * (100 + ENTRY_OVERHEAD_BYTES));
    trie.apply([makeMessage('b', bytes(MiB))]);
    expect(trie.keptBytes).toBe(2 * (100 + ENTRY_OVERHEAD_BYTES) + (HISTORY_PAYLOAD_LIMIT + ENTRY_OVERHEAD_BYTES) + MiB);
    // History full: the oldest entry leaves the count as the new one joins.
    trie.apply([makeMessage('a', bytes(100)), makeMessage('a', bytes(10))]);
    expect(trie.keptBytes).toBe(2 * (100 + ENTRY_OVERHEAD_BYTES) + (10 + ENTRY_OVERHEAD_BYTES) + (HISTORY_PAYLOAD_LIMIT + ENTRY_OVERHEAD_BYTES) + MiB);
    trie.clear();
    expect(trie.keptBytes).toBe(0);
  });

  it('over the cap, histories are halved first, and it says so', () => {
    const trie = new TopicTrie({ historyLimit: 100, memoryBudget: 1 * MiB });
    for (let round = 0; round < 100; round++) {
      trie.apply(Array.from({ length: 10 }, (_, t) => makeMessage(`t${t}`, bytes(2 * KiB))));
    }
    // 10 topics × 100 × ~2.2 KB would be ~2.2 MB: trimmed to fit, each topic keeping the same, newest ones.
    expect(trie.keptBytes).toBeLessThanOrEqual(MiB);
    expect(trie.memoryTrim).toEqual({ historyLimit: 25, payloadsCut: 0 });
    expect(trie.get('t3')!.history.length).toBe(25);
    expect(trie.historyLimit).toBe(100); // the user's setting is unchanged
    // New topics start with the trimmed size too.
    trie.apply([makeMessage('late', bytes(10))]);
    expect(trie.get('late')!.history.capacity).toBe(25);
  });

  it('then the large newest payloads of the topics quiet longest are cut to 16 KiB, marked truncated', () => {
    const trie = new TopicTrie({ historyLimit: 10, memoryBudget: 8 * MiB });
    for (let t = 0; t < 10; t++) trie.apply([makeMessage(`cam/${t}`, bytes(MiB), { time: 1000 + t })]);
    expect(trie.keptBytes).toBeLessThanOrEqual(8 * MiB);
    const trim = trie.memoryTrim!;
    expect(trim.historyLimit).toBe(1);
    expect(trim.payloadsCut).toBeGreaterThan(0);
    const first = trie.get('cam/0')!.last!;
    expect(first.payload.length).toBe(HISTORY_PAYLOAD_LIMIT);
    expect(first.size).toBe(MiB);
    expect(isTruncated(first)).toBe(true);
    // The newest keeps its bytes.
    expect(trie.get('cam/9')!.last!.payload.length).toBe(MiB);
  });

  it('a new history limit from the user starts again from it (and trims again if needed)', () => {
    const trie = new TopicTrie({ historyLimit: 100, memoryBudget: MiB });
    for (let round = 0; round < 100; round++) trie.apply([makeMessage('t', bytes(20 * KiB))]);
    expect(trie.memoryTrim).toBeDefined();
    trie.setHistoryLimit(5);
    expect(trie.memoryTrim).toBeUndefined();
    expect(trie.get('t')!.history.length).toBe(5);
    expect(trie.keptBytes).toBe(5 * (HISTORY_PAYLOAD_LIMIT + ENTRY_OVERHEAD_BYTES) + 20 * KiB);
  });
});
