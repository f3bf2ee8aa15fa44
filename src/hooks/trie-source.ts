/**
 * Which TopicTrie a view reads: the session's (the live broker) unless a recording is open in
 * the Explorer, whose view sits inside `<TrieSourceContext.Provider value={{ trie, recording:
 * true }}>` (features/time-travel). useTrie / useLiveTrie read the trie from here, so the tree,
 * the totals and the Message panel show the recording without knowing it; parts that only make
 * sense live (rates, deleting retained messages, charts) ask `useTrieSource().recording`.
 */
import { createContext, useContext } from 'react';
import type { TopicTrie } from '../core/topic-trie';
import type { TopicNode } from '../core/topic-node';
import type { Observable } from '../core/emitter';
import { session } from '../mqtt/session';

export interface TrieSource {
  trie: TopicTrie;
  /** True for an open recording (time travel), false for the live broker. */
  recording: boolean;
  /** The rows' rates (Show rates) of an open recording, as of its time; the live broker's when absent. */
  rates?: RateReader;
}

/** Messages/s of a tree row's subtree (its whole subtree over the last 10 s). */
export interface RateReader {
  /** Changes when the rates may have changed (read with useModel). */
  readonly model: Observable;
  rateOf(node: TopicNode): number | undefined;
}

export const TrieSourceContext = createContext<TrieSource | null>(null);

const live: TrieSource = {
  get trie() {
    return session.trie;
  },
  recording: false,
};

export function useTrieSource(): TrieSource {
  return useContext(TrieSourceContext) ?? live;
}
