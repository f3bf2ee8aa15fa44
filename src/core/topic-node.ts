import type { MqttMessage } from './message';
import { RingBuffer } from './ring-buffer';
import { entryCost } from './memory-budget';
import { compareLevelNames, mergeWithKeys, sortWithKeys } from './topic-order';

export { compareLevelNames };

/** Where a node reads the capacity for its lazily created history. */
export interface HistoryLimitSource {
  readonly historyLimit: number;
}

/**
 * A node's children, created with its first child (leaves, most nodes, have none), with the
 * sorted order cached beside them: replaced by a merge when children were added since.
 */
class ChildMap extends Map<string, TopicNode> {
  /** The node's subtree counts (a leaf's are its own counts: see TopicNode.subtreeMessages). */
  subMessages = 0;
  subTopics = 0;
  subRetained = 0;
  sorted: TopicNode[] | undefined = undefined;
  /** The sort key of each of `sorted` (topic-order.ts), so a merge compares without making keys again. */
  sortKeys: (string | undefined)[] | undefined = undefined;
  /** Children added since `sorted` was made (undefined while nothing is sorted). */
  added: TopicNode[] | undefined = undefined;
}

/** A history of two or more messages, with the bytes it holds (memory-budget.ts). */
class HistoryBuffer extends RingBuffer<MqttMessage> {
  bytes = 0;

  /** A buffer of `capacity` holding `first` (if any), counted. */
  static of(capacity: number, first: MqttMessage | undefined): HistoryBuffer {
    const b = new HistoryBuffer(capacity);
    if (first) {
      b.push(first);
      if (b.length > 0) b.bytes = entryCost(first);
    }
    return b;
  }
}

/** What a leaf's `children` is: one shared empty map (never written to). */
const NO_CHILDREN: ReadonlyMap<string, TopicNode> = new Map();
const NO_SORTED: TopicNode[] = Object.freeze([]) as unknown as TopicNode[];
/** The history limit of each trie, by its root node (so a node need not hold a reference). */
const limitsByRoot = new WeakMap<TopicNode, HistoryLimitSource>();
/** Times are kept relative to this (a small integer fits in the node without a boxed number). */
const TIME_BASE = Date.now();

/**
 * One level of the topic tree. The counters and fields are written only by
 * TopicTrie (during apply/clear); views treat a node as read-only and use
 * `version` as what a view selects with useModel (hooks/use-model.ts).
 */
export class TopicNode {
  /** This level's name; '' is a real level (as in `a//b` or `/a`). The root's name is '' too. */
  readonly name: string;
  /** Parent node; undefined only for the trie's root. */
  readonly parent: TopicNode | undefined;
  /** Full topic of this node, e.g. `home/kitchen/light`. The root's topic is ''. */
  readonly topic: string;
  /** Messages received on exactly this topic. */
  messageCount = 0;
  /** Last message received on exactly this topic. */
  last?: MqttMessage;
  /**
   * The retained message the broker holds for this topic as far as we know (the last retained
   * delivery with a payload). Exact on MQTT 5 (subscribed with retain-as-published); on 3.1.1
   * a live retained publish arrives without the flag and is not seen as the new retained value.
   */
  retainedMessage?: MqttMessage;
  /** The trie epoch of the last batch that changed this node or anything under it. */
  version = 0;

  // Per-node storage is what a million topics cost, so it is kept small: no children map until
  // the first child, no ring buffer until the second history entry (one entry is the message
  // itself), and the time as a small integer rather than a boxed double.
  private kids: ChildMap | undefined = undefined;
  private hist: MqttMessage | RingBuffer<MqttMessage> | undefined = undefined;
  /** changedAt − TIME_BASE, or undefined for 0 (none). */
  private changedRel: number | undefined = undefined;

  constructor(name: string, parent: TopicNode | undefined, topic: string, limits?: HistoryLimitSource) {
    this.name = name;
    this.parent = parent;
    this.topic = topic;
    if (!parent && limits) limitsByRoot.set(this, limits);
  }

  /**
   * True while the broker holds a retained message for this topic as far as we can tell:
   * set by a retained delivery with a payload, cleared by an empty payload (see nextRetained),
   * which is exactly when `retainedMessage` is there.
   */
  get retained(): boolean {
    return this.retainedMessage !== undefined;
  }

  // The subtree counts of a leaf (most nodes) are its own: stored only once a node has children
  // (in its child map), so a leaf carries three fields fewer. TopicTrie writes them (propagate).

  /** Messages received on this topic and every topic below it. */
  get subtreeMessages(): number {
    return this.kids ? this.kids.subMessages : this.messageCount;
  }

  set subtreeMessages(n: number) {
    if (this.kids) this.kids.subMessages = n;
  }

  /** Nodes in this subtree, itself included, that have received at least one message. */
  get subtreeTopics(): number {
    return this.kids ? this.kids.subTopics : this.messageCount > 0 ? 1 : 0;
  }

  set subtreeTopics(n: number) {
    if (this.kids) this.kids.subTopics = n;
  }

  /** Nodes in this subtree, itself included, whose `retained` is true. */
  get subtreeRetained(): number {
    return this.kids ? this.kids.subRetained : this.retainedMessage !== undefined ? 1 : 0;
  }

  set subtreeRetained(n: number) {
    if (this.kids) this.kids.subRetained = n;
  }

  /** Children by name. Do not mutate (TopicTrie adds them). */
  get children(): ReadonlyMap<string, TopicNode> {
    return this.kids ?? NO_CHILDREN;
  }

  /** Time (ms since epoch) of the last message on exactly this topic; 0 if none. */
  get changedAt(): number {
    return this.changedRel === undefined ? 0 : this.changedRel + TIME_BASE;
  }

  set changedAt(time: number) {
    this.changedRel = time === 0 ? undefined : time - TIME_BASE;
  }

  /** Recent messages on this topic, oldest first; created on first use with the trie's history limit. */
  get history(): RingBuffer<MqttMessage> {
    const h = this.hist;
    if (h instanceof RingBuffer) return h;
    const buffer = HistoryBuffer.of(this.historyLimit(), h);
    this.hist = buffer;
    return buffer;
  }

  /**
   * Bytes its history holds (payloads plus per-entry overhead); kept by TopicTrie
   * (memory-budget.ts). One message is its own cost; a buffer keeps the sum (no field per node).
   */
  get historyBytes(): number {
    const h = this.hist;
    return h === undefined ? 0 : h instanceof HistoryBuffer ? h.bytes : h instanceof RingBuffer ? 0 : entryCost(h);
  }

  set historyBytes(n: number) {
    if (this.hist instanceof HistoryBuffer) this.hist.bytes = n;
  }

  /** True once a history buffer exists (reading `history` creates one). */
  get hasHistory(): boolean {
    return this.hist !== undefined;
  }

  /** True when this node is a concrete topic (received at least one message). */
  get isTopic(): boolean {
    return this.messageCount > 0;
  }

  /**
   * Children in natural order. The array is cached and replaced only when a
   * child is added or removed, so rows never jump while messages stream in.
   * Do not mutate the returned array.
   */
  sortedChildren(): TopicNode[] {
    const kids = this.kids;
    if (!kids) return NO_SORTED;
    if (!kids.sorted || !kids.sortKeys) {
      const order = sortWithKeys(Array.from(kids.values()));
      kids.sorted = order.items;
      kids.sortKeys = order.keys;
    } else if (kids.added) {
      const order = mergeWithKeys({ items: kids.sorted, keys: kids.sortKeys }, kids.added);
      kids.sorted = order.items;
      kids.sortKeys = order.keys;
    }
    kids.added = undefined;
    return kids.sorted;
  }

  /** @internal Used by TopicTrie. */
  addChild(child: TopicNode): void {
    let kids = this.kids;
    if (!kids) {
      // From now on the subtree counts are stored: they start as this node's own.
      kids = new ChildMap();
      kids.subMessages = this.messageCount;
      kids.subTopics = this.messageCount > 0 ? 1 : 0;
      kids.subRetained = this.retainedMessage !== undefined ? 1 : 0;
      this.kids = kids;
    }
    kids.set(child.name, child);
    if (kids.sorted) (kids.added ??= []).push(child);
  }

  /** @internal Entries in history (without creating a buffer). */
  historyLength(): number {
    const h = this.hist;
    return h === undefined ? 0 : h instanceof RingBuffer ? h.length : 1;
  }

  /** @internal History entries, oldest first (without creating a buffer). */
  historyEntries(): MqttMessage[] {
    const h = this.hist;
    return h === undefined ? [] : h instanceof RingBuffer ? h.toArray() : [h];
  }

  /**
   * @internal Used by the memory ledger: adds `m` to history, which holds at most `capacity`
   * entries when it is created now (an existing buffer keeps its own capacity). Returns the
   * entry it pushed out, if any.
   */
  pushHistory(m: MqttMessage, capacity: number): MqttMessage | undefined {
    const h = this.hist;
    if (h === undefined && capacity > 0) {
      this.hist = m;
      return undefined;
    }
    if (h !== undefined && !(h instanceof RingBuffer)) {
      if (capacity === 1) {
        this.hist = m;
        return h;
      }
      this.hist = HistoryBuffer.of(capacity, h);
    }
    const buffer = this.hist instanceof RingBuffer ? this.hist : (this.hist = HistoryBuffer.of(capacity, undefined));
    if (buffer.capacity === 0) return undefined;
    return buffer.push(m); // the oldest entry, when full
  }

  /**
   * @internal Used by RecordingTrie (time travel): the history becomes exactly the newest
   * `capacity` of `messages` (oldest first), with their bytes counted.
   */
  replaceHistory(messages: readonly MqttMessage[], capacity: number): void {
    const keep = capacity > 0 ? messages.slice(-capacity) : [];
    if (keep.length <= 1 && !(this.hist instanceof RingBuffer)) {
      this.hist = keep[0];
      return;
    }
    const b = HistoryBuffer.of(Math.max(1, capacity), undefined);
    for (const m of keep) {
      b.push(m);
      b.bytes += entryCost(m);
    }
    this.hist = b;
  }

  /** @internal Used by RecordingTrie (time travel): forgets a child that holds no topic any more. */
  removeChild(child: TopicNode): void {
    const kids = this.kids;
    if (!kids || kids.get(child.name) !== child) return;
    kids.delete(child.name);
    if (kids.size === 0) {
      this.kids = undefined;
      return;
    }
    const at = kids.sorted ? kids.sorted.indexOf(child) : -1;
    if (at >= 0) {
      // New arrays: a row list made before may still read the old ones.
      kids.sorted = kids.sorted!.filter((_, i) => i !== at);
      kids.sortKeys = kids.sortKeys?.filter((_, i) => i !== at);
    }
    if (kids.added) kids.added = kids.added.filter((c) => c !== child);
  }

  /** @internal Used by TopicTrie: resize an existing history buffer. */
  resizeHistory(capacity: number): void {
    const h = this.hist;
    if (h === undefined) return;
    if (h instanceof RingBuffer) h.setCapacity(capacity);
    else if (capacity < 1) this.history.setCapacity(capacity);
  }

  /** @internal Used by TopicTrie.clear on the root: forget children, counts and messages. */
  reset(): void {
    this.kids = undefined;
    this.hist = undefined;
    this.messageCount = 0;
    this.last = undefined;
    this.retainedMessage = undefined;
    this.changedRel = undefined;
  }

  /** The history limit in effect for new buffers: the trie's (read from the root). */
  private historyLimit(): number {
    let root: TopicNode | undefined = this.parent;
    while (root?.parent) root = root.parent;
    return limitsByRoot.get(root ?? this)?.historyLimit ?? 0;
  }
}
