import { describe, expect, it } from 'vitest';
import type { MqttMessage } from './message';
import { makeMessage, seededRandom } from './test-fixtures';
import { TopicTrie } from './topic-trie';
import { flattenVisible, type VisibleRows } from './tree-rows';

// flattenVisible keeps the last rows per trie (and narrows a growing filter to the previous
// matches). Whatever happened before, its answer must be what a fresh trie with the same
// messages gives.
const render = ({ rows, matchCount }: VisibleRows) => [
  matchCount,
  ...[...rows].map((r) => `${r.depth}:${r.node.topic}${r.hasChildren ? (r.expanded ? '-' : '+') : ''} ${r.posInSet}/${r.setSize}`),
];

function fresh(messages: MqttMessage[]): TopicTrie {
  const t = new TopicTrie();
  t.apply(messages);
  return t;
}

describe('flattenVisible reuses its last answer only while it is still right', () => {
  it('new topics, topics that become concrete, new payloads, expansion and a filter typed and deleted', () => {
    const rand = seededRandom(1414);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const levels = ['sensor', 'sen', 'se', 'a', 'b', 'Sensor2', 'x'];
    const randomTopic = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(levels) + (rand() < 0.3 ? String(Math.floor(rand() * 3)) : '')).join('/');
    const trie = new TopicTrie();
    const all: MqttMessage[] = [];
    let expanded = new Set<string>();
    let filter = '';
    let payloads = false;
    const words = ['sensor2', 'se/sen', 'sen', 'a/b', 'x0/se', 'off'];
    for (let step = 0; step < 400; step++) {
      const r = rand();
      if (r < 0.35) {
        const batch = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => makeMessage(randomTopic(), pick(['on', 'off', 'sensor'])));
        all.push(...batch);
        trie.apply(batch);
      } else if (r < 0.45 && all.length > 0) {
        // A message on a known topic only (same shape).
        const m = makeMessage(pick(all).topic, pick(['on', 'sent', 'x']));
        all.push(m);
        trie.apply([m]);
      } else if (r < 0.6) {
        const t = all.length > 0 ? pick(all).topic.split('/').slice(0, 1 + Math.floor(rand() * 2)).join('/') : 'a';
        expanded = new Set(expanded);
        if (expanded.has(t)) expanded.delete(t);
        else expanded.add(t);
      } else if (r < 0.8) {
        // Type on towards a word (so filters grow through texts that match), or a random letter.
        const word = words.find((w) => w.startsWith(filter) && w !== filter);
        filter += word && rand() < 0.8 ? word[filter.length] : pick(['s', 'e', 'n', '/', '2', 'o']);
      } else if (r < 0.95) {
        filter = filter.slice(0, -1 - Math.floor(rand() * 2));
      } else {
        payloads = !payloads;
      }
      const got = render(flattenVisible(trie, expanded, filter, { payloads }));
      const want = render(flattenVisible(fresh(all), expanded, filter, { payloads }));
      expect(got, `step ${step}, filter "${filter}"`).toEqual(want);
    }
  });

  it('while messages arrive on known topics, the rows are not walked again (the same answer)', () => {
    const trie = fresh([makeMessage('a/b'), makeMessage('a/c')]);
    const expanded = new Set(['a']);
    const first = flattenVisible(trie, expanded);
    trie.apply([makeMessage('a/b', 'again')]);
    expect(flattenVisible(trie, expanded)).toBe(first);
    trie.apply([makeMessage('a/d')]);
    const grown = flattenVisible(trie, expanded);
    expect(grown).not.toBe(first);
    expect([...grown.rows].map((r) => r.node.name)).toEqual(['a', 'b', 'c', 'd']);
    // An intermediate level that gets a message of its own: the match count changes.
    expect(flattenVisible(trie, expanded, 'a').matchCount).toBe(3);
    trie.apply([makeMessage('a')]);
    expect(flattenVisible(trie, expanded, 'a').matchCount).toBe(4);
  });

  it('typing on finds topics that arrived since the shorter text was searched', () => {
    const trie = fresh([makeMessage('home/sensor'), makeMessage('office/lamp')]);
    const none = new Set<string>();
    expect(flattenVisible(trie, none, 'se').matchCount).toBe(1);
    trie.apply([makeMessage('sen/x'), makeMessage('office/sentinel')]);
    const rows = flattenVisible(trie, none, 'sen');
    expect(rows.matchCount).toBe(3);
    expect([...rows.rows].map((r) => r.node.topic)).toEqual(['home', 'home/sensor', 'office', 'office/sentinel', 'sen']);
    // And deleting a letter searches everything again.
    trie.apply([makeMessage('see')]);
    expect(flattenVisible(trie, none, 'se').matchCount).toBe(4);
    // Cleared and filled again with as many topics (5): nothing of the old search is used.
    trie.clear();
    trie.apply(['a/sen1', 'b/sen2', 'c', 'd', 'e'].map((t) => makeMessage(t)));
    expect([...flattenVisible(trie, none, 'sen').rows].map((r) => r.node.topic)).toEqual(['a', 'a/sen1', 'b', 'b/sen2']);
  });
});
