import { useSyncExternalStore } from 'react';
import { session } from '../mqtt/session';
import type { TopicTrie } from '../core/topic-trie';

/** Re-renders once per applied batch; returns the live trie and its epoch. */
export function useTrie(): { trie: TopicTrie; epoch: number } {
  const trie = session.trie;
  const epoch = useSyncExternalStore(trie.subscribe, trie.getSnapshot);
  return { trie, epoch };
}
