import { describe, expect, it } from 'vitest';
import type { MqttMessage } from './message';
import { makeMessage, seededRandom } from './test-fixtures';
import { compareLevelNames, type TopicNode } from './topic-node';
import { TopicTrie } from './topic-trie';

// Randomised check of TopicTrie against a naive oracle recomputed from the flat event list.

const msg = makeMessage;

function allNodes(trie: TopicTrie): TopicNode[] {
  const out: TopicNode[] = [];
  const stack = [...trie.root.children.values()];
  while (stack.length) {
    const n = stack.pop() as TopicNode;
    out.push(n);
    stack.push(...n.children.values());
  }
  return out;
}

type Event = { topic: string; count: number; m?: MqttMessage; epoch: number };

function isUnder(topic: string, path: string): boolean {
  const t = topic.split('/');
  const p = path.split('/');
  return p.length <= t.length && p.every((level, i) => level === t[i]);
}

function prefixes(topic: string): string[] {
  const levels = topic.split('/');
  return levels.map((_, i) => levels.slice(0, i + 1).join('/'));
}

function checkAgainstOracle(trie: TopicTrie, events: Event[], historyLimit: number): void {
  const paths = new Set(events.flatMap((e) => prefixes(e.topic)));
  const nodes = allNodes(trie);
  expect(new Set(nodes.map((n) => n.topic))).toEqual(paths);
  const concrete = (list: Event[]) => new Set(list.map((e) => e.topic));
  const retainedTopics = new Set<string>();
  for (const t of concrete(events)) {
    const objs = events.filter((e) => e.topic === t && e.m);
    // Naive rule: retained iff some retained message with a payload came after the last empty one.
    let held = false;
    for (const e of objs) {
      if (!e.m) continue;
      if (e.m.payload.length === 0) held = false;
      else if (e.m.retain) held = true;
    }
    if (held) retainedTopics.add(t);
  }
  for (const node of nodes) {
    const p = node.topic;
    const mine = events.filter((e) => e.topic === p);
    const under = events.filter((e) => isUnder(e.topic, p));
    const objs = mine.filter((e) => e.m).map((e) => e.m);
    expect(node.name).toBe(p.split('/').pop());
    expect(node.parent === trie.root ? '' : node.parent?.topic).toBe(
      p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '',
    );
    expect(trie.get(p)).toBe(node);
    expect(node.messageCount).toBe(mine.reduce((s, e) => s + e.count, 0));
    expect(node.subtreeMessages).toBe(under.reduce((s, e) => s + e.count, 0));
    expect(node.subtreeTopics).toBe(concrete(under).size);
    expect(node.retained).toBe(retainedTopics.has(p));
    expect(node.subtreeRetained).toBe([...retainedTopics].filter((t) => isUnder(t, p)).length);
    expect(node.version).toBe(Math.max(...under.map((e) => e.epoch)));
    expect(node.last).toBe(objs[objs.length - 1]);
    expect(node.changedAt).toBe(objs[objs.length - 1]?.time ?? 0);
    if (objs.length > 0) expect(node.history.toArray()).toEqual(objs.slice(-historyLimit));
    const sorted = node.sortedChildren();
    expect(sorted.length).toBe(node.children.size);
    for (let i = 1; i < sorted.length; i++) {
      expect(compareLevelNames(sorted[i - 1].name, sorted[i].name)).toBeLessThan(0);
    }
  }
  expect(trie.totalMessages).toBe(events.reduce((s, e) => s + e.count, 0));
  expect(trie.topicCount).toBe(concrete(events).size);
  expect(trie.retainedCount).toBe(retainedTopics.size);
  expect(new Set(trie.retainedTopics().map((n) => n.topic))).toEqual(retainedTopics);
}

const LEVELS = ['a', 'b', 'B', '', 'sensor2', 'sensor10', '9', '10', 'ü'];

function randomTopic(rand: () => number): string {
  const depth = 1 + Math.floor(rand() * 4);
  const levels: string[] = [];
  for (let i = 0; i < depth; i++) levels.push(LEVELS[Math.floor(rand() * LEVELS.length)]);
  if (rand() < 0.15) levels[0] = '$SYS';
  return levels.join('/');
}

describe('TopicTrie against a naive oracle', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random batches, seed %i', (seed) => {
    const rand = seededRandom(seed);
    const historyLimit = 1 + Math.floor(rand() * 4);
    const trie = new TopicTrie({ historyLimit });
    const pool = Array.from({ length: 5 + Math.floor(rand() * 30) }, () => randomTopic(rand));
    const pick = () => pool[Math.floor(rand() * pool.length)];
    const events: Event[] = [];
    let time = 0;
    for (let batch = 0; batch < 40; batch++) {
      const size = Math.floor(rand() * 12);
      const messages = Array.from({ length: size }, () =>
        msg(pick(), rand() < 0.2 ? '' : 'v', { retain: rand() < 0.4, time: ++time }),
      );
      const extras = new Map<string, number>();
      if (rand() < 0.3) extras.set(pick(), Math.floor(rand() * 6) - 1);
      const before = trie.epoch;
      trie.apply(messages, extras);
      const epoch = trie.epoch;
      const real = [...extras].filter(([, n]) => n > 0);
      expect(epoch - before).toBe(messages.length + real.length > 0 ? 1 : 0);
      for (const m of messages) events.push({ topic: m.topic, count: 1, m, epoch });
      for (const [topic, n] of real) events.push({ topic, count: n, epoch });
      if (batch % 10 === 9) checkAgainstOracle(trie, events, historyLimit);
    }
    checkAgainstOracle(trie, events, historyLimit);
  });
});
