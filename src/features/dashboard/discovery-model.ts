/**
 * Devices announced through Home Assistant MQTT discovery: retained configs
 * under `homeassistant/…/config`, read from the trie when the list is first shown and kept up
 * to date from the session's batches after (an empty config removes the device). Fed by
 * src/app/live.ts (onBatch, onTrieChanged); the list component reads it with useModel.
 */
import { session } from '../../mqtt/session';
import { VersionedEmitter } from '../../core/emitter';
import { useModel } from '../../hooks/use-model';
import { decodePayload } from '../../core/payload';
import type { MqttMessage } from '../../core/message';
import { DISCOVERY_PREFIX, mapDiscovery, parseDiscoveryTopic, type DiscoveredEntity } from '../../core/ha-discovery';
import type { TopicNode } from '../../core/topic-node';
import { describeIssues, widgetSchema } from '../../core/dashboard-schema';

export type DiscoveryEntry = { topic: string; ok: true; entity: DiscoveredEntity } | { topic: string; ok: false; name: string; error: string };

class DiscoveryModel extends VersionedEmitter {
  private entries = new Map<string, DiscoveryEntry>();
  private cache: DiscoveryEntry[] = [];
  private started = false;

  /** Entries sorted by name (devices that can be added first). */
  list(): DiscoveryEntry[] {
    return this.cache;
  }

  /** Starts keeping the list when it is first shown: what the trie already holds, then batches. */
  protected override onFirstListener(): void {
    if (this.started) return;
    this.started = true;
    const root = session.trie.get(DISCOVERY_PREFIX);
    if (root) this.walk(root, 0);
    this.listChanged();
  }

  /** One applied batch (nothing to do until the list was first shown). */
  onBatch(messages: readonly MqttMessage[]): void {
    if (!this.started) return;
    let touched = false;
    for (const m of messages) if (m.topic.startsWith(`${DISCOVERY_PREFIX}/`) && this.apply(m)) touched = true;
    if (touched) this.listChanged();
  }

  /** The trie is cleared when the user connects elsewhere: forget what it announced. */
  onTrieChanged(): void {
    if (this.entries.size > 0 && session.trie.topicCount === 0) {
      this.entries.clear();
      this.listChanged();
    }
  }

  private walk(node: TopicNode, depth: number): void {
    if (node.last) this.apply(node.last);
    if (depth >= 4) return;
    for (const child of node.children.values()) this.walk(child, depth + 1);
  }

  private apply(m: MqttMessage): boolean {
    if (!parseDiscoveryTopic(m.topic)) return false;
    if (m.payload.length === 0) return this.entries.delete(m.topic);
    const decoded = decodePayload(m.payload);
    const text = decoded.text ?? '';
    const r = mapDiscovery(m.topic, text);
    const fallbackName = m.topic.split('/').slice(-2, -1)[0] ?? m.topic;
    // Only offer what the dashboard would accept (e.g. no wildcard in a command topic).
    const check = r.ok ? widgetSchema.safeParse({ ...r.entity.widget, id: 'discovered', pos: { x: 0, y: 0, w: 1, h: 1 } }) : undefined;
    if (r.ok && check && !check.success) {
      this.entries.set(m.topic, { topic: m.topic, ok: false, name: r.entity.name, error: describeIssues(check.error) });
      return true;
    }
    this.entries.set(
      m.topic,
      r.ok ? { topic: m.topic, ok: true, entity: r.entity } : { topic: m.topic, ok: false, name: r.name ?? fallbackName, error: r.error },
    );
    return true;
  }

  private listChanged(): void {
    const name = (e: DiscoveryEntry) => (e.ok ? e.entity.name : e.name);
    this.cache = [...this.entries.values()].sort(
      (a, b) => Number(b.ok) - Number(a.ok) || name(a).localeCompare(name(b)) || a.topic.localeCompare(b.topic),
    );
    this.changed();
  }
}

export const discoveryModel = new DiscoveryModel();

export function useDiscovered(): DiscoveryEntry[] {
  useModel(discoveryModel);
  return discoveryModel.list();
}
