import type { TopicTrie } from '../core/topic-trie';
import { useLiveRefresh, useModel } from './use-model';
import { useTrieSource } from './trie-source';

// Inside the time-travel Explorer "the session's trie" below is the open recording's instead
// (trie-source.ts): the same reads, another TopicTrie.

/**
 * The session's topic trie for a view. Without `select` the view re-renders once per applied
 * batch (returns the trie and its epoch); with it, only when the selected value changes
 * (e.g. `(t) => t.get(topic)?.last`, or a node's `version`).
 */
export function useTrie(): { trie: TopicTrie; epoch: number };
export function useTrie<T>(select: (trie: TopicTrie) => T): T;
export function useTrie<T>(select?: (trie: TopicTrie) => T): T | { trie: TopicTrie; epoch: number } {
  const trie = useTrieSource().trie;
  const value = useModel<TopicTrie, T | number>(trie, select ?? ((t) => t.epoch));
  return select ? (value as T) : { trie, epoch: value as number };
}

/**
 * The session's trie for a view of the firehose (tree rows, totals, the Message panel): the same
 * reads as useTrie, re-rendered at most 10 times a second and as a transition (useLiveModel), so
 * a flood never queues the user's clicks and keys behind per-frame renders. Without `select` it
 * also counts the live refreshes (useLiveRefresh), so a view can tell a refresh from a render for
 * anything else (the tree: topic-tree.tsx).
 */
export function useLiveTrie(): { trie: TopicTrie; epoch: number; refreshes: number };
export function useLiveTrie<T>(select: (trie: TopicTrie) => T): T;
export function useLiveTrie<T>(select?: (trie: TopicTrie) => T): T | { trie: TopicTrie; epoch: number; refreshes: number } {
  const trie = useTrieSource().trie;
  const { value, refreshes } = useLiveRefresh<TopicTrie, T | number>(trie, select ?? epochOf);
  return select ? (value as T) : { trie, epoch: value as number, refreshes };
}

const epochOf = (t: TopicTrie) => t.epoch;
