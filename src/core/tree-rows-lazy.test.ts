import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeMessage, seededRandom } from './test-fixtures';
import { TopicNode } from './topic-node';
import { TopicTrie } from './topic-trie';
import { flattenVisible } from './tree-rows';

// The rows are a lazily indexed list (tree-rows.ts, RowList): opening a level with 100,000
// children must not make 100,000 rows, only those the view asks for.

afterEach(() => vi.restoreAllMocks());

describe('the visible rows of a very wide level', () => {
  const trie = new TopicTrie({ historyLimit: 1 });
  trie.apply(Array.from({ length: 100_000 }, (_, k) => makeMessage(`plant/many/sensor${k}`)));
  trie.apply([makeMessage('plant/other/x'), makeMessage('zone/y')]);
  const expanded = new Set(['plant', 'plant/many']);

  it('are not made one by one when the level opens: only the rows asked for', () => {
    // Every row made reads its node's children (hasChildren): count those reads.
    const reads = vi.spyOn(TopicNode.prototype, 'children', 'get');
    const { rows } = flattenVisible(trie, expanded);
    expect(rows.length).toBe(100_004);
    expect(reads.mock.calls.length).toBeLessThan(50);
    const shown = Array.from({ length: 30 }, (_, i) => rows.at(50_000 + i)!.node.name);
    expect(shown[0]).toBe('sensor49998');
    expect(reads.mock.calls.length).toBeLessThan(100);
  });

  it('give each row its place, depth and position among its siblings, and find a topic’s row', () => {
    const { rows } = flattenVisible(trie, expanded);
    expect(rows.at(0)).toMatchObject({ depth: 0, expanded: true, posInSet: 1, setSize: 2 });
    expect(rows.at(0)!.node.topic).toBe('plant');
    expect(rows.at(1)!.node.topic).toBe('plant/many');
    expect(rows.at(1)).toMatchObject({ depth: 1, expanded: true, hasChildren: true, posInSet: 1, setSize: 2 });
    expect(rows.at(2)).toMatchObject({ depth: 2, hasChildren: false, expanded: false, posInSet: 1, setSize: 100_000 });
    expect(rows.at(100_001)!.node.topic).toBe('plant/many/sensor99999');
    expect(rows.at(100_002)).toMatchObject({ depth: 1, hasChildren: true, expanded: false, posInSet: 2, setSize: 2 });
    expect(rows.at(100_003)!.node.topic).toBe('zone');
    expect(rows.at(100_004)).toBeUndefined();
    expect(rows.at(-1)).toBeUndefined();
    expect(rows.indexOf('plant/many/sensor77777')).toBe(77_779);
    expect(rows.at(77_779)!.node.topic).toBe('plant/many/sensor77777');
    expect(rows.indexOf('plant/other')).toBe(100_002);
    expect(rows.indexOf('zone')).toBe(100_003);
    // Not shown: under a collapsed level, or not a topic at all.
    expect(rows.indexOf('plant/other/x')).toBe(-1);
    expect(rows.indexOf('zone/y')).toBe(-1);
    expect(rows.indexOf('nowhere/at/all')).toBe(-1);
  });

  it('filtered: only the paths to matches, with the same lookups', () => {
    const { rows, matchCount } = flattenVisible(trie, expanded, 'sensor9999');
    expect(matchCount).toBe(11);
    expect([...rows].map((r) => r.node.name)).toEqual([
      'plant',
      'many',
      ...['sensor9999', ...Array.from({ length: 10 }, (_, d) => `sensor9999${d}`)],
    ]);
    expect(rows.indexOf('plant/many/sensor99995')).toBe(8);
    expect(rows.indexOf('plant/many/sensor1')).toBe(-1);
  });
});

describe('row lookups against walking the rows in order', () => {
  const LEVELS = ['ab', 'Ba', 'b', '', 'x1', 'x10', 'ca'];
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', (seed) => {
    const rand = seededRandom(seed);
    const pick = () => LEVELS[Math.floor(rand() * LEVELS.length)];
    const trie = new TopicTrie();
    trie.apply(Array.from({ length: 80 }, () => makeMessage(Array.from({ length: 1 + Math.floor(rand() * 5) }, pick).join('/'))));
    const all: TopicNode[] = [];
    const collect = (n: TopicNode) => n.children.forEach((c) => (all.push(c), collect(c)));
    collect(trie.root);
    for (const filter of ['', 'a', 'b', 'x1', 'a/b', '//', 'zz']) {
      const expanded = new Set(all.filter(() => rand() < 0.5).map((n) => n.topic));
      const { rows } = flattenVisible(trie, expanded, filter);
      const list = [...rows];
      expect(list.length).toBe(rows.length);
      const shownAt = new Map(list.map((r, i) => [r.node.topic, i]));
      for (const node of all) expect(rows.indexOf(node.topic)).toBe(shownAt.get(node.topic) ?? -1);
    }
  });
});
