import { describe, expect, it } from 'vitest';
import { ENTRY_OVERHEAD_BYTES } from './memory-budget';
import { makeMessage } from './test-fixtures';
import { TopicTrie } from './topic-trie';

// A node keeps its first history entry as the message itself and a ring buffer only from the
// second one (a million one-message topics would otherwise hold a million buffers). These check
// that nothing a user sees depends on that.
const cost = (payload: string) => payload.length + ENTRY_OVERHEAD_BYTES;

describe('compact per-topic storage behaves as before', () => {
  it('a one-message topic has that message as its history, sized by the limit in effect', () => {
    const trie = new TopicTrie({ historyLimit: 3 });
    const m = makeMessage('a/b', 'one');
    trie.apply([m]);
    const node = trie.get('a/b')!;
    expect(node.hasHistory).toBe(true);
    expect(node.history.toArray()).toEqual([m]);
    expect(node.history.total).toBe(1);
    expect(node.history.capacity).toBe(3);
    expect(trie.keptBytes).toBe(cost('one'));
    const more = ['2', '3', '4'].map((p) => makeMessage('a/b', p));
    trie.apply(more);
    expect(node.history.toArray()).toEqual(more);
    expect(node.history.total).toBe(4);
    expect(trie.keptBytes).toBe(3 * cost('2'));
  });

  it('the second message after a one-message topic keeps both, in order', () => {
    const trie = new TopicTrie({ historyLimit: 5 });
    const ms = ['x', 'yy'].map((p) => makeMessage('t', p));
    trie.apply([ms[0]]);
    trie.apply([ms[1]]);
    expect(trie.get('t')!.history.toArray()).toEqual(ms);
    expect(trie.keptBytes).toBe(cost('x') + cost('yy'));
  });

  it('with a history of 1, each message replaces the last and the bytes stay counted once', () => {
    const trie = new TopicTrie({ historyLimit: 1 });
    const ms = ['aaa', 'b', 'cc'].map((p) => makeMessage('t', p));
    trie.apply(ms);
    expect(trie.get('t')!.history.toArray()).toEqual([ms[2]]);
    expect(trie.keptBytes).toBe(cost('cc'));
    expect(trie.get('t')!.historyBytes).toBe(cost('cc'));
  });

  it('with a history of 0, nothing is kept but the topic still says it has an (empty) history', () => {
    const trie = new TopicTrie({ historyLimit: 0 });
    trie.apply([makeMessage('t', 'a'), makeMessage('t', 'b')]);
    const node = trie.get('t')!;
    expect(node.hasHistory).toBe(true);
    expect(node.history.length).toBe(0);
    expect(node.history.capacity).toBe(0);
    expect(trie.keptBytes).toBe(0);
  });

  it('a new history limit applies to one-message topics too (down to 0 and back)', () => {
    const trie = new TopicTrie({ historyLimit: 10 });
    trie.apply([makeMessage('one', 'a'), makeMessage('two', 'b'), makeMessage('two', 'c')]);
    trie.setHistoryLimit(0);
    expect(trie.get('one')!.history.length).toBe(0);
    expect(trie.get('two')!.history.length).toBe(0);
    expect(trie.keptBytes).toBe(0);
    trie.setHistoryLimit(4);
    trie.apply([makeMessage('one', 'd')]);
    expect(trie.get('one')!.history.toArray().map((m) => new TextDecoder().decode(m.payload))).toEqual(['d']);
    expect(trie.get('one')!.history.capacity).toBe(4);
    expect(trie.keptBytes).toBe(cost('d'));
  });

  it('leaves have no children, and a level sorted once stays in order as children arrive', () => {
    const trie = new TopicTrie();
    trie.apply([makeMessage('x/b'), makeMessage('x/a')]);
    const x = trie.get('x')!;
    expect(trie.get('x/a')!.children.size).toBe(0);
    expect(trie.get('x/a')!.sortedChildren()).toEqual([]);
    expect(x.sortedChildren().map((n) => n.name)).toEqual(['a', 'b']);
    trie.apply([makeMessage('x/sensor10'), makeMessage('x/sensor2'), makeMessage('x/B'), makeMessage('x/')]);
    expect(x.sortedChildren().map((n) => n.name)).toEqual(['', 'a', 'b', 'B', 'sensor2', 'sensor10']);
    expect(x.children.get('sensor2')?.topic).toBe('x/sensor2');
  });

  it('changedAt keeps the exact time of the last message (0 before any)', () => {
    const trie = new TopicTrie();
    const now = Date.now();
    trie.apply([makeMessage('a/b', 'x', { time: now + 1234 })]);
    expect(trie.get('a/b')!.changedAt).toBe(now + 1234);
    expect(trie.get('a')!.changedAt).toBe(0);
    trie.apply([makeMessage('a/b', 'x', { time: 7 })]);
    expect(trie.get('a/b')!.changedAt).toBe(7);
  });
});

describe('subtree counts when a leaf gains children', () => {
  it('carry on from its own counts, and a leaf’s are its own', () => {
    const trie = new TopicTrie();
    trie.apply([makeMessage('a', 'on', { retain: true }), makeMessage('a', 'on', { retain: true })]);
    const a = trie.get('a')!;
    expect([a.subtreeMessages, a.subtreeTopics, a.subtreeRetained, a.retained]).toEqual([2, 1, 1, true]);
    trie.apply([makeMessage('a/b', 'x'), makeMessage('a/b/c', 'y', { retain: true })]);
    expect([a.subtreeMessages, a.subtreeTopics, a.subtreeRetained]).toEqual([4, 3, 2]);
    const b = trie.get('a/b')!;
    expect([b.subtreeMessages, b.subtreeTopics, b.subtreeRetained, b.retained]).toEqual([2, 2, 1, false]);
    trie.apply([makeMessage('a/b/c', '')]);
    expect([a.subtreeRetained, b.subtreeRetained, trie.get('a/b/c')!.retained, trie.retainedCount]).toEqual([1, 0, false, 1]);
    expect([trie.root.subtreeMessages, trie.topicCount]).toEqual([5, 3]);
    trie.clear();
    expect([trie.root.subtreeMessages, trie.topicCount, trie.retainedCount]).toEqual([0, 0, 0]);
  });
});
