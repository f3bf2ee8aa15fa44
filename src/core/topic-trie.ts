import { DEFAULT_HISTORY_LIMIT, HISTORY_PAYLOAD_LIMIT, type MqttMessage } from './message';
import { TopicNode } from './topic-node';
import { MEMORY_BUDGET_BYTES, MemoryLedger, type MemoryTrim } from './memory-budget';
import { VersionedEmitter } from './emitter';

/** At most this many distinct level names are shared (about 3 MB of table at most). */
const MAX_INTERNED_NAMES = 50_000;
/**
 * Levels with at least this many children keep their natural order up to date as children
 * arrive (a merge per batch), so opening one never waits for a sort of all of them at once
 * (100,000 children took ~100 ms to sort: the first expand was a long task).
 */
export const PRESORT_CHILDREN = 1024;

export interface TopicTrieOptions {
  /** Messages of history kept per topic (default DEFAULT_HISTORY_LIMIT). */
  historyLimit?: number;
  /** Total bytes kept before history is trimmed (default MEMORY_BUDGET_BYTES; memory-budget.ts). */
  memoryBudget?: number;
}

/**
 * The explorer's model: every topic seen, arranged by level, with counts,
 * the last message, bounded history and retained state per node.
 *
 * Updates arrive in batches through apply(); each batch bumps the model's version (`epoch`)
 * once, stamps every changed node (and its ancestors) with it as the node's `version`, and then
 * notifies listeners once (core/emitter.ts). React reads it with `useModel(trie, select)`:
 * the whole trie's epoch, or one node's `version` / `last`.
 */
export class TopicTrie extends VersionedEmitter {
  readonly root: TopicNode;
  private limit: number;
  /** Bytes kept and the trimming past the memory cap (memory-budget.ts). */
  protected readonly ledger: MemoryLedger;
  /** Every concrete topic's node, iterable again and again (the ledger walks it more than once). */
  protected readonly topicNodes: Iterable<TopicNode> = { [Symbol.iterator]: () => this.byTopic.values() };
  /** Full topic → node, for topics that received messages (the hot path skips splitting). */
  protected readonly byTopic = new Map<string, TopicNode>();
  /** Level names seen (see intern). */
  private readonly names = new Map<string, string>();
  /** Large levels that got new children in this batch (see PRESORT_CHILDREN). */
  protected readonly grownLarge = new Set<TopicNode>();
  protected shape = 0;

  constructor(options: TopicTrieOptions = {}) {
    super();
    this.limit = normaliseLimit(options.historyLimit ?? DEFAULT_HISTORY_LIMIT);
    this.ledger = new MemoryLedger(options.memoryBudget ?? MEMORY_BUDGET_BYTES, this.limit);
    this.root = new TopicNode('', undefined, '', this.limits);
  }

  /** What new histories are sized by: the limit in effect (lower after a memory trim). */
  private readonly limits = {
    trie: this as TopicTrie,
    get historyLimit(): number {
      return this.trie.ledger.effectiveLimit;
    },
  };

  /**
   * Changes whenever a node is added or the trie is cleared (not when messages arrive on known
   * topics): the tree's rows depend only on this, `topicCount` and what is expanded.
   */
  get shapeVersion(): number {
    return this.shape;
  }

  /** The model's version: incremented once per applied batch (and by clear / setHistoryLimit). */
  get epoch(): number {
    return this.version;
  }

  get historyLimit(): number {
    return this.limit;
  }

  /** Bytes of messages kept (payloads plus per-entry overhead): what the memory cap limits. */
  get keptBytes(): number {
    return this.ledger.keptBytes;
  }

  /** The memory cap in bytes. */
  get memoryBudget(): number {
    return this.ledger.budget;
  }

  /** Set once the memory cap was reached and history trimmed (until clear or a new history limit). */
  get memoryTrim(): MemoryTrim | undefined {
    return this.ledger.trimmed;
  }

  /** Every message counted so far (including coalesced extra counts). */
  get totalMessages(): number {
    return this.root.subtreeMessages;
  }

  /** Number of concrete topics (nodes that received at least one message). */
  get topicCount(): number {
    return this.root.subtreeTopics;
  }

  /** Number of topics currently holding a retained message. */
  get retainedCount(): number {
    return this.root.subtreeRetained;
  }

  /**
   * The node for a full topic (concrete or intermediate), or undefined.
   * `get('')` is the empty first level (as in topic `/a`), not the root.
   */
  get(topic: string): TopicNode | undefined {
    const hit = this.byTopic.get(topic);
    if (hit) return hit;
    let node = this.root;
    for (const name of topic.split('/')) {
      const child = node.children.get(name);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  /**
   * Applies one batch of messages in arrival order.
   *
   * `extraCounts` carries messages the ingest pipeline counted but coalesced
   * away (e.g. a topic got 500 messages in one frame and only the last few
   * are kept as objects): topic → number of additional messages. They add to
   * `messageCount` / `subtreeMessages` (and make the topic concrete) but not
   * to history, `last`, `retained` or `changedAt`. Counts below 1 are ignored,
   * fractions rounded down.
   *
   * Bumps `epoch` once, sets `version = epoch` on every node touched and its
   * ancestors, then calls each listener once. An empty batch does nothing.
   */
  apply(
    messages: readonly MqttMessage[],
    extraCounts?: ReadonlyMap<string, number>,
    refreshed: readonly MqttMessage[] = [],
  ): void {
    if (messages.length === 0 && refreshed.length === 0 && !hasPositiveCount(extraCounts)) return;
    const epoch = this.bump();
    // Retained messages the broker replayed unchanged: the same state, received again now.
    // They become `last` (so its time says when the broker last confirmed it) but are not
    // counted and not added to history.
    for (const m of refreshed) {
      const node = this.get(m.topic);
      if (!node) continue;
      const wasRetained = node.retained;
      this.ledger.track(node, () => {
        node.last = m;
        if (m.retain && m.size > 0) node.retainedMessage = m;
      });
      propagate(node, 0, 0, (node.retained ? 1 : 0) - (wasRetained ? 1 : 0), epoch);
    }
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      const node = this.ensure(m.topic);
      const wasTopic = node.messageCount > 0;
      const wasRetained = node.retained;
      node.messageCount++;
      node.changedAt = m.time;
      this.ledger.pushHistory(node, forHistory(m));
      this.ledger.newest(node, m); // last and retained message, bytes counted
      const dRetained = (node.retained ? 1 : 0) - (wasRetained ? 1 : 0);
      propagate(node, 1, wasTopic ? 0 : 1, dRetained, epoch);
    }
    if (extraCounts) {
      for (const [topic, n] of extraCounts) {
        const count = positiveCount(n);
        if (count === 0) continue;
        const node = this.ensure(topic);
        const wasTopic = node.messageCount > 0;
        node.messageCount += count;
        propagate(node, count, wasTopic ? 0 : 1, 0, epoch);
      }
    }
    this.ledger.enforce(this.topicNodes, epoch);
    for (const node of this.grownLarge) node.sortedChildren();
    this.grownLarge.clear();
    this.notify();
  }

  /** Changes the history kept per topic; existing histories keep their newest messages. */
  setHistoryLimit(n: number): void {
    const limit = normaliseLimit(n);
    if (limit === this.limit) return;
    this.limit = limit;
    const epoch = this.bump();
    this.ledger.reset(this.topicNodes, limit, epoch);
    this.root.version = epoch;
    this.notify();
  }

  /** Forgets every topic and message. The root object stays the same; epoch keeps growing. */
  clear(): void {
    this.byTopic.clear();
    this.names.clear();
    this.shape++;
    this.root.reset();
    this.ledger.clear(this.limit);
    this.root.version = this.bump();
    this.notify();
  }

  /** Nodes whose `retained` is true, in tree order, within `under` (default: whole trie, itself included). */
  retainedTopics(under: TopicNode = this.root): TopicNode[] {
    const out: TopicNode[] = [];
    const stack: TopicNode[] = [under];
    while (stack.length > 0) {
      const node = stack.pop() as TopicNode;
      if (node.subtreeRetained === 0) continue;
      if (node.retained) out.push(node);
      const kids = node.sortedChildren();
      for (let i = kids.length - 1; i >= 0; i--) {
        if (kids[i].subtreeRetained > 0) stack.push(kids[i]);
      }
    }
    return out;
  }

  /**
   * One string per distinct level name (a million topics may share ten leaf names): short
   * names are copies, not views, so without this every node would hold its own. Bounded, so a
   * flood of unique names costs no more than before.
   */
  private intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    if (this.names.size < MAX_INTERNED_NAMES) this.names.set(name, name);
    return name;
  }

  protected ensure(topic: string): TopicNode {
    const hit = this.byTopic.get(topic);
    if (hit) return hit;
    let node = this.root;
    let start = 0;
    for (;;) {
      const slash = topic.indexOf('/', start);
      const end = slash < 0 ? topic.length : slash;
      const name = topic.slice(start, end);
      let child = node.children.get(name);
      if (!child) {
        // slice() of the full topic shares its storage, so deep topics stay cheap.
        child = new TopicNode(this.intern(name), node, slash < 0 ? topic : topic.slice(0, end));
        node.addChild(child);
        if (node.children.size >= PRESORT_CHILDREN) this.grownLarge.add(node);
        this.shape++;
      }
      node = child;
      if (slash < 0) break;
      start = slash + 1;
    }
    this.byTopic.set(topic, node);
    return node;
  }

}

/** Adds deltas to `node` and every ancestor up to the root, stamping them with `epoch`. */
export function propagate(
  node: TopicNode,
  dMessages: number,
  dTopics: number,
  dRetained: number,
  epoch: number,
): void {
  // A known topic's message changes only the message counts: the other two are not read and written back.
  for (let n: TopicNode | undefined = node; n; n = n.parent) {
    if (dMessages !== 0) n.subtreeMessages += dMessages;
    if (dTopics !== 0) n.subtreeTopics += dTopics;
    if (dRetained !== 0) n.subtreeRetained += dRetained;
    n.version = epoch;
  }
}

/** Whole number of extra messages; 0 for non-positive or non-finite input. */
function positiveCount(n: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 0;
}

function hasPositiveCount(extraCounts: ReadonlyMap<string, number> | undefined): boolean {
  if (!extraCounts) return false;
  for (const n of extraCounts.values()) if (positiveCount(n) > 0) return true;
  return false;
}

function normaliseLimit(n: number): number {
  if (!Number.isFinite(n) || n < 0) return 0;
  return Math.floor(n);
}

/**
 * Whether the broker holds a retained message for a topic, as far as the messages seen tell.
 * A retained delivery with a payload sets it. An empty payload clears it: brokers forward the
 * zero-length retained message that deletes a retained topic, often without the retain flag
 * (MQTT 3.1.1 clears the flag on live delivery). A live non-retained message with a payload
 * leaves the broker's retained message in place, so it changes nothing.
 */
export function nextRetained(was: boolean, m: MqttMessage): boolean {
  if (m.size === 0) return false;
  return m.retain ? true : was;
}

/**
 * History keeps at most HISTORY_PAYLOAD_LIMIT bytes of each payload (`size` keeps the real
 * length), so a topic of large payloads costs at most ~limit × history length plus its full
 * `last` message, rather than up to PAYLOAD_KEEP_LIMIT per history entry.
 */
function forHistory(m: MqttMessage): MqttMessage {
  return m.payload.length > HISTORY_PAYLOAD_LIMIT ? { ...m, payload: m.payload.slice(0, HISTORY_PAYLOAD_LIMIT) } : m;
}
