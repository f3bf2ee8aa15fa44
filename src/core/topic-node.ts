import type { MqttMessage } from './message';
import { RingBuffer } from './ring-buffer';

/** Where a node reads the capacity for its lazily created history. */
export interface HistoryLimitSource {
  readonly historyLimit: number;
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Natural order for level names: "sensor2" < "sensor10"; ties broken by code units so the order is total. */
export function compareLevelNames(a: string, b: string): number {
  const c = collator.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

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
  readonly children = new Map<string, TopicNode>();
  /** Messages received on exactly this topic. */
  messageCount = 0;
  /** Messages received on this topic and every topic below it. */
  subtreeMessages = 0;
  /** Nodes in this subtree, itself included, that have received at least one message. */
  subtreeTopics = 0;
  /** Nodes in this subtree, itself included, whose `retained` is true. */
  subtreeRetained = 0;
  /** Last message received on exactly this topic. */
  last?: MqttMessage;
  /**
   * True while the broker holds a retained message for this topic as far as we can tell:
   * set by a retained delivery with a payload, cleared by an empty payload (see nextRetained).
   */
  retained = false;
  /**
   * The retained message the broker holds for this topic as far as we know (the last retained
   * delivery with a payload). Exact on MQTT 5 (subscribed with retain-as-published); on 3.1.1
   * a live retained publish arrives without the flag and is not seen as the new retained value.
   */
  retainedMessage?: MqttMessage;
  /** The trie epoch of the last batch that changed this node or anything under it. */
  version = 0;
  /** Time (ms since epoch) of the last message on exactly this topic; 0 if none. */
  changedAt = 0;
  /** Bytes its history holds (payloads plus per-entry overhead); kept by TopicTrie (memory-budget.ts). */
  historyBytes = 0;

  private historyBuffer: RingBuffer<MqttMessage> | undefined;
  private sortedCache: TopicNode[] | undefined;
  private readonly limits: HistoryLimitSource;

  constructor(name: string, parent: TopicNode | undefined, topic: string, limits: HistoryLimitSource) {
    this.name = name;
    this.parent = parent;
    this.topic = topic;
    this.limits = limits;
  }

  /** Recent messages on this topic, oldest first; created on first use with the trie's history limit. */
  get history(): RingBuffer<MqttMessage> {
    return (this.historyBuffer ??= new RingBuffer<MqttMessage>(this.limits.historyLimit));
  }

  /** True once a history buffer exists (reading `history` creates one). */
  get hasHistory(): boolean {
    return this.historyBuffer !== undefined;
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
    if (!this.sortedCache) {
      this.sortedCache = Array.from(this.children.values()).sort((a, b) =>
        compareLevelNames(a.name, b.name),
      );
    }
    return this.sortedCache;
  }

  /** @internal Used by TopicTrie. */
  addChild(child: TopicNode): void {
    this.children.set(child.name, child);
    this.sortedCache = undefined;
  }

  /** @internal Used by TopicTrie: resize an existing history buffer. */
  resizeHistory(capacity: number): void {
    this.historyBuffer?.setCapacity(capacity);
  }

  /** @internal Used by TopicTrie.clear on the root: forget children, counts and messages. */
  reset(): void {
    this.children.clear();
    this.sortedCache = undefined;
    this.historyBuffer = undefined;
    this.messageCount = 0;
    this.subtreeMessages = 0;
    this.subtreeTopics = 0;
    this.subtreeRetained = 0;
    this.last = undefined;
    this.retained = false;
    this.retainedMessage = undefined;
    this.changedAt = 0;
    this.historyBytes = 0;
  }
}
