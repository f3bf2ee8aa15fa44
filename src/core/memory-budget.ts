/**
 * The Explorer's total memory cap. Each topic keeps its newest message (up to PAYLOAD_KEEP_LIMIT,
 * 1 MiB) and a history of up to `historyLimit` messages (HISTORY_PAYLOAD_LIMIT, 16 KiB, of each
 * payload), so without a cap memory grows as topics × (1 MiB + history × 16 KiB). The trie counts
 * what it keeps — payload bytes plus ENTRY_OVERHEAD_BYTES per history entry — and when the total
 * passes MEMORY_BUDGET_BYTES it trims until it is back under 90 % of the cap:
 *   - when large newest payloads (over 16 KiB, held in full) are at least half of what is kept,
 *     those of the topics that changed longest ago are cut to their first 16 KiB first (shown
 *     with the usual "truncated" marker): a few camera topics do not cost every topic its history;
 *   - then, if still over, every topic's history is halved (again and again, down to 1 message);
 *   - then any large newest payloads left are cut, oldest first.
 * The Explorer then says "History trimmed: memory cap of 128 MiB reached".
 */
import { HISTORY_PAYLOAD_LIMIT, type MqttMessage } from './message';
import type { TopicNode } from './topic-node';

export const MEMORY_BUDGET_BYTES = 128 * 1024 * 1024;
/** A rough cost of one kept message object beside its payload (object, array slot, fields). */
export const ENTRY_OVERHEAD_BYTES = 200;

export interface MemoryTrim {
  /** Messages of history each topic keeps now (lower than the user's setting). */
  historyLimit: number;
  /** Newest payloads cut to HISTORY_PAYLOAD_LIMIT so far. */
  payloadsCut: number;
}

/** Cost of one history entry. */
export const entryCost = (m: MqttMessage): number => m.payload.length + ENTRY_OVERHEAD_BYTES;

const large = (m: MqttMessage | undefined): number => (m && m.payload.length > HISTORY_PAYLOAD_LIMIT ? m.payload.length : 0);

/**
 * Bytes a node keeps outside its history: a newest (or retained) message over 16 KiB is held in
 * full beside the 16 KiB copy in history; smaller ones are the history entry itself.
 */
export function extraBytes(node: TopicNode): number {
  const retained = node.retainedMessage && node.retainedMessage !== node.last ? large(node.retainedMessage) : 0;
  return large(node.last) + retained;
}

/** The message with its payload cut to HISTORY_PAYLOAD_LIMIT (`size` keeps the real length). */
export function cutPayload(m: MqttMessage): MqttMessage {
  return m.payload.length > HISTORY_PAYLOAD_LIMIT ? { ...m, payload: m.payload.slice(0, HISTORY_PAYLOAD_LIMIT) } : m;
}

/** Marks a node and its ancestors changed in this epoch (so their views re-render). */
function stamp(node: TopicNode, epoch: number): void {
  for (let a: TopicNode | undefined = node; a && a.version !== epoch; a = a.parent) a.version = epoch;
}

/**
 * The trie's byte account and the trimming it does past the cap. The trie reports every change
 * to what a node keeps (history pushes, a new `last` or retained message); the ledger keeps the
 * total and the history size in effect.
 */
export class MemoryLedger {
  /** Bytes kept now. */
  keptBytes = 0;
  /** Of those, what large newest or retained payloads add beside history (the sum of extraBytes). */
  private largeBytes = 0;
  /** History per topic in effect: the user's limit, or less after a trim. */
  effectiveLimit: number;
  /** Set once the cap was reached (until reset). */
  trimmed: MemoryTrim | undefined;

  constructor(
    readonly budget: number,
    limit: number,
  ) {
    this.effectiveLimit = limit;
  }

  /** Adds one entry to a node's history; an evicted oldest entry leaves the count. */
  pushHistory(node: TopicNode, m: MqttMessage): void {
    const before = node.historyLength();
    const evicted = node.pushHistory(m, this.effectiveLimit);
    // One read and one write of the node's count (a full history, the usual case, evicts one and adds one).
    const d = evicted ? entryCost(m) - entryCost(evicted) : node.historyLength() > before ? entryCost(m) : 0;
    if (d !== 0) {
      node.historyBytes += d;
      this.keptBytes += d;
    }
  }

  /** Runs `change` (which may replace the node's last or retained message) and counts the difference. */
  track(node: TopicNode, change: () => void): void {
    const before = extraBytes(node);
    change();
    const d = extraBytes(node) - before;
    this.keptBytes += d;
    this.largeBytes += d;
  }

  /**
   * `m` becomes the node's newest message, and its retained one as nextRetained (topic-trie.ts)
   * says: counted like track() with that change, without a closure per message. When the node
   * held no large payload and `m` is not large, it still holds none: nothing to count.
   */
  newest(node: TopicNode, m: MqttMessage): void {
    const before = extraBytes(node);
    node.last = m;
    if (m.size === 0) node.retainedMessage = undefined;
    else if (m.retain) node.retainedMessage = m;
    if (before === 0 && m.payload.length <= HISTORY_PAYLOAD_LIMIT) return;
    const d = extraBytes(node) - before;
    this.keptBytes += d;
    this.largeBytes += d;
  }

  /** Starts again from a (new) user limit: resizes every history and recounts, then trims if needed. */
  reset(nodes: Iterable<TopicNode>, limit: number, epoch: number): void {
    this.effectiveLimit = limit;
    this.trimmed = undefined;
    this.resize(nodes, limit, epoch);
    this.enforce(nodes, epoch);
  }

  /** Forgets everything (the trie was cleared). */
  clear(limit: number): void {
    this.keptBytes = 0;
    this.largeBytes = 0;
    this.effectiveLimit = limit;
    this.trimmed = undefined;
  }

  /** Over the cap: back under 90 % of it (the order is in the comment at the top). */
  enforce(nodes: Iterable<TopicNode>, epoch: number): void {
    if (this.keptBytes <= this.budget) return;
    // Already trimmed to one message per topic with no large payload left: nothing more can go
    // (a million topics of small messages stay over the cap). Without this, every batch walked
    // every topic twice, looking for something to trim.
    if (this.trimmed && this.effectiveLimit <= 1 && this.largeBytes === 0) return;
    const target = this.budget * 0.9;
    let cut = 0;
    if (this.largeBytes * 2 >= this.keptBytes) cut += this.cutLargePayloads(nodes, target, epoch);
    let limit = this.effectiveLimit;
    while (this.keptBytes > target && limit > 1) {
      limit = Math.max(1, Math.floor(limit / 2));
      this.resize(nodes, limit, epoch);
    }
    this.effectiveLimit = Math.min(this.effectiveLimit, limit);
    if (this.keptBytes > target && this.largeBytes > 0) cut += this.cutLargePayloads(nodes, target, epoch);
    this.trimmed = { historyLimit: this.effectiveLimit, payloadsCut: (this.trimmed?.payloadsCut ?? 0) + cut };
  }

  /** Cuts large newest payloads to 16 KiB, topics quiet longest first, until `target`; returns how many. */
  private cutLargePayloads(nodes: Iterable<TopicNode>, target: number, epoch: number): number {
    const big = [...nodes].filter((n) => extraBytes(n) > 0).sort((a, b) => a.changedAt - b.changedAt);
    let cut = 0;
    for (const node of big) {
      if (this.keptBytes <= target) break;
      this.track(node, () => {
        if (node.last) node.last = cutPayload(node.last);
        if (node.retainedMessage) node.retainedMessage = cutPayload(node.retainedMessage);
      });
      cut++;
      stamp(node, epoch);
    }
    return cut;
  }

  /** Resizes every history to `limit` and recounts the bytes kept. */
  private resize(nodes: Iterable<TopicNode>, limit: number, epoch: number): void {
    let total = 0;
    let large = 0;
    for (const node of nodes) {
      if (node.hasHistory) {
        const before = node.historyLength();
        node.resizeHistory(limit);
        if (node.historyLength() !== before) {
          let bytes = 0;
          for (const m of node.historyEntries()) bytes += entryCost(m);
          node.historyBytes = bytes;
          stamp(node, epoch);
        }
      }
      const extra = extraBytes(node);
      total += node.historyBytes + extra;
      large += extra;
    }
    this.keptBytes = total;
    this.largeBytes = large;
  }
}
