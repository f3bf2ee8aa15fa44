import { describe, expect, it, vi } from 'vitest';
import { TopicTrie } from './topic-trie';
import { HISTORY_PAYLOAD_LIMIT, isTruncated } from './message';
import { ENTRY_OVERHEAD_BYTES } from './memory-budget';
import { makeMessage } from './test-fixtures';
import type { TopicNode } from './topic-node';

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

  it('over the cap with many small messages, histories are halved, and it says so', () => {
    const trie = new TopicTrie({ historyLimit: 100, memoryBudget: 1 * MiB });
    for (let round = 0; round < 100; round++) {
      trie.apply(Array.from({ length: 10 }, (_, t) => makeMessage(`t${t}`, bytes(2 * KiB))));
    }
    // 10 topics × 100 × ~2.2 KB would be ~2.2 MB: trimmed to fit, each topic keeping the same, newest ones.
    expect(trie.keptBytes).toBeLessThanOrEqual(MiB);
    const { historyLimit } = trie.memoryTrim!;
    expect(trie.memoryTrim).toEqual({ historyLimit, payloadsCut: 0 });
    expect([25, 50]).toContain(historyLimit);
    expect(trie.get('t3')!.history.length).toBe(historyLimit);
    expect(trie.historyLimit).toBe(100); // the user's setting is unchanged
    // New topics start with the trimmed size too.
    trie.apply([makeMessage('late', bytes(10))]);
    expect(trie.get('late')!.history.capacity).toBe(historyLimit);
  });

  it('over the cap with nothing left to trim (a million topics of one small message), a batch no longer walks every topic', () => {
    const trie = new TopicTrie({ historyLimit: 100, memoryBudget: 64 * KiB });
    trie.apply(Array.from({ length: 1000 }, (_, t) => makeMessage(`plant/t${t}`, bytes(10))));
    expect(trie.keptBytes).toBeGreaterThan(64 * KiB);
    expect(trie.memoryTrim).toEqual({ historyLimit: 1, payloadsCut: 0 });
    // The ledger walks the topics through the trie's topic map: count the walks from now on.
    const byTopic = (trie as unknown as { byTopic: Map<string, TopicNode> }).byTopic;
    const walks = vi.spyOn(byTopic, 'values');
    for (let i = 0; i < 20; i++) trie.apply([makeMessage(`plant/new${i}`, bytes(10)), makeMessage('plant/t1', bytes(10))]);
    expect(walks).not.toHaveBeenCalled();
    expect(trie.topicCount).toBe(1020);
    expect(trie.get('plant/new19')!.last!.payload.length).toBe(10);
    expect(trie.get('plant/t1')!.history.length).toBe(1);
    // A large payload can still be cut: the walk comes back when there is something to trim.
    trie.apply([makeMessage('cam', bytes(MiB))]);
    expect(walks).toHaveBeenCalled();
    expect(trie.get('cam')!.last!.payload.length).toBe(HISTORY_PAYLOAD_LIMIT);
  });

  it('when large payloads dominate, those of the topics quiet longest are cut to 16 KiB first (marked truncated); histories stay', () => {
    const trie = new TopicTrie({ historyLimit: 10, memoryBudget: 8 * MiB });
    for (let i = 0; i < 5; i++) trie.apply([makeMessage('small', bytes(100))]);
    for (let t = 0; t < 10; t++) trie.apply([makeMessage(`cam/${t}`, bytes(MiB), { time: 1000 + t })]);
    expect(trie.keptBytes).toBeLessThanOrEqual(8 * MiB);
    const trim = trie.memoryTrim!;
    expect(trim.historyLimit).toBe(10);
    expect(trim.payloadsCut).toBeGreaterThan(0);
    expect(trie.get('small')!.history.length).toBe(5);
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

  it('when both are too much, histories are halved and the remaining large payloads cut too', () => {
    const trie = new TopicTrie({ historyLimit: 100, memoryBudget: 4 * MiB });
    for (let r = 0; r < 100; r++) trie.apply(Array.from({ length: 20 }, (_, t) => makeMessage(`s${t}`, bytes(2 * KiB), { time: r })));
    for (let t = 0; t < 4; t++) trie.apply([makeMessage(`cam/${t}`, bytes(MiB), { time: 500 + t })]);
    expect(trie.keptBytes).toBeLessThanOrEqual(4 * MiB);
    expect(trie.memoryTrim!.historyLimit).toBeLessThan(100);
  });
});
