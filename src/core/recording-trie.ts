/**
 * The Explorer's model for an open recording (time travel): a TopicTrie whose topics are *set*
 * to their state at the slider's time rather than fed message by message, so moving the slider
 * back lowers counts, clears retained markers and removes topics that had not appeared yet.
 * The recording source (recording-source.ts) calls `setTopics` with the topics a seek changed;
 * everything else (rows, the Message panel, useModel) reads it as any TopicTrie.
 */
import type { MqttMessage } from './message';
import { cutPayload } from './memory-budget';
import { TopicTrie, propagate, type TopicTrieOptions } from './topic-trie';
import type { TopicNode } from './topic-node';

/** One topic as it should be. `count` 0 removes it (and levels left without topics). */
export interface TopicSnapshot {
  topic: string;
  count: number;
  last?: MqttMessage;
  /** The retained message the broker holds for it, if any. */
  retained?: MqttMessage;
  /** Its history, oldest first (the newest `historyLimit` are kept); default: just `last`. */
  history?: readonly MqttMessage[];
}

export class RecordingTrie extends TopicTrie {
  constructor(options: TopicTrieOptions = {}) {
    super(options);
  }

  /** Puts each topic in the given state; one epoch, listeners told once. Nothing given: nothing happens. */
  setTopics(snapshots: Iterable<TopicSnapshot>): void {
    let epoch = 0;
    for (const s of snapshots) {
      epoch ||= this.bump();
      if (s.count <= 0 || !s.last) this.removeTopic(s.topic, epoch);
      else this.setTopic(s, epoch);
    }
    if (!epoch) return;
    this.ledger.enforce(this.topicNodes, epoch);
    for (const node of this.grownLarge) node.sortedChildren();
    this.grownLarge.clear();
    this.notify();
  }

  private setTopic(s: TopicSnapshot, epoch: number): void {
    const node = this.ensure(s.topic);
    const last = s.last!;
    const wasTopic = node.messageCount > 0 ? 1 : 0;
    const wasRetained = node.retained ? 1 : 0;
    const dMessages = s.count - node.messageCount;
    node.messageCount = s.count;
    node.changedAt = last.time;
    this.ledger.track(node, () => {
      node.last = last;
      node.retainedMessage = s.retained;
    });
    this.setHistory(node, (s.history ?? [last]).map(cutPayload));
    propagate(node, dMessages, 1 - wasTopic, (node.retained ? 1 : 0) - wasRetained, epoch);
  }

  private removeTopic(topic: string, epoch: number): void {
    const node = this.byTopic.get(topic);
    if (!node) return;
    propagate(node, -node.messageCount, node.messageCount > 0 ? -1 : 0, node.retained ? -1 : 0, epoch);
    node.messageCount = 0;
    node.changedAt = 0;
    this.ledger.track(node, () => {
      node.last = undefined;
      node.retainedMessage = undefined;
    });
    this.setHistory(node, []);
    this.byTopic.delete(topic);
    // Levels left with neither messages nor children go too.
    let n: TopicNode = node;
    while (n.parent && n.messageCount === 0 && n.children.size === 0) {
      n.parent.removeChild(n);
      this.shape++;
      n = n.parent;
    }
  }

  private setHistory(node: TopicNode, messages: readonly MqttMessage[]): void {
    this.ledger.keptBytes -= node.historyBytes;
    node.replaceHistory(messages, this.ledger.effectiveLimit);
    this.ledger.keptBytes += node.historyBytes;
  }
}
