import type { TopicNode } from './topic-node';
import type { TopicTrie } from './topic-trie';

/** One visible row of the virtualised topic tree. */
export interface TreeRow {
  node: TopicNode;
  /** Indent level: 0 for top-level nodes (aria-level = depth + 1). */
  depth: number;
  hasChildren: boolean;
  /** Whether the row is shown open (its children follow it). */
  expanded: boolean;
  /** 1-based position among the visible siblings (aria-posinset). */
  posInSet: number;
  /** Number of visible siblings, itself included (aria-setsize). */
  setSize: number;
}

export interface VisibleRows {
  rows: TreeRow[];
  /** With a filter: concrete topics whose full topic contains the filter text. 0 without a filter. */
  matchCount: number;
}

interface Frame {
  node: TopicNode;
  depth: number;
  posInSet: number;
  setSize: number;
}

/**
 * The rows to show, in display order (pre-order, children in natural order).
 *
 * Without a filter: top-level nodes, plus the children of every shown node
 * whose full topic is in `expanded`. Only expanded nodes are walked.
 *
 * With a filter (trimmed; case-insensitive substring of the full topic; blank = none):
 * a node *matches* when its full topic contains the text. Shown are the
 * ancestors of matches (forced open, `expanded: true`) and the topmost matches
 * on each path. Because everything below a match also matches, the contents of
 * a match are shown only when the user expanded it (via `expanded`), as
 * without a filter — so typing "h" does not open the whole tree.
 */
export function flattenVisible(
  trie: TopicTrie,
  expanded: ReadonlySet<string>,
  filter?: string,
  options: { payloads?: boolean } = {},
): VisibleRows {
  const needle = filter?.trim().toLowerCase() ?? '';
  const payloads = needle !== '' && options.payloads === true;
  // The rows depend only on the tree's shape, which nodes are topics, what is expanded and the
  // filter (and, when payloads are searched, on every message): while messages arrive on known
  // topics the same rows are returned without walking again.
  const key: RowsKey = { shape: trie.shapeVersion, topics: trie.topicCount, epoch: payloads ? trie.epoch : -1, expanded, needle };
  const cached = cache.get(trie);
  if (cached && sameKey(cached.key, key)) return cached.result;
  let result: VisibleRows;
  let search = cached?.search;
  if (needle === '') {
    result = { rows: walk(trie.root, expanded, undefined), matchCount: 0 };
  } else {
    // Typing on: every topic that contains the longer text contains the shorter one, so only
    // the previous matches need to be searched again.
    const narrowFrom =
      !payloads && search && search.shape === key.shape && search.topics === key.topics && needle.includes(search.needle)
        ? search.tops
        : undefined;
    const matches = findMatches(trie.root, needle, payloads, narrowFrom);
    search = payloads ? undefined : { shape: key.shape, topics: key.topics, needle, tops: matches.tops };
    result = { rows: walk(trie.root, expanded, matches), matchCount: matches.count };
  }
  cache.set(trie, { key, result, search });
  return result;
}

interface RowsKey {
  shape: number;
  topics: number;
  /** The trie's epoch when payloads are searched, else -1. */
  epoch: number;
  expanded: ReadonlySet<string>;
  needle: string;
}

const sameKey = (a: RowsKey, b: RowsKey) =>
  a.shape === b.shape && a.topics === b.topics && a.epoch === b.epoch && a.expanded === b.expanded && a.needle === b.needle;

/** The last rows per trie, and the last topic-name search (to narrow when the filter grows). */
const cache = new WeakMap<
  TopicTrie,
  { key: RowsKey; result: VisibleRows; search: { shape: number; topics: number; needle: string; tops: Set<TopicNode> } | undefined }
>();

interface Matches {
  /** Topmost matching nodes: nothing above them matches. */
  tops: Set<TopicNode>;
  /** Strict ancestors of `tops` (excluding the root): shown open, with only path children. */
  ancestors: Set<TopicNode>;
  /** Matching concrete topics. */
  count: number;
}

/** Pre-order walk of the visible rows; with `matches`, only the paths to matches are open. */
function walk(
  root: TopicNode,
  expanded: ReadonlySet<string>,
  matches: Matches | undefined,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: Frame[] = [];
  pushChildren(stack, root, 0, matches);
  while (stack.length > 0) {
    const { node, depth, posInSet, setSize } = stack.pop() as Frame;
    const hasChildren = node.children.size > 0;
    const onPath = matches !== undefined && matches.ancestors.has(node);
    const open = hasChildren && (onPath || expanded.has(node.topic));
    rows.push({ node, depth, hasChildren, expanded: open, posInSet, setSize });
    if (open) pushChildren(stack, node, depth + 1, onPath ? matches : undefined);
  }
  return rows;
}

/** Pushes the children of `node` (only those on a path to a match, when given) to pop in natural order. */
function pushChildren(
  stack: Frame[],
  node: TopicNode,
  depth: number,
  matches: Matches | undefined,
): void {
  let kids = node.sortedChildren();
  if (matches) kids = kids.filter((k) => matches.tops.has(k) || matches.ancestors.has(k));
  for (let i = kids.length - 1; i >= 0; i--) {
    stack.push({ node: kids[i], depth, posInSet: i + 1, setSize: kids.length });
  }
}

/**
 * Finds the topmost matching nodes without descending below them (their whole
 * subtree matches, so its topic count is `subtreeTopics`), and their ancestors.
 */
function findMatches(root: TopicNode, needle: string, payloads: boolean, within?: Set<TopicNode>): Matches {
  const tops = new Set<TopicNode>();
  const ancestors = new Set<TopicNode>();
  let count = 0;
  const markAncestors = (node: TopicNode) => {
    for (let a = node.parent; a && a !== root && !ancestors.has(a); a = a.parent) ancestors.add(a);
  };
  // `within`: the topmost matches of a shorter text that this one contains; nothing outside them can match.
  const stack: TopicNode[] = within ? [...within] : [...root.children.values()];
  while (stack.length > 0) {
    const node = stack.pop() as TopicNode;
    if (tailMatches(node, needle)) {
      tops.add(node);
      count += node.subtreeTopics;
      markAncestors(node);
      continue;
    }
    // A payload match says nothing about the topics below it: keep looking there too.
    if (payloads && node.last && payloadText(node.last.payload).includes(needle)) {
      tops.add(node);
      count += 1;
      markAncestors(node);
    }
    if (node.children.size > 0) for (const child of node.children.values()) stack.push(child);
  }
  return { tops, ancestors, count };
}

const payloadCache = new WeakMap<Uint8Array, string>();
const lenient = new TextDecoder('utf-8');
/** Lower-cased text of the first 4 KB of a payload, cached per payload. */
function payloadText(bytes: Uint8Array): string {
  let t = payloadCache.get(bytes);
  if (t === undefined) {
    t = lenient.decode(bytes.subarray(0, 4096)).toLowerCase();
    payloadCache.set(bytes, t);
  }
  return t;
}

/**
 * Whether the full topic of `node` contains `needle`, given that its parent's
 * does not: any occurrence then ends inside this level, so the last
 * needle.length - 1 characters of the parent's topic are all that is needed.
 */
function tailMatches(node: TopicNode, needle: string): boolean {
  const parent = node.parent;
  // Without a '/', an occurrence lies within one level: the name is enough.
  if (!parent || !parent.parent || !needle.includes('/')) {
    return node.name.toLowerCase().includes(needle);
  }
  const keep = needle.length - 1;
  const head = keep > 0 ? parent.topic.slice(-keep) : '';
  return (head + '/' + node.name).toLowerCase().includes(needle);
}
