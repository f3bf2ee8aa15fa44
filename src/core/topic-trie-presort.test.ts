import { describe, expect, it, vi } from 'vitest';
import { makeMessage } from './test-fixtures';
import { PRESORT_CHILDREN, TopicTrie } from './topic-trie';
import { flattenVisible } from './tree-rows';
import * as order from './topic-order';

// Counts the sorting work (the real functions run).
vi.mock('./topic-order', async (actual) => {
  const real = await actual<typeof import('./topic-order')>();
  return { ...real, sortWithKeys: vi.fn(real.sortWithKeys), mergeWithKeys: vi.fn(real.mergeWithKeys) };
});

describe('a level with very many children', () => {
  it('keeps its order ready as children arrive: opening it sorts nothing', () => {
    const trie = new TopicTrie({ historyLimit: 1 });
    const n = 5_000;
    // Arriving in batches, in an order unlike the natural one.
    for (let from = 0; from < n; from += 250) {
      trie.apply(Array.from({ length: 250 }, (_, k) => makeMessage(`plant/many/sensor${((from + k) * 7919) % n}`)));
    }
    trie.apply([makeMessage('plant/few/a'), makeMessage('plant/few/b')]);
    vi.mocked(order.sortWithKeys).mockClear();
    vi.mocked(order.mergeWithKeys).mockClear();
    const { rows } = flattenVisible(trie, new Set(['plant', 'plant/many']));
    // Only the small levels on the way are sorted now; the 5,000 children were in order already.
    const sorted = vi.mocked(order.sortWithKeys).mock.calls.map(([items]) => items.length);
    expect(Math.max(0, ...sorted)).toBeLessThan(PRESORT_CHILDREN);
    expect(order.mergeWithKeys).not.toHaveBeenCalled();
    expect(rows.length).toBe(2 + n + 1);
    expect([0, 1, 2, 3, 4, 2_502, 5_002].map((i) => rows.at(i)!.node.name)).toEqual(['plant', 'few', 'many', 'sensor0', 'sensor1', 'sensor2499', 'sensor4999']);
  });

  it('small levels are still sorted only when shown', () => {
    const trie = new TopicTrie();
    vi.mocked(order.sortWithKeys).mockClear();
    trie.apply(Array.from({ length: 50 }, (_, k) => makeMessage(`a/b${k}`)));
    expect(order.sortWithKeys).not.toHaveBeenCalled();
    expect(trie.get('a')!.sortedChildren().map((c) => c.name).slice(0, 3)).toEqual(['b0', 'b1', 'b2']);
  });
});
