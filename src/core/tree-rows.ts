import type { TopicNode } from './topic-node';
import type { TopicTrie } from './topic-trie';
import { indexByLevelName } from './topic-order';

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

/**
 * The visible rows as a lazily indexed list: nothing is made per row until it is asked for, so
 * opening a level with 100,000 children costs the few rows on screen, not 100,000 objects.
 */
export interface RowList extends Iterable<TreeRow> {
  readonly length: number;
  /** The row at `index` (0-based), or undefined outside 0 … length − 1. A new object per call. */
  at(index: number): TreeRow | undefined;
  /** Index of the row showing `topic`, or -1 when no row shows it. */
  indexOf(topic: string): number;
}

export interface VisibleRows {
  rows: RowList;
  /** With a filter: concrete topics whose full topic contains the filter text. 0 without a filter. */
  matchCount: number;
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
    result = { rows: new LazyRows(trie, expanded, undefined), matchCount: 0 };
  } else {
    // Typing on: every topic that contains the longer text contains the shorter one, so only
    // the previous matches need to be searched again.
    const narrowFrom =
      !payloads && search && search.shape === key.shape && search.topics === key.topics && needle.includes(search.needle)
        ? search.tops
        : undefined;
    const matches = findMatches(trie.root, needle, payloads, narrowFrom);
    search = payloads ? undefined : { shape: key.shape, topics: key.topics, needle, tops: matches.tops };
    result = { rows: new LazyRows(trie, expanded, matches), matchCount: matches.count };
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

/**
 * The children one open node shows, as one block of rows: `kids` in natural order (only those on
 * a path to a match under a filter), and the open ones among them with their own blocks.
 * Row `i` of a block is found by a binary search over its open children, so a level of any
 * width costs O(open children) to set up and O(log) per row asked for.
 */
interface Block {
  depth: number;
  kids: readonly TopicNode[];
  /** Positions in `kids` of the open children, ascending. */
  openPos: number[];
  /** Their blocks, in the same order. */
  openBlocks: Block[];
  /** starts[j]: the index in this block of open child j's own row. */
  starts: number[];
  /** Rows in this block, nested blocks included. */
  total: number;
}

class LazyRows implements RowList {
  readonly length: number;
  private readonly top: Block;

  constructor(
    private readonly trie: TopicTrie,
    expanded: ReadonlySet<string>,
    matches: Matches | undefined,
  ) {
    this.top = buildBlocks(trie, expanded, matches);
    this.length = this.top.total;
  }

  at(index: number): TreeRow | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    let b = this.top;
    let i = index;
    for (;;) {
      const j = lastAtOrBefore(b.starts, i);
      if (j < 0) return rowOf(b, i, false);
      const start = b.starts[j];
      if (i === start) return rowOf(b, b.openPos[j], true);
      const sub = b.openBlocks[j];
      if (i <= start + sub.total) {
        i -= start + 1;
        b = sub;
        continue;
      }
      return rowOf(b, i - start + b.openPos[j] - sub.total, false);
    }
  }

  indexOf(topic: string): number {
    const node = this.trie.get(topic);
    if (!node || node === this.trie.root) return -1;
    const path: TopicNode[] = [];
    for (let n: TopicNode | undefined = node; n && n !== this.trie.root; n = n.parent) path.push(n);
    let b = this.top;
    let index = 0;
    for (let k = path.length - 1; ; k--) {
      const pos = indexByLevelName(b.kids, path[k]);
      if (pos < 0) return -1;
      const j = lastAtOrBefore(b.openPos, pos);
      const open = j >= 0 && b.openPos[j] === pos;
      index += j < 0 ? pos : open ? b.starts[j] : pos - b.openPos[j] + b.starts[j] + b.openBlocks[j].total;
      if (k === 0) return index;
      if (!open) return -1;
      index += 1;
      b = b.openBlocks[j];
    }
  }

  *[Symbol.iterator](): Iterator<TreeRow> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as TreeRow;
  }
}

function rowOf(b: Block, pos: number, open: boolean): TreeRow {
  const node = b.kids[pos];
  return { node, depth: b.depth, hasChildren: node.children.size > 0, expanded: open, posInSet: pos + 1, setSize: b.kids.length };
}

/** The last j with xs[j] <= v (xs ascending), or -1. */
function lastAtOrBefore(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The blocks of every open node, from the root down (iteratively: a topic may be 32,767 levels
 * deep). Expanded topics are looked up by name, so a wide level is never scanned for them.
 * With `matches`, the path to every match is open and shows only its children on a path; a
 * match the user expanded shows all its children, as without a filter.
 */
function buildBlocks(trie: TopicTrie, expanded: ReadonlySet<string>, matches: Matches | undefined): Block {
  // Expanded nodes that have children, by parent.
  const openByParent = new Map<TopicNode, TopicNode[]>();
  for (const topic of expanded) {
    const node = trie.get(topic);
    if (!node || !node.parent || node.children.size === 0) continue;
    const list = openByParent.get(node.parent);
    if (list) list.push(node);
    else openByParent.set(node.parent, [node]);
  }
  // Nodes on a path to a match, by parent (for the unfiltered blocks below a match).
  const pathByParent = new Map<TopicNode, TopicNode[]>();
  for (const node of matches?.ancestors ?? []) {
    if (!node.parent) continue;
    const list = pathByParent.get(node.parent);
    if (list) list.push(node);
    else pathByParent.set(node.parent, [node]);
  }
  const made: Block[] = [];
  const make = (node: TopicNode, depth: number, filtered: boolean): Block => {
    let kids: readonly TopicNode[] = node.sortedChildren();
    const pathPos: number[] = [];
    if (filtered && matches) {
      const m = matches;
      const keep: TopicNode[] = [];
      for (const k of kids) {
        if (m.ancestors.has(k)) {
          pathPos.push(keep.length);
          keep.push(k);
        } else if (m.tops.has(k)) keep.push(k);
      }
      kids = keep;
    }
    const block: Block = { depth, kids, openPos: [], openBlocks: [], starts: [], total: 0 };
    made.push(block);
    // Open children: paths to matches (filtered below), and expanded ones (everything below).
    const open = new Map<number, boolean>();
    for (const p of pathPos) open.set(p, true);
    // Below a match the user opened, a path to a payload match deeper down is open too.
    if (!filtered) {
      for (const child of pathByParent.get(node) ?? []) {
        const p = indexByLevelName(kids, child);
        if (p >= 0) open.set(p, true);
      }
    }
    for (const child of openByParent.get(node) ?? []) {
      const p = indexByLevelName(kids, child);
      if (p >= 0 && !open.has(p)) open.set(p, false);
    }
    const positions = [...open.keys()].sort((a, b) => a - b);
    for (const p of positions) {
      block.openPos.push(p);
      pending.push({ block, child: kids[p], filtered: open.get(p) as boolean });
    }
    return block;
  };
  const pending: { block: Block; child: TopicNode; filtered: boolean }[] = [];
  const top = make(trie.root, 0, matches !== undefined);
  // Breadth-first: a block's children are made after it, so the reverse order sums bottom-up.
  for (let q = 0; q < pending.length; q++) {
    const { block, child, filtered } = pending[q];
    block.openBlocks.push(make(child, block.depth + 1, filtered));
  }
  for (let k = made.length - 1; k >= 0; k--) {
    const b = made[k];
    let extra = 0;
    for (let j = 0; j < b.openPos.length; j++) {
      b.starts.push(b.openPos[j] + extra);
      extra += b.openBlocks[j].total;
    }
    b.total = b.kids.length + extra;
  }
  return top;
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
