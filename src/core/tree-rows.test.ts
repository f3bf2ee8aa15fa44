import { describe, expect, it } from 'vitest';
import { makeMessage, seededRandom } from './test-fixtures';
import type { TopicNode } from './topic-node';
import { TopicTrie } from './topic-trie';
import { flattenVisible, type TreeRow } from './tree-rows';

function trieOf(...topics: string[]): TopicTrie {
  const trie = new TopicTrie();
  trie.apply(topics.map((t) => makeMessage(t)));
  return trie;
}

/** Compact rendering: "  name [+|-] pos/size" per row, indented by depth. */
function render(rows: Iterable<TreeRow>): string[] {
  return [...rows].map(
    (r) =>
      `${'  '.repeat(r.depth)}${r.node.name}${r.hasChildren ? (r.expanded ? ' -' : ' +') : ''} ${r.posInSet}/${r.setSize}`,
  );
}

const HOME = [
  'home/livingroom/temperature',
  'home/garden/weather',
  'home/kitchen/light',
  'home/kitchen/light/set',
  'home/office/lamp',
  'home/office/lamp/state',
  'sensors/s1/status',
  'sensors/s2/status',
  '$SYS/broker/uptime',
];

describe('flattenVisible without a filter', () => {
  it('shows only top-level nodes when nothing is expanded', () => {
    const { rows, matchCount } = flattenVisible(trieOf(...HOME), new Set());
    expect(render(rows)).toEqual(['$SYS + 1/3', 'home + 2/3', 'sensors + 3/3']);
    expect(matchCount).toBe(0);
  });

  it('shows children of expanded nodes whose ancestors are expanded', () => {
    const expanded = new Set(['home', 'home/kitchen', 'sensors/s1']);
    const { rows } = flattenVisible(trieOf(...HOME), expanded);
    expect(render(rows)).toEqual([
      '$SYS + 1/3',
      'home - 2/3',
      '  garden + 1/4',
      '  kitchen - 2/4',
      '    light + 1/1',
      '  livingroom + 3/4',
      '  office + 4/4',
      'sensors + 3/3',
    ]);
    expect(rows.at(4)?.node.topic).toBe('home/kitchen/light');
  });

  it('ignores expansion of a leaf and handles empty levels', () => {
    const trie = trieOf('/a', 'a//b', 'a');
    const { rows } = flattenVisible(trie, new Set(['', 'a', 'a/', 'a//b']));
    expect(render(rows)).toEqual([' - 1/2', '  a 1/1', 'a - 2/2', '   - 1/1', '    b 1/1']);
  });

  it('treats a blank filter as no filter', () => {
    const trie = trieOf(...HOME);
    expect(flattenVisible(trie, new Set(), '  ')).toEqual(flattenVisible(trie, new Set()));
  });
});

describe('flattenVisible with a filter', () => {
  it('opens the paths to matches and shows only those', () => {
    const { rows, matchCount } = flattenVisible(trieOf(...HOME), new Set(), 'TEMP');
    expect(render(rows)).toEqual(['home - 1/1', '  livingroom - 1/1', '    temperature 1/1']);
    expect(matchCount).toBe(1);
  });

  it('matches across level boundaries', () => {
    const { rows, matchCount } = flattenVisible(trieOf(...HOME), new Set(), 'kitchen/li');
    expect(render(rows)).toEqual(['home - 1/1', '  kitchen - 1/1', '    light + 1/1']);
    expect(matchCount).toBe(2);
  });

  it('shows the inside of a match only when the user expanded it', () => {
    const trie = trieOf(...HOME);
    expect(render(flattenVisible(trie, new Set(), 'office').rows)).toEqual([
      'home - 1/1',
      '  office + 1/1',
    ]);
    const open = flattenVisible(trie, new Set(['home/office', 'home/office/lamp']), 'office');
    expect(render(open.rows)).toEqual([
      'home - 1/1',
      '  office - 1/1',
      '    lamp - 1/1',
      '      state 1/1',
    ]);
    expect(open.matchCount).toBe(2);
  });

  it('finds several matches and counts only concrete topics', () => {
    const { rows, matchCount } = flattenVisible(trieOf(...HOME), new Set(), 'status');
    expect(render(rows)).toEqual([
      'sensors - 1/1',
      '  s1 - 1/2',
      '    status 1/1',
      '  s2 - 2/2',
      '    status 1/1',
    ]);
    expect(matchCount).toBe(2);
    expect(flattenVisible(trieOf(...HOME), new Set(), 'home').matchCount).toBe(6);
  });

  it('returns nothing when nothing matches', () => {
    const { rows, matchCount } = flattenVisible(trieOf(...HOME), new Set(['home']), 'zzz');
    expect([rows.length, [...rows], matchCount]).toEqual([0, [], 0]);
  });
});

// ---------- randomised check against a naive recursive implementation ----------

function naive(trie: TopicTrie, expanded: Set<string>, filter: string): { rows: string[]; count: number } {
  const needle = filter.toLowerCase();
  const matches = (n: TopicNode) => n.topic.toLowerCase().includes(needle);
  const hasMatch = (n: TopicNode): boolean =>
    matches(n) || [...n.children.values()].some(hasMatch);
  const rows: string[] = [];
  let count = 0;
  const countAll = (n: TopicNode) => {
    if (matches(n) && n.messageCount > 0) count++;
    n.children.forEach(countAll);
  };
  countAll(trie.root);
  const visit = (n: TopicNode, depth: number, parentMatches: boolean) => {
    const kids = n.sortedChildren().filter((k) => parentMatches || hasMatch(k));
    kids.forEach((k, i) => {
      const path = !matches(k);
      const open = k.children.size > 0 && (path || expanded.has(k.topic));
      const flag = k.children.size > 0 ? (open ? ' -' : ' +') : '';
      rows.push(`${'  '.repeat(depth)}${k.name}${flag} ${i + 1}/${kids.length}`);
      if (open) visit(k, depth + 1, matches(k));
    });
  };
  visit(trie.root, 0, false);
  return { rows, count };
}

describe('flattenVisible against a naive implementation', () => {
  const LEVELS = ['ab', 'Ba', 'b', '', 'x1', 'x10', 'ca'];
  it.each([1, 2, 3, 4, 5, 6])('seed %i', (seed) => {
    const rand = seededRandom(seed);
    const pickLevel = () => LEVELS[Math.floor(rand() * LEVELS.length)];
    const topics = Array.from({ length: 60 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 4) }, pickLevel).join('/'),
    );
    const trie = trieOf(...topics);
    const all: string[] = [];
    const collect = (n: TopicNode) => n.children.forEach((c) => (all.push(c.topic), collect(c)));
    collect(trie.root);
    for (const filter of ['a', 'b', 'A/', '/b', 'x1', 'a/b', '//', 'ab/ca', 'zz']) {
      const expanded = new Set(all.filter(() => rand() < 0.4));
      const got = flattenVisible(trie, expanded, filter);
      const want = naive(trie, expanded, filter);
      expect(render(got.rows)).toEqual(want.rows);
      expect(got.matchCount).toBe(want.count);
    }
  });
});

describe('flattenVisible at scale', () => {
  it('handles 100,000 topics', () => {
    const trie = new TopicTrie({ historyLimit: 1 });
    const batch = [];
    for (let i = 0; i < 100_000; i++) {
      batch.push(makeMessage(`site${i % 10}/device${Math.floor(i / 10) % 1000}/metric${Math.floor(i / 10000)}`));
    }
    trie.apply(batch);
    expect(trie.topicCount).toBe(100_000);
    const t0 = performance.now();
    const collapsed = flattenVisible(trie, new Set(['site3']));
    const t1 = performance.now();
    const filtered = flattenVisible(trie, new Set(), 'device999/metric9');
    const t2 = performance.now();
    expect(collapsed.rows.length).toBe(10 + 1000);
    expect(filtered.matchCount).toBe(10);
    expect(filtered.rows.length).toBe(30);
    expect(t1 - t0).toBeLessThan(500);
    expect(t2 - t1).toBeLessThan(2000);
  });
});

describe('flattenVisible with payload search', () => {
  it('also matches the text of the last payload, and keeps looking below a payload match', () => {
    const trie = new TopicTrie();
    trie.apply([
      makeMessage('plant/a', 'status: FAULT 17'),
      makeMessage('plant/a/sub', 'fault again'),
      makeMessage('plant/b', 'ok'),
      makeMessage('other/c', 'fine'),
    ]);
    const topicOnly = flattenVisible(trie, new Set(), 'fault');
    expect(topicOnly.matchCount).toBe(0);
    const both = flattenVisible(trie, new Set(), 'fault', { payloads: true });
    expect(both.matchCount).toBe(2);
    expect([...both.rows].map((r) => r.node.topic)).toEqual(['plant', 'plant/a', 'plant/a/sub']);
  });
});
