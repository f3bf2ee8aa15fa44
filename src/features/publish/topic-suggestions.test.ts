import { describe, expect, it } from 'vitest';
import { makeMessage } from '../../core/test-fixtures';
import { TopicTrie } from '../../core/topic-trie';
import { suggestTopics } from './topic-suggestions';

function trieWith(...topics: string[]): TopicTrie {
  const trie = new TopicTrie();
  trie.apply(topics.map((t) => makeMessage(t)));
  return trie;
}

describe('suggestTopics', () => {
  const trie = trieWith(
    'home/kitchen/light',
    'home/kitchen/light/set',
    'home/office/lamp',
    'home/office/lamp/state',
    'home/garden/weather',
    'sensors/s10/status',
    'sensors/s2/status',
    '$SYS/broker/uptime',
  );

  it('continues a partial level, shallow topics first', () => {
    expect(suggestTopics(trie, 'home/k')).toEqual(['home/kitchen/light', 'home/kitchen/light/set']);
    expect(suggestTopics(trie, 'home/')).toEqual([
      'home/garden/weather',
      'home/kitchen/light',
      'home/office/lamp',
      'home/kitchen/light/set',
      'home/office/lamp/state',
    ]);
  });

  it('orders siblings naturally and respects the limit', () => {
    expect(suggestTopics(trie, 'sensors/s')).toEqual(['sensors/s2/status', 'sensors/s10/status']);
    expect(suggestTopics(trie, '', 3)).toEqual(['home/garden/weather', 'home/kitchen/light', 'home/office/lamp']);
  });

  it('shows $ topics only when asked for', () => {
    expect(suggestTopics(trie, '')).not.toContain('$SYS/broker/uptime');
    expect(suggestTopics(trie, '$')).toEqual(['$SYS/broker/uptime']);
  });

  it('gives nothing for an unknown prefix', () => {
    expect(suggestTopics(trie, 'nowhere/x')).toEqual([]);
    expect(suggestTopics(trie, 'home/zzz')).toEqual([]);
  });
});
