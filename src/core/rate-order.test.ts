import { describe, expect, it } from 'vitest';
import { TopicTrie } from './topic-trie';
import { flattenVisible } from './tree-rows';
import { sortRowsByRate } from './rate-order';
import type { TopicNode } from './topic-node';

const msg = (topic: string) => ({ topic, payload: new Uint8Array(1), size: 1, qos: 0 as const, retain: false, time: 1 });

describe('sortRowsByRate', () => {
  const trie = new TopicTrie();
  trie.apply(['a/x', 'a/y', 'b/flood', 'b/calm', 'c'].map(msg));
  const rows = flattenVisible(trie, new Set(['a', 'b'])).rows;
  const names = (list: Iterable<{ node: TopicNode; posInSet: number }>) => [...list].map((r) => `${r.node.topic}#${r.posInSet}`);

  it('orders siblings busiest first, each with its open subtree, and renumbers their positions', () => {
    const rates: Record<string, number> = { a: 1, b: 500, c: 3, 'b/flood': 499, 'b/calm': 1, 'a/x': 0, 'a/y': 1 };
    const sorted = sortRowsByRate(rows, (n) => rates[n.topic]);
    expect(names(sorted)).toEqual(['b#1', 'b/flood#1', 'b/calm#2', 'c#2', 'a#3', 'a/y#1', 'a/x#2']);
    expect(sorted.indexOf('c')).toBe(3);
    expect(sorted.at(4)?.node.topic).toBe('a');
    expect(sorted.length).toBe(rows.length);
  });

  it('rows without a rate yet, and equal rates, keep their natural order', () => {
    expect(names(sortRowsByRate(rows, () => undefined))).toEqual(names(rows));
    expect(names(sortRowsByRate(rows, (n) => (n.topic === 'c' ? 5 : undefined)))[0]).toBe('c#1');
  });
});
