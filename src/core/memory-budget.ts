/**
 * The Explorer's total memory cap. Each topic keeps its newest message (up to PAYLOAD_KEEP_LIMIT,
 * 1 MiB) and a history of up to `historyLimit` messages (HISTORY_PAYLOAD_LIMIT, 16 KiB, of each
 * payload), so without a cap memory grows as topics × (1 MiB + history × 16 KiB). The trie counts
 * what it keeps — payload bytes plus ENTRY_OVERHEAD_BYTES per history entry — and when the total
 * passes MEMORY_BUDGET_BYTES it trims, in this order, until it fits:
 *   1. every topic's history is halved (again and again, down to 1 message);
 *   2. the large newest payloads (over 16 KiB) of the topics that changed longest ago are cut
 *      to their first 16 KiB (shown with the usual "truncated" marker), down to 90 % of the cap.
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
