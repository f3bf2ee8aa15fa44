/**
 * Topic completion for the Publish form: topics seen so far that continue what
 * was typed, nearest levels first. Reads the trie on demand (per keystroke),
 * never per message.
 */
import type { TopicNode } from '../../core/topic-node';
import type { TopicTrie } from '../../core/topic-trie';

/**
 * Up to `limit` concrete topics (that received messages) starting with `typed`,
 * breadth-first so shallow topics come before deep ones, siblings in natural order.
 * `$` topics appear only once `typed` starts with `$`.
 */
export function suggestTopics(trie: TopicTrie, typed: string, limit = 30): string[] {
  const slash = typed.lastIndexOf('/');
  const parent = slash < 0 ? trie.root : trie.get(typed.slice(0, slash));
  if (!parent) return [];
  const partial = typed.slice(slash + 1);
  const out: string[] = [];
  let queue: TopicNode[] = parent.sortedChildren().filter(
    (c) => c.name.startsWith(partial) && (slash >= 0 || partial.startsWith('$') || !c.name.startsWith('$')),
  );
  while (queue.length > 0 && out.length < limit) {
    const next: TopicNode[] = [];
    for (const node of queue) {
      if (node.isTopic) {
        out.push(node.topic);
        if (out.length >= limit) break;
      }
      if (node.children.size > 0) next.push(...node.sortedChildren());
    }
    queue = next;
  }
  return out;
}
