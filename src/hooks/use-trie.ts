import { session } from '../mqtt/session';
import type { TopicTrie } from '../core/topic-trie';
import { useModel } from './use-model';

/**
 * The session's topic trie for a view. Without `select` the view re-renders once per applied
 * batch (returns the trie and its epoch); with it, only when the selected value changes
 * (e.g. `(t) => t.get(topic)?.last`, or a node's `version`).
 */
export function useTrie(): { trie: TopicTrie; epoch: number };
export function useTrie<T>(select: (trie: TopicTrie) => T): T;
export function useTrie<T>(select?: (trie: TopicTrie) => T): T | { trie: TopicTrie; epoch: number } {
  const trie = session.trie;
  const value = useModel<TopicTrie, T | number>(trie, select ?? ((t) => t.epoch));
  return select ? (value as T) : { trie, epoch: value as number };
}
