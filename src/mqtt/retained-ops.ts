/**
 * Deleting and restoring retained messages, safely: deletion publishes a zero-length
 * retained message to each concrete topic (never a wildcard, never a $ topic), after
 * taking a snapshot that Restore republishes byte for byte.
 */
import type { TopicNode } from '../core/topic-node';
import type { RetainedEntry } from '../core/retained-file';
import { validatePublishTopic } from '../core/topic-filter';
import { addSnapshot, markRestored, type Snapshot } from '../stores/retained-snapshots';
import { session } from './session';

export interface OpResult {
  done: number;
  failures: { topic: string; error: string }[];
}

/** The retained messages at or below `node` (or in the given nodes) that can be deleted. */
export function retainedEntries(nodes: TopicNode[]): RetainedEntry[] {
  const out: RetainedEntry[] = [];
  for (const n of nodes) {
    const m = n.retainedMessage;
    if (!m || !n.retained) continue;
    if (n.topic.startsWith('$') || validatePublishTopic(n.topic) !== null) continue;
    const e: RetainedEntry = { topic: n.topic, payload: m.payload.slice(), qos: m.qos };
    if (m.properties) e.properties = m.properties;
    out.push(e);
  }
  return out;
}

async function publishAll(entries: RetainedEntry[], toPayload: (e: RetainedEntry) => Uint8Array, qos: (e: RetainedEntry) => 0 | 1 | 2): Promise<OpResult> {
  const results = await Promise.all(
    entries.map(async (e) => {
      if (e.topic.startsWith('$') || validatePublishTopic(e.topic) !== null) {
        return { topic: e.topic, ok: false, error: 'Not a concrete topic that clients may publish to.' };
      }
      const r = await session.publish({
        topic: e.topic,
        payload: toPayload(e),
        qos: qos(e),
        retain: true,
        properties: toPayload(e).length ? e.properties : undefined,
      });
      return { topic: e.topic, ok: r.ok, error: r.error ?? (r.reasonCode ? `reason code ${r.reasonCode}` : '') };
    }),
  );
  return {
    done: results.filter((r) => r.ok).length,
    failures: results.filter((r) => !r.ok).map((r) => ({ topic: r.topic, error: r.error ?? 'failed' })),
  };
}

/** Snapshots, then deletes (QoS 1, so each deletion is acknowledged by the broker). */
export async function deleteRetained(entries: RetainedEntry[], label: string): Promise<OpResult & { snapshot: Snapshot }> {
  const snapshot = addSnapshot(label, entries);
  const result = await publishAll(entries, () => new Uint8Array(0), () => 1);
  return { ...result, snapshot };
}

/** Republishes every message of a snapshot retained, with its payload bytes and QoS. */
export async function restoreSnapshot(snapshot: Snapshot): Promise<OpResult> {
  const result = await publishAll(snapshot.entries, (e) => e.payload, (e) => e.qos);
  if (result.failures.length === 0) markRestored(snapshot.id);
  return result;
}

/** Publishes imported entries as retained messages. */
export function publishRetained(entries: RetainedEntry[]): Promise<OpResult> {
  return publishAll(entries, (e) => e.payload, (e) => e.qos);
}
