import { describe, expect, it, vi } from 'vitest';
import { makeMessage } from './test-fixtures';
import { compareLevelNames, type TopicNode } from './topic-node';
import { TopicTrie } from './topic-trie';

const msg = makeMessage;

describe('TopicTrie basics', () => {
  it('builds nodes for every level and finds them', () => {
    const trie = new TopicTrie();
    trie.apply([msg('home/kitchen/light', 'on'), msg('home/garden/weather', '{}')]);
    const light = trie.get('home/kitchen/light') as TopicNode;
    expect(light.name).toBe('light');
    expect(light.topic).toBe('home/kitchen/light');
    expect(light.parent?.topic).toBe('home/kitchen');
    expect(trie.get('home')?.parent).toBe(trie.root);
    expect(trie.get('home')?.messageCount).toBe(0);
    expect(trie.get('home')?.subtreeMessages).toBe(2);
    expect(trie.get('home')?.subtreeTopics).toBe(2);
    expect(trie.get('home/kitchen/light/x')).toBeUndefined();
    expect(trie.get('nope')).toBeUndefined();
    expect(trie.totalMessages).toBe(2);
    expect(trie.topicCount).toBe(2);
    expect(trie.root.topic).toBe('');
  });

  it('treats empty levels as real levels', () => {
    const trie = new TopicTrie();
    trie.apply([msg('/a'), msg('a//b'), msg('/')]);
    expect(trie.get('')?.name).toBe('');
    expect(trie.get('')?.parent).toBe(trie.root);
    expect(trie.get('')?.subtreeMessages).toBe(2);
    expect(trie.get('/')?.messageCount).toBe(1);
    expect(trie.get('a/')?.subtreeTopics).toBe(1);
    expect(trie.get('a//b')?.messageCount).toBe(1);
    expect(trie.topicCount).toBe(3);
  });

  it('keeps last message, changedAt and bounded history', () => {
    const trie = new TopicTrie({ historyLimit: 3 });
    const ms = [1, 2, 3, 4, 5].map((i) => msg('t', String(i), { time: i * 10 }));
    trie.apply(ms.slice(0, 2));
    trie.apply(ms.slice(2));
    const t = trie.get('t') as TopicNode;
    expect(t.messageCount).toBe(5);
    expect(t.last).toBe(ms[4]);
    expect(t.changedAt).toBe(50);
    expect(t.history.toArray()).toEqual(ms.slice(2));
    expect(t.history.capacity).toBe(3);

    trie.setHistoryLimit(2);
    expect(t.history.toArray()).toEqual(ms.slice(3));
    trie.apply([msg('u')]);
    expect(trie.get('u')?.history.capacity).toBe(2);
    expect(t.messageCount).toBe(5);
    expect(trie.get('t')?.hasHistory).toBe(true);
    expect(trie.get('')).toBeUndefined();
  });

  it('bumps epoch once per batch, stamps only the changed path, notifies once', () => {
    const trie = new TopicTrie();
    const listener = vi.fn();
    const unsubscribe = trie.subscribe(listener);
    trie.apply([msg('a/b'), msg('c/d')]);
    expect(trie.epoch).toBe(1);
    expect(listener).toHaveBeenCalledTimes(1);
    trie.apply([msg('a/b'), msg('a/b'), msg('a/b')]);
    expect(trie.epoch).toBe(2);
    expect(trie.getVersion()).toBe(2);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(trie.get('a/b')?.version).toBe(2);
    expect(trie.get('a')?.version).toBe(2);
    expect(trie.root.version).toBe(2);
    expect(trie.get('c/d')?.version).toBe(1);
    expect(trie.get('c')?.version).toBe(1);
    trie.apply([]);
    trie.apply([], new Map());
    expect(trie.epoch).toBe(2);
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    trie.apply([msg('x')]);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('still notifies every listener when one throws', () => {
    const trie = new TopicTrie();
    const second = vi.fn();
    trie.subscribe(() => {
      throw new Error('boom');
    });
    trie.subscribe(second);
    expect(() => trie.apply([msg('a')])).toThrow('boom');
    expect(second).toHaveBeenCalledTimes(1);
    expect(trie.get('a')?.messageCount).toBe(1);
  });

  it('counts coalesced extra messages without history', () => {
    const trie = new TopicTrie();
    const last = msg('s/1', '42');
    trie.apply([last], new Map([['s/1', 499], ['s/2', 10], ['s/3', 0], ['s/4', -3]]));
    const s1 = trie.get('s/1') as TopicNode;
    expect(s1.messageCount).toBe(500);
    expect(s1.history.toArray()).toEqual([last]);
    expect(s1.last).toBe(last);
    const s2 = trie.get('s/2') as TopicNode;
    expect(s2.messageCount).toBe(10);
    expect(s2.last).toBeUndefined();
    expect(s2.isTopic).toBe(true);
    expect(trie.get('s/3')).toBeUndefined();
    expect(trie.get('s/4')).toBeUndefined();
    expect(trie.get('s')?.subtreeMessages).toBe(510);
    expect(trie.topicCount).toBe(2);
    expect(trie.epoch).toBe(1);
    trie.apply([], new Map([['s/2', 5]]));
    expect(s2.messageCount).toBe(15);
    expect(trie.epoch).toBe(2);
  });

  it('tracks retained state and clearing by empty retained payload', () => {
    const trie = new TopicTrie();
    trie.apply([
      msg('dev/a/status', 'online', { retain: true }),
      msg('dev/b/status', 'online', { retain: true }),
      msg('dev/c/status', 'online'),
    ]);
    expect(trie.retainedCount).toBe(2);
    expect(trie.get('dev')?.subtreeRetained).toBe(2);
    expect(trie.retainedTopics().map((n) => n.topic)).toEqual(['dev/a/status', 'dev/b/status']);
    expect(trie.retainedTopics(trie.get('dev/b')).map((n) => n.topic)).toEqual(['dev/b/status']);
    expect(trie.retainedTopics(trie.get('dev/c'))).toEqual([]);

    trie.apply([msg('dev/a/status', '', { retain: true })]);
    expect(trie.get('dev/a/status')?.retained).toBe(false);
    expect(trie.retainedCount).toBe(1);
    // A live (non-retained) update leaves the broker's retained message in place.
    trie.apply([msg('dev/b/status', 'offline')]);
    expect(trie.get('dev/b/status')?.retained).toBe(true);
    expect(trie.retainedCount).toBe(1);
    // An empty payload without the flag is how 3.1.1 brokers forward a retained delete.
    trie.apply([msg('dev/b/status', '')]);
    expect(trie.get('dev/b/status')?.retained).toBe(false);
    expect(trie.retainedCount).toBe(0);
    trie.apply([msg('dev/b/status', 'online', { retain: true })]);
    expect(trie.retainedCount).toBe(1);
  });

  it('clear forgets everything but keeps the root and a growing epoch', () => {
    const trie = new TopicTrie();
    const root = trie.root;
    trie.apply([msg('a/b', 'x', { retain: true })]);
    const listener = vi.fn();
    trie.subscribe(listener);
    trie.clear();
    expect(trie.root).toBe(root);
    expect(trie.get('a/b')).toBeUndefined();
    expect(trie.totalMessages).toBe(0);
    expect(trie.topicCount).toBe(0);
    expect(trie.retainedCount).toBe(0);
    expect(root.sortedChildren()).toEqual([]);
    expect(trie.epoch).toBe(2);
    expect(listener).toHaveBeenCalledTimes(1);
    trie.apply([msg('a/b')]);
    expect(trie.get('a/b')?.messageCount).toBe(1);
  });

  it('handles very deep topics without recursion', () => {
    const trie = new TopicTrie();
    const deep = '/'.repeat(20000);
    trie.apply([msg(deep), msg(deep)]);
    expect(trie.get(deep)?.messageCount).toBe(2);
    expect(trie.get('')?.subtreeMessages).toBe(2);
  });
});

describe('sortedChildren', () => {
  it('orders naturally and numerically', () => {
    const trie = new TopicTrie();
    const names = ['sensor10', 'b', 'sensor2', '', '10', '9', 'a', 'Sensor1', 'B'];
    trie.apply(names.map((n) => msg(`x/${n}`)));
    const order = trie.get('x')?.sortedChildren().map((n) => n.name);
    expect(order).toEqual(['', '9', '10', 'a', 'b', 'B', 'Sensor1', 'sensor2', 'sensor10']);
  });

  it('is stable while messages arrive and changes only when a child is added', () => {
    const trie = new TopicTrie();
    trie.apply([msg('x/b'), msg('x/a')]);
    const x = trie.get('x') as TopicNode;
    const first = x.sortedChildren();
    trie.apply([msg('x/b'), msg('x/a'), msg('x/a/deeper')]);
    expect(x.sortedChildren()).toBe(first);
    trie.apply([msg('x/c')]);
    expect(x.sortedChildren()).not.toBe(first);
    expect(x.sortedChildren().map((n) => n.name)).toEqual(['a', 'b', 'c']);
  });

  it('compareLevelNames is a total order', () => {
    expect(compareLevelNames('a', 'a')).toBe(0);
    expect(Math.sign(compareLevelNames('sensor2', 'sensor10'))).toBe(-1);
    expect(Math.sign(compareLevelNames('1', '01'))).not.toBe(0);
  });
});

describe('retainedMessage', () => {
  it('keeps the retained payload through live updates and forgets it on delete', () => {
    const trie = new TopicTrie();
    trie.apply([msg('cfg/a', 'v1', { retain: true })]);
    expect(new TextDecoder().decode(trie.get('cfg/a')?.retainedMessage?.payload)).toBe('v1');
    trie.apply([msg('cfg/a', 'live')]);
    expect(new TextDecoder().decode(trie.get('cfg/a')?.retainedMessage?.payload)).toBe('v1');
    trie.apply([msg('cfg/a', 'v2', { retain: true })]);
    expect(new TextDecoder().decode(trie.get('cfg/a')?.retainedMessage?.payload)).toBe('v2');
    trie.apply([msg('cfg/a', '', { retain: true })]);
    expect(trie.get('cfg/a')?.retainedMessage).toBeUndefined();
    expect(trie.get('cfg/a')?.retained).toBe(false);
  });
});

describe('refreshed replays', () => {
  it('replace last without counting or adding history', () => {
    const trie = new TopicTrie();
    trie.apply([msg('dev/state', 'on', { retain: true, time: 1 })]);
    const before = trie.epoch;
    trie.apply([], undefined, [msg('dev/state', 'on', { retain: true, time: 50 })]);
    const node = trie.get('dev/state')!;
    expect(trie.epoch).toBe(before + 1);
    expect(node.version).toBe(trie.epoch);
    expect(node.last?.time).toBe(50);
    expect(node.messageCount).toBe(1);
    expect(node.history.length).toBe(1);
    expect(trie.totalMessages).toBe(1);
  });
});

describe('history memory', () => {
  it('keeps large payloads in full as last, but only the first 16 KB of them in history', () => {
    const trie = new TopicTrie();
    const big = makeMessage('files/big', 'x'.repeat(100_000));
    trie.apply([big]);
    const node = trie.get('files/big')!;
    expect(node.last?.payload.length).toBe(100_000);
    expect(node.history.last()?.payload.length).toBe(16 * 1024);
    expect(node.history.last()?.size).toBe(100_000);
    const small = makeMessage('files/small', 'tiny');
    trie.apply([small]);
    expect(trie.get('files/small')!.history.last()).toBe(small);
  });
});
